import type { Client, Goal } from '@puente/core';
import { bind, displayName, isoColumn as iso, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import { hasRiskFlag } from '../risk-flags/queries.js';
import { clientColumns, clientFields } from './columns.js';

export const consentColumns = sql`k.id, k.kind, k.method, k.given_on::text as "givenOn", k.partner_name as "partnerName",
  k.partner_category as "partnerCategory", k.data_kinds as "dataKinds", k.note, coalesce(rb.display_name, '') as "recordedBy", ${iso('k.recorded_at')} as "recordedAt",
  ${iso('k.revoked_at')} as "revokedAt", vb.display_name as "revokedBy"`;
export const consentFrom = sql`consent k left join app_user rb on rb.id = k.recorded_by left join app_user vb on vb.id = k.revoked_by`;

/** Sensitive notes are left out unless `withSensitive`: lists never carry them. */
export const encounterColumns = (
  withSensitive: boolean,
): Sql => sql`e.id, e.kind, ${iso('e.occurred_at')} as "occurredAt",
  e.duration_minutes as "durationMinutes", e.language, e.activities,
  ${withSensitive ? sql`e.note` : sql`case when e.note_sensitive then null else e.note end`} as note,
  e.note_sensitive as "noteSensitive", a.display_name as "authorName"`;

export const appointmentColumns = sql`p.id, p.place, p.purpose, ${iso('p.at')} as at, p.status, p.barriers, p.note,
  p.text_reply as "textReply", p.referral_id as "referralId"`;

/** A task as every list shows it, on aliases `t` (task) and `c` (its client). */
export const taskColumns = sql`t.id, t.client_id as "clientId", ${displayName} as "clientName", t.title,
  t.due_on::text as "dueOn", t.status, t.source, t.code, ${iso('t.due_at')} as "dueAt", ${iso('t.visit_at')} as "visitAt", t.text_reply as "textReply", t.outcome,
  t.assignee_id as "assigneeId", ${hasRiskFlag('c')} as "riskFlag"`;

/**
 * The rows of `select` as one JSON array, in the order of its `_o` column
 * (left out of each item): a list of the record read in the same query.
 */
const listOf = (select: Sql) =>
  sql`coalesce((select jsonb_agg(to_jsonb(x) - '_o' order by x._o) from (${select}) x), '[]'::jsonb)`;

/**
 * The whole record of one client, for the person's page, in one query (the
 * person, consents, goals and their steps, appointments, open tasks, recent
 * visits): the page opens many times a day. The caller has checked scope.
 */
export async function clientDetail(
  db: Queryable,
  orgId: string,
  id: string,
  accessUntil: string | null,
  /** An audit event's insert (audit/record.ts auditInsert), written by the same statement. */
  audited?: Sql,
): Promise<Client | undefined> {
  // Every part reads the same two values: one number each, as the hand-numbered query had.
  const org = bind(orgId);
  const client = bind(id);
  const [row] = await db.query<
    Omit<Client, 'goals' | 'accessUntil'> & {
      goals: Omit<Goal, 'steps'>[];
      steps: (Goal['steps'][number] & { goalId: string })[];
    }
  >(
    sql`${audited ? sql`with audited as (${audited}) ` : sql``}select ${clientColumns(clientFields.filter((f) => f !== 'lastContactAt'))},
            ${listOf(sql`select ${consentColumns}, row_number() over (order by k.recorded_at desc) as _o
                        from ${consentFrom} where k.org_id = ${org} and k.client_id = ${client}`)} as consents,
            ${listOf(sql`select g.id, g.text, g.need_area as "needArea", g.status, ${iso('g.created_at')} as "createdAt",
                             row_number() over (order by g.created_at) as _o
                        from goal g where g.org_id = ${org} and g.client_id = ${client}`)} as goals,
            ${listOf(sql`select s.id, s.goal_id as "goalId", s.text, s.owner, s.due_on::text as "dueOn", s.status,
                             row_number() over (order by s.due_on nulls last, s.created_at) as _o
                        from goal_step s join goal g on g.id = s.goal_id where s.org_id = ${org} and g.client_id = ${client}`)} as steps,
            ${listOf(sql`select ${appointmentColumns}, row_number() over (order by p.at desc) as _o
                        from appointment p where p.org_id = ${org} and p.client_id = ${client} order by p.at desc limit 50`)}
              as appointments,
            ${listOf(sql`select ${taskColumns}, row_number() over (order by t.due_on) as _o
                        from task t join client c on c.id = t.client_id
                       where t.org_id = ${org} and t.client_id = ${client} and t.status = 'open'`)} as "openTasks",
            ${listOf(sql`select ${encounterColumns(false)}, row_number() over (order by e.occurred_at desc) as _o
                        from encounter e join app_user a on a.id = e.author_id
                       where e.org_id = ${org} and e.client_id = ${client} order by e.occurred_at desc limit 50`)} as encounters
       from client c left join app_user u on u.id = c.assigned_chw_id
      where c.org_id = ${org} and c.id = ${client}`,
  );
  if (!row) return undefined;
  const { goals, steps, ...rest } = row;
  return {
    ...rest,
    accessUntil,
    goals: goals.map((g) => ({
      ...g,
      steps: steps.filter((s) => s.goalId === g.id).map(({ goalId: _g, ...s }) => s),
    })),
  };
}
