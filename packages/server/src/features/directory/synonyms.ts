import {
  type DirectorySynonym,
  type DirectorySynonymRequest,
  PuenteError,
  SYNONYMS_MAX,
  type Synonym,
  stem,
  uuidv7,
  words,
} from '@puente/core';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';

/** The term as search compares it: one synonym per term, however it is spelt or accented. */
const termKey = (term: string) => words(term).map(stem).join(' ');

const columns = sql`id, term, means, ${isoColumn('created_at')} as "createdAt"`;

/** The program's synonyms, newest first. */
export async function listSynonyms(db: Queryable, orgId: string): Promise<DirectorySynonym[]> {
  return db.query<DirectorySynonym>(
    sql`select ${columns} from directory_synonym where org_id = ${orgId} order by created_at desc, id desc`,
  );
}

/** What the search needs of them: term and meaning, for queryTerms. */
export async function programSynonyms(db: Queryable, orgId: string): Promise<Synonym[]> {
  return db.query<Synonym>('select term, means from directory_synonym where org_id = $1 order by id', [
    orgId,
  ]);
}

/**
 * Adds a program's word. Refused with a reason: a term of stop words only ("de la") would
 * never be matched, a meaning of stop words only would add nothing, a term already there
 * (folded and stemmed alike) would be a second meaning for the same words.
 */
export async function addSynonym(
  tx: Queryable,
  caller: Caller,
  request: DirectorySynonymRequest,
): Promise<DirectorySynonym> {
  const { actor } = caller;
  const key = termKey(request.term);
  if (key === '') throw new PuenteError(422, 'errors.synonymNoWords', { field: 'term' });
  if (termKey(request.means) === '') throw new PuenteError(422, 'errors.synonymNoWords', { field: 'means' });
  // Counted under a lock on the organization's row, so two admins adding at once cannot pass the limit.
  await tx.query('select 1 from organization where id = $1 for update', [actor.orgId]);
  const [count] = await tx.query<{ n: number }>(
    'select count(*)::int as n from directory_synonym where org_id = $1',
    [actor.orgId],
  );
  if ((count?.n ?? 0) >= SYNONYMS_MAX)
    throw new PuenteError(422, 'errors.synonymsFull', { max: SYNONYMS_MAX });
  const id = uuidv7();
  const inserted = await tx.query(
    `insert into directory_synonym (id, org_id, term, term_key, means, created_by) values ($1, $2, $3, $4, $5, $6)
     on conflict (org_id, term_key) do nothing returning id`,
    [id, actor.orgId, request.term, key, request.means, actor.userId],
  );
  if (inserted.length === 0) throw new PuenteError(409, 'errors.synonymExists', { term: request.term });
  await recordAudit(tx, who(caller), {
    action: 'directory.synonym-added',
    subjectType: 'directory_synonym',
    subjectId: id,
    detail: { term: request.term, means: request.means },
  });
  const [row] = await tx.query<DirectorySynonym>(
    sql`select ${columns} from directory_synonym where id = ${id}`,
  );
  if (!row) throw new PuenteError(404, 'errors.synonymNotFound');
  return row;
}

export async function removeSynonym(tx: Queryable, caller: Caller, id: string): Promise<void> {
  const { actor } = caller;
  const rows = await tx.query<{ term: string }>(
    'delete from directory_synonym where org_id = $1 and id = $2 returning term',
    [actor.orgId, id],
  );
  if (rows.length === 0) throw new PuenteError(404, 'errors.synonymNotFound');
  await recordAudit(tx, who(caller), {
    action: 'directory.synonym-removed',
    subjectType: 'directory_synonym',
    subjectId: id,
    detail: { term: rows[0]?.term },
  });
}
