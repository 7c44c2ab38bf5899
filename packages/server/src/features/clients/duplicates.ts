import { foldName, PuenteError, similarNames } from '@puente/core';
import { bind, clientScope, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';

/**
 * What the duplicate check tells the caller. People they may see are named when
 * a similar name has the same phone or birth date: the CHW knows them and judges.
 * People outside their scope are never named nor counted: the caller learns only
 * that a strong match is held by another CHW, to ask their supervisor.
 *
 * Strong means the same given and family name once folded (accents, case and
 * punctuation ignored; the record may go on with more words, such as a second
 * family name or a preferred name) AND the same birth date or the same phone.
 * A phone alone is not strong (families share one), nor a similar spelling: both
 * would let anyone try names and numbers to learn who is enrolled.
 */
export interface PossibleDuplicates {
  visible: { id: string; displayName: string; match: 'phone' | 'birthDate' }[];
  heldElsewhere: boolean;
}

interface Probe {
  givenName: string;
  familyName?: string | undefined;
  phone?: string | undefined;
  birthDate?: string | undefined;
}

interface Candidate {
  id: string;
  name: string;
  phone: string | null;
}

/** People the caller may see with the same phone or birth date (the name is judged by `similarNames`). */
async function visibleCandidates(db: Queryable, actor: Actor, probe: Probe): Promise<Candidate[]> {
  return db.query<Candidate>(
    sql`select c.id, c.given_name || coalesce(' ' || c.family_name, '') as name, c.phone
          from client c
         where ${clientScope(actor)} and (c.phone = ${probe.phone ?? null} or c.birth_date = ${probe.birthDate ?? null}::date)
         limit 50`,
  );
}

/** Whether someone outside the caller's scope matches strongly (see `PossibleDuplicates`): yes or no, nothing else. */
async function strongMatchElsewhere(db: Queryable, actor: Actor, probe: Probe): Promise<boolean> {
  const name = foldName([probe.givenName, probe.familyName].filter(Boolean).join(' '));
  if (!name) return false;
  // `is not true`: the scope is null, not false, for a record with no backup CHW.
  const folded = bind(name);
  const [row] = await db.query<{ held: boolean }>(
    sql`select exists (
       select 1 from client c
        where c.org_id = ${actor.orgId} and c.merged_into is null and ${clientScope(actor)} is not true
          and (c.name_folded = ${folded} or (${Boolean(probe.familyName)} and starts_with(c.name_folded, ${folded} || ' ')))
          and (c.phone = ${probe.phone ?? null} or c.birth_date = ${probe.birthDate ?? null}::date)) as held`,
  );
  return row?.held === true;
}

/** Possible duplicates of a person about to be registered. */
export async function possibleDuplicates(
  db: Queryable,
  actor: Actor,
  probe: Probe,
): Promise<PossibleDuplicates> {
  if (!probe.phone && !probe.birthDate) return { visible: [], heldElsewhere: false };
  const name = [probe.givenName, probe.familyName].filter(Boolean).join(' ');
  const visible = (await visibleCandidates(db, actor, probe))
    .filter((c) => similarNames(c.name, name))
    .map((c) => ({
      id: c.id,
      displayName: c.name,
      match: probe.phone && c.phone === probe.phone ? ('phone' as const) : ('birthDate' as const),
    }));
  return { visible, heldElsewhere: await strongMatchElsewhere(db, actor, probe) };
}

/**
 * Runs the check before a registration and audits it. The audit holds which
 * identifiers were compared and what was found, never the name or the phone.
 */
export async function checkDuplicates(
  tx: Queryable,
  caller: Caller,
  probe: Probe,
): Promise<PossibleDuplicates> {
  const found = await possibleDuplicates(tx, caller.actor, probe);
  await recordAudit(tx, who(caller), {
    action: 'client.duplicate-check',
    subjectType: 'client',
    detail: {
      compared: [probe.phone ? 'phone' : null, probe.birthDate ? 'birthDate' : null].filter(Boolean),
      named: found.visible.length,
      heldElsewhere: found.heldElsewhere,
    },
  });
  return found;
}

/** Refuses with 409 and what the caller may learn when the check found someone. */
export function refuseDuplicates(found: PossibleDuplicates | undefined): void {
  if (found && (found.visible.length > 0 || found.heldElsewhere)) {
    throw new PuenteError(
      409,
      'errors.possibleDuplicate',
      {},
      { members: { duplicates: found.visible, heldElsewhere: found.heldElsewhere } },
    );
  }
}
