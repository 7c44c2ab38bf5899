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
import { bind, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { encounterColumns } from '../clients/detail.js';
import { requireVisibleClient } from '../clients/scope.js';
import { withClient } from '../clients/with-client.js';
import { defaultSettings } from '../settings/queries.js';

export const FOLLOW_UP_SOURCE = 'rule:after-visit';

/**
 * Records a contact. Encounters are append-only. When the program asks for a
 * follow-up N days after a visit, the person's follow-up task is created or
 * moved to the new date.
 */
export async function recordEncounter(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  request: z.infer<typeof NewEncounterRequest>,
): Promise<{ encounter: Encounter; created: boolean }> {
  const { actor } = caller;
  await requireVisibleClient(tx, actor, clientId);
  const id = request.id ?? uuidv7();
  // Written and read back in one step. The same id sent twice (a retry from a phone) writes nothing
  // the second time: it is the same visit, not a second one.
  const [made] = await tx.query<Encounter>(
    sql`with made as (
       insert into encounter (id, org_id, client_id, author_id, kind, occurred_at, duration_minutes, language,
           activities, note, note_sensitive)
       values (${id}, ${actor.orgId}, ${clientId}, ${actor.userId}, ${request.kind}, ${request.occurredAt},
               ${request.durationMinutes ?? null}, ${request.language}, ${request.activities}, ${request.note ?? null},
               ${request.noteSensitive})
       on conflict (id) do nothing
       returning *)
     select ${encounterColumns(false)} from made e join app_user a on a.id = e.author_id`,
  );
  if (!made) {
    const [existing] = await tx.query<{ clientId: string }>(
      'select client_id as "clientId" from encounter where id = $1 and org_id = $2',
      [id, actor.orgId],
    );
    if (existing?.clientId !== clientId) throw new PuenteError(409, 'errors.idTaken');
    return { encounter: await encounterById(tx, actor.orgId, id, false), created: false };
  }
  const [client] = await tx.query<{ chw: string | null }>(
    `update client set last_contact_at = greatest(last_contact_at, $3::timestamptz) where org_id = $1 and id = $2
     returning assigned_chw_id as chw`,
    [actor.orgId, clientId, request.occurredAt],
  );
  await scheduleFollowUp(tx, actor, clientId, client?.chw ?? actor.userId, request.occurredAt);
  await recordAudit(tx, who(caller), {
    action: 'encounter.recorded',
    subjectType: 'client',
    subjectId: clientId,
    detail: { encounter: id, kind: request.kind, sensitive: request.noteSensitive },
  });
  return { encounter: made, created: true };
}

/**
 * Moves the person's open follow-up to the new due date, or makes one for whoever holds
 * their case. The program's days and zone are read in the same statement (one round trip
 * of a visit's nine, not two): the due day is the visit's day in the program's zone plus
 * its days, and nothing is written when the program asks for no follow-up (0 days).
 */
async function scheduleFollowUp(
  tx: Queryable,
  actor: Actor,
  clientId: string,
  assignee: string,
  occurredAt: string,
) {
  await tx.query(
    `with setting as (
       select coalesce(p.follow_up_days_after_visit, $10::int) as days, coalesce(p.time_zone, $11::text) as zone
         from (select 1) one left join program_setting p on p.org_id = $1),
     due as (select ($3::timestamptz at time zone zone)::date + days as day from setting where days > 0),
     moved as (
       update task set due_on = greatest(due_on, due.day) from due
        where org_id = $1 and client_id = $2 and status = 'open' and source = $4
       returning task.id)
     insert into task (id, org_id, client_id, assignee_id, title, code, due_on, source, created_by)
     select $5::uuid, $1, $2, $6::uuid, $8, $9, due.day, $4, $7::uuid from due
      where not exists (select 1 from moved)`,
    [
      actor.orgId,
      clientId,
      occurredAt,
      FOLLOW_UP_SOURCE,
      uuidv7(),
      assignee,
      actor.userId,
      // Words for whoever reads the stored title; readers get the code's words in their own language.
      taskTitle(translator(actor.locale), { title: AFTER_VISIT_CODE, code: AFTER_VISIT_CODE }),
      AFTER_VISIT_CODE,
      // A program that never saved its settings has the defaults programSettings() answers.
      defaultSettings.followUpDaysAfterVisit,
      defaultSettings.timeZone,
    ],
  );
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
