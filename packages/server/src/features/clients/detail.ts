import type { Appointment, Client, Consent, Encounter, Goal, Task } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import { clientDisplayName, isoColumn as iso } from './queries.js';

export const consentColumns = `k.id, k.kind, k.method, k.given_on::text as "givenOn", k.partner_name as "partnerName",
  k.partner_category as "partnerCategory", k.note, rb.display_name as "recordedBy", ${iso('k.recorded_at')} as "recordedAt",
  ${iso('k.revoked_at')} as "revokedAt", vb.display_name as "revokedBy"`;
export const consentFrom = `consent k join app_user rb on rb.id = k.recorded_by left join app_user vb on vb.id = k.revoked_by`;

/** Sensitive notes are left out unless `withSensitive`: lists never carry them. */
export const encounterColumns = (
  withSensitive: boolean,
) => `e.id, e.kind, ${iso('e.occurred_at')} as "occurredAt",
  e.duration_minutes as "durationMinutes", e.language, e.activities,
  ${withSensitive ? 'e.note' : 'case when e.note_sensitive then null else e.note end'} as note,
  e.note_sensitive as "noteSensitive", a.display_name as "authorName"`;

export const appointmentColumns = `p.id, p.place, p.purpose, ${iso('p.at')} as at, p.status, p.barriers, p.note`;

export const taskColumns = `t.id, t.client_id as "clientId", ${clientDisplayName} as "clientName", t.title,
  t.due_on::text as "dueOn", t.status, t.source, t.assignee_id as "assigneeId"`;

/** The whole record of one client, for the person's page. The caller has checked scope. */
export async function clientDetail(
  db: Queryable,
  orgId: string,
  id: string,
  accessUntil: string | null,
): Promise<Client | undefined> {
  const [row] = await db.query<
    Omit<Client, 'consents' | 'goals' | 'appointments' | 'openTasks' | 'encounters' | 'accessUntil'>
  >(
    `select c.id, c.given_name as "givenName", c.family_name as "familyName", c.preferred_name as "preferredName",
            ${clientDisplayName} as "displayName", c.preferred_language as "preferredLanguage",
            c.birth_date::text as "birthDate", c.age_range as "ageRange", c.gender, c.phone,
            c.ok_to_text as "okToText", c.ok_to_leave_message as "okToLeaveMessage", c.safe_to_contact as "safeToContact",
            c.neighborhood, c.address, c.household, c.insurance_status as "insuranceStatus", c.notes,
            c.assigned_chw_id as "assignedChwId", u.display_name as "assignedChwName", c.backup_chw_id as "backupChwId",
            ${iso('c.created_at')} as "createdAt", ${iso('c.updated_at')} as "updatedAt"
       from client c left join app_user u on u.id = c.assigned_chw_id
      where c.org_id = $1 and c.id = $2`,
    [orgId, id],
  );
  if (!row) return undefined;
  const params = [orgId, id];
  const [consents, goals, steps, appointments, openTasks, encounters] = await Promise.all([
    db.query<Consent>(
      `select ${consentColumns} from ${consentFrom} where k.org_id = $1 and k.client_id = $2 order by k.recorded_at desc`,
      params,
    ),
    db.query<Omit<Goal, 'steps'>>(
      `select g.id, g.text, g.need_area as "needArea", g.status, ${iso('g.created_at')} as "createdAt"
         from goal g where g.org_id = $1 and g.client_id = $2 order by g.created_at`,
      params,
    ),
    db.query<Goal['steps'][number] & { goalId: string }>(
      `select s.id, s.goal_id as "goalId", s.text, s.owner, s.due_on::text as "dueOn", s.status
         from goal_step s join goal g on g.id = s.goal_id
        where s.org_id = $1 and g.client_id = $2 order by s.due_on nulls last, s.created_at`,
      params,
    ),
    db.query<Appointment>(
      `select ${appointmentColumns} from appointment p where p.org_id = $1 and p.client_id = $2 order by p.at desc limit 50`,
      params,
    ),
    db.query<Task>(
      `select ${taskColumns} from task t join client c on c.id = t.client_id
        where t.org_id = $1 and t.client_id = $2 and t.status = 'open' order by t.due_on`,
      params,
    ),
    db.query<Encounter>(
      `select ${encounterColumns(false)} from encounter e join app_user a on a.id = e.author_id
        where e.org_id = $1 and e.client_id = $2 order by e.occurred_at desc limit 50`,
      params,
    ),
  ]);
  return {
    ...row,
    accessUntil,
    consents,
    goals: goals.map((g) => ({
      ...g,
      steps: steps.filter((s) => s.goalId === g.id).map(({ goalId: _g, ...s }) => s),
    })),
    appointments,
    openTasks,
    encounters,
  };
}
