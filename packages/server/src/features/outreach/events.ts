import { randomBytes } from 'node:crypto';
import {
  localDate,
  type NewEventRequest,
  type OutreachEvent,
  PuenteError,
  readableCode,
  talkCheck,
  type UpdateEventRequest,
  uuidv7,
} from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { programSettings } from '../settings/queries.js';
import { resolveCheck, talkCheckCanonical } from './check-form.js';

const eventColumns = `e.id, e.title, to_char(e.held_on, 'YYYY-MM-DD') as "heldOn", e.place, e.neighborhood,
  e.audience, e.language, e.topics, e.attendance, e.materials, e.status,
  e.check_questionnaire as "checkQuestionnaire", e.check_phase as "checkPhase", e.check_code as "checkCode",
  coalesce((select json_agg(json_build_object('id', u.id, 'name', u.display_name) order by u.display_name)
              from app_user u where u.id = any(e.facilitator_ids)), '[]'::json) as facilitators,
  (select count(*)::int from outreach_sign_in s where s.event_id = e.id) as "signIns",
  (select count(*)::int from outreach_sign_up s where s.event_id = e.id) as "signUps",
  (select f.resource->>'title' from program_form f
    where f.org_id = e.org_id and f.url || '|' || f.version = e.check_questionnaire) as "formTitle"`;

type EventRow = Omit<OutreachEvent, 'checkTitle'> & { formTitle: string | null };

const withTitle = ({ formTitle, ...row }: EventRow): OutreachEvent => ({
  ...row,
  checkTitle: row.checkQuestionnaire === talkCheckCanonical ? (talkCheck.title ?? null) : formTitle,
});

/** The organization's events, newest first. Events hold no person data, so any outreach worker sees all. */
export async function listEvents(db: Queryable, orgId: string): Promise<OutreachEvent[]> {
  const rows = await db.query<EventRow>(
    `select ${eventColumns} from outreach_event e where e.org_id = $1 order by e.held_on desc, e.created_at desc limit 500`,
    [orgId],
  );
  return rows.map(withTitle);
}

/** One event of the caller's organization; another organization's is "not found". */
export async function eventById(db: Queryable, orgId: string, id: string): Promise<OutreachEvent> {
  const [row] = await db.query<EventRow>(
    `select ${eventColumns} from outreach_event e where e.org_id = $1 and e.id = $2`,
    [orgId, id],
  );
  if (!row) throw new PuenteError(404, 'errors.eventNotFound');
  return withTitle(row);
}

async function requireFacilitators(tx: Queryable, orgId: string, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  const found = await tx.query(
    'select 1 from app_user where org_id = $1 and id = any($2::uuid[]) and disabled_at is null',
    [orgId, unique],
  );
  if (found.length !== unique.length) throw new PuenteError(400, 'errors.facilitatorNotFound');
}

/** "Held" is a fact about the past: an event dated after today (program time) cannot be. */
async function requireHeldInPast(tx: Queryable, orgId: string, status: string, heldOn: string) {
  if (status !== 'held') return;
  const { timeZone } = await programSettings(tx, orgId);
  if (heldOn > localDate(new Date(), timeZone)) throw new PuenteError(400, 'errors.eventHeldInFuture');
}

/** A fresh short code for the attendees' link, retried on the rare clash. */
async function freshCode(tx: Queryable): Promise<string> {
  for (;;) {
    const code = readableCode(randomBytes(6));
    const taken = await tx.query('select 1 from outreach_event where check_code = $1', [code]);
    if (taken.length === 0) return code;
  }
}

export async function createEvent(tx: Queryable, caller: Caller, request: NewEventRequest) {
  const { actor } = caller;
  const facilitators = request.facilitatorIds.length > 0 ? request.facilitatorIds : [actor.userId];
  await requireFacilitators(tx, actor.orgId, facilitators);
  await requireHeldInPast(tx, actor.orgId, request.status, request.heldOn);
  const check = request.checkQuestionnaire
    ? await resolveCheck(tx, actor.orgId, request.checkQuestionnaire)
    : undefined;
  const id = uuidv7();
  await tx.query(
    `insert into outreach_event (id, org_id, title, held_on, place, neighborhood, audience, language, topics,
        facilitator_ids, attendance, materials, status, check_questionnaire, check_code, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      id,
      actor.orgId,
      request.title,
      request.heldOn,
      request.place,
      request.neighborhood || null,
      request.audience,
      request.language,
      request.topics,
      facilitators,
      request.attendance,
      request.materials || null,
      request.status,
      check?.canonical ?? null,
      check ? await freshCode(tx) : null,
      actor.userId,
    ],
  );
  await recordAudit(tx, who(caller), {
    action: 'outreach.event-created',
    subjectType: 'event',
    subjectId: id,
  });
  return eventById(tx, actor.orgId, id);
}

const columnOf: Record<string, string> = {
  title: 'title',
  heldOn: 'held_on',
  place: 'place',
  neighborhood: 'neighborhood',
  audience: 'audience',
  language: 'language',
  topics: 'topics',
  facilitatorIds: 'facilitator_ids',
  attendance: 'attendance',
  materials: 'materials',
  status: 'status',
  checkPhase: 'check_phase',
};

export async function updateEvent(tx: Queryable, caller: Caller, id: string, change: UpdateEventRequest) {
  const { actor } = caller;
  const before = await eventById(tx, actor.orgId, id);
  if (change.facilitatorIds?.length) await requireFacilitators(tx, actor.orgId, change.facilitatorIds);
  await requireHeldInPast(tx, actor.orgId, change.status ?? before.status, change.heldOn ?? before.heldOn);
  const sets: string[] = [];
  const values: unknown[] = [actor.orgId, id];
  for (const [key, value] of Object.entries(change)) {
    const column = columnOf[key];
    if (!column || value === undefined) continue;
    values.push(value === '' ? null : value);
    sets.push(`${column} = $${values.length}`);
  }
  if (change.checkQuestionnaire !== undefined && change.checkQuestionnaire !== before.checkQuestionnaire) {
    const check = change.checkQuestionnaire
      ? await resolveCheck(tx, actor.orgId, change.checkQuestionnaire)
      : undefined;
    values.push(check?.canonical ?? null);
    sets.push(`check_questionnaire = $${values.length}`);
    if (check && !before.checkCode) {
      values.push(await freshCode(tx));
      sets.push(`check_code = $${values.length}`);
    }
  }
  if (sets.length > 0) {
    await tx.query(
      `update outreach_event set ${sets.join(', ')}, updated_at = now() where org_id = $1 and id = $2`,
      values,
    );
  }
  await recordAudit(tx, who(caller), {
    action: 'outreach.event-changed',
    subjectType: 'event',
    subjectId: id,
    detail: { fields: Object.keys(change).sort() },
  });
  return eventById(tx, actor.orgId, id);
}
