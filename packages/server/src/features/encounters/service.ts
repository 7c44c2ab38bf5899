import {
  AFTER_VISIT_CODE,
  type Encounter,
  type NewEncounterRequest,
  PuenteError,
  taskTitle,
  translator,
  uuidv7,
} from '@puente/core';
import type { z } from 'zod';
import { changeUnconfirmed } from '../../db/hosts.js';
import { type Bound, bind, clientScope, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { auditInsert, recordAudit, who } from '../audit/record.js';
import { encounterColumns } from '../clients/detail.js';
import { requireVisibleClient } from '../clients/scope.js';
import { withClient } from '../clients/with-client.js';
import { defaultSettings } from '../settings/queries.js';

export const FOLLOW_UP_SOURCE = 'rule:after-visit';

/**
 * Records a contact. Encounters are append-only. When the program asks for a
 * follow-up N days after a visit, the person's follow-up task is created or
 * moved to the new date.
 *
 * One statement does it all: the scope check, the visit, the person's last contact, the
 * follow-up and the audit event, as data-modifying CTEs that each write only when the
 * visit was written. A visit was nine round trips to PostgreSQL, each a socket write
 * and a wake-up on both sides (half of the server's busy time went to `writev`); a
 * statement is atomic on its own, inside the caller's transaction or without one.
 */
export async function recordEncounter(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  request: z.infer<typeof NewEncounterRequest>,
): Promise<{ encounter: Encounter; created: boolean }> {
  const { actor } = caller;
  const id = request.id ?? uuidv7();
  const client = bind(clientId);
  const org = bind(actor.orgId);
  const at = bind(request.occurredAt);
  const audited = auditInsert(
    who(caller),
    {
      action: 'encounter.recorded',
      subjectType: 'client',
      subjectId: clientId,
      detail: { encounter: id, kind: request.kind, sensitive: request.noteSensitive },
    },
    sql`from made`,
  );
  // The same id sent twice (a retry from a phone) writes nothing the second time: it is the
  // same visit, not a second one. So the statement may be sent once more when a lost primary
  // cut it off while it ran (kept or not, nobody could say): kept, the second run writes
  // nothing and the visit is answered as already recorded, below.
  const statement = sql`with visible as (select c.id from client c where c.id = ${client} and ${clientScope(actor)}),
     made as (
       insert into encounter (id, org_id, client_id, author_id, kind, occurred_at, duration_minutes, language,
           activities, note, note_sensitive)
       select ${id}::uuid, ${org}::uuid, visible.id, ${actor.userId}::uuid, ${request.kind}::text,
              ${at}::timestamptz, ${request.durationMinutes ?? null}::int, ${request.language}::text,
              ${request.activities}::text[], ${request.note ?? null}::text, ${request.noteSensitive}::boolean
         from visible
       on conflict (id) do nothing
       returning *),
     contact as (
       update client c set last_contact_at = greatest(c.last_contact_at, ${at}::timestamptz)
         from made where c.org_id = ${org} and c.id = made.client_id
       returning c.assigned_chw_id as chw),
     ${followUp(actor, client, at)},
     audited as (${audited})
     select ${encounterColumns(false)} from made e join app_user a on a.id = e.author_id
       left join follow_up on true`;
  const [made] = await tx.query<Encounter>(statement).catch((error: unknown) => {
    if (changeUnconfirmed(error)) return tx.query<Encounter>(statement);
    throw error;
  });
  if (made) return { encounter: made, created: true };
  // Nothing written: not a person of theirs (the same answer as for one that does not
  // exist), or this visit's id is already taken.
  await requireVisibleClient(tx, actor, clientId);
  const [existing] = await tx.query<{ clientId: string }>(
    'select client_id as "clientId" from encounter where id = $1 and org_id = $2',
    [id, actor.orgId],
  );
  if (existing?.clientId !== clientId) throw new PuenteError(409, 'errors.idTaken');
  return { encounter: await encounterById(tx, actor.orgId, id, false), created: false };
}

/**
 * The CTE that moves the person's open follow-up to the new due date, or makes one for whoever
 * holds their case, once the visit was written and the person's row is locked (`contact`). It
 * calls schedule_visit_follow_up (migration 0045), whose own statements see a follow-up made by
 * a visit for the same person that committed while this one waited for the row: read with this
 * statement's snapshot, two visits at once each made one.
 */
function followUp(actor: Actor, client: Bound, at: Bound): Sql {
  // Words for whoever reads the stored title; readers get the code's words in their own language.
  const title = taskTitle(translator(actor.locale), { title: AFTER_VISIT_CODE, code: AFTER_VISIT_CODE });
  return sql`follow_up as (
       select schedule_visit_follow_up(${actor.orgId}::uuid, ${client}::uuid,
                coalesce(contact.chw, ${actor.userId}::uuid), ${at}::timestamptz, ${uuidv7()}::uuid,
                ${title}::text, ${AFTER_VISIT_CODE}::text, ${FOLLOW_UP_SOURCE}::text, ${actor.userId}::uuid,
                ${defaultSettings.followUpDaysAfterVisit}::int, ${defaultSettings.timeZone}::text) as scheduled
         from contact)`;
}

export async function encounterById(
  db: Queryable,
  orgId: string,
  id: string,
  withSensitive: boolean,
): Promise<Encounter> {
  const [row] = await db.query<Encounter>(
    sql`select ${encounterColumns(withSensitive)} from encounter e join app_user a on a.id = e.author_id
         where e.org_id = ${orgId} and e.id = ${id}`,
  );
  if (!row) throw new PuenteError(404, 'errors.encounterNotFound');
  return row;
}

/** Opens one encounter with its note; opening a sensitive note is audited as such. */
export async function openEncounter(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  encounterId: string,
): Promise<Encounter> {
  const { actor } = caller;
  await requireVisibleClient(tx, actor, clientId);
  const [row] = await tx.query('select 1 from encounter where org_id = $1 and client_id = $2 and id = $3', [
    actor.orgId,
    clientId,
    encounterId,
  ]);
  if (!row) throw new PuenteError(404, 'errors.encounterNotFound');
  const encounter = await encounterById(tx, actor.orgId, encounterId, true);
  await recordAudit(tx, who(caller), {
    action: encounter.noteSensitive ? 'encounter.sensitive-note-viewed' : 'encounter.viewed',
    subjectType: 'client',
    subjectId: clientId,
    detail: { encounter: encounterId },
  });
  return encounter;
}

export function listEncounters(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  page: { limit: number; before?: string | undefined },
): Promise<Encounter[]> {
  const { actor } = caller;
  const before = bind(page.before ?? null);
  return withClient(tx, caller, clientId, 'encounter.listed', async () => ({
    result: await tx.query<Encounter>(
      sql`select ${encounterColumns(false)} from encounter e join app_user a on a.id = e.author_id
           where e.org_id = ${actor.orgId} and e.client_id = ${clientId}
             and (${before}::timestamptz is null or e.occurred_at < ${before})
           order by e.occurred_at desc limit ${page.limit}`,
    ),
  }));
}
