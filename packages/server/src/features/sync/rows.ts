import type { SyncEntity, SyncRow } from '@puente/core';
import { identifier, isoColumn as iso, join, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import { clientColumns } from '../clients/columns.js';
import { appointmentColumns, consentColumns, consentFrom, encounterColumns } from '../clients/detail.js';
import { selectReferrals } from '../referrals/queries.js';
import { screeningColumns, screeningFrom } from '../screenings/service.js';

/**
 * The presenter of sync: what each kind of row looks like on the phone. The
 * same shapes as the person's page, plus the ids that tie rows to their client.
 * Sensitive notes stay on the server: opening one is audited, so it needs the network.
 */
const sources: Record<Exclude<SyncEntity, 'referral'>, { select: (org: string) => Sql; alias: string }> = {
  client: {
    alias: 'c',
    select: (org) => sql`select ${clientColumns()}, c.id as "clientId"
       from client c left join app_user u on u.id = c.assigned_chw_id
      where c.org_id = ${org} and c.merged_into is null`,
  },
  encounter: {
    alias: 'e',
    select: (org) => sql`select ${encounterColumns(false)}, e.client_id as "clientId"
       from encounter e join app_user a on a.id = e.author_id where e.org_id = ${org}`,
  },
  consent: {
    alias: 'k',
    select: (org) =>
      sql`select ${consentColumns}, k.client_id as "clientId" from ${consentFrom} where k.org_id = ${org}`,
  },
  goal: {
    alias: 'g',
    select: (org) => sql`select g.id, g.client_id as "clientId", g.text, g.need_area as "needArea", g.status,
        ${iso('g.created_at')} as "createdAt" from goal g where g.org_id = ${org}`,
  },
  step: {
    alias: 'g',
    select: (org) => sql`select s.id, g.client_id as "clientId", s.goal_id as "goalId", s.text, s.owner,
        s.due_on::text as "dueOn", s.status
       from goal_step s join goal g on g.id = s.goal_id where s.org_id = ${org}`,
  },
  appointment: {
    alias: 'p',
    select: (org) =>
      sql`select ${appointmentColumns}, p.client_id as "clientId" from appointment p where p.org_id = ${org}`,
  },
  task: {
    alias: 't',
    select: (
      org,
    ) => sql`select t.id, t.client_id as "clientId", t.title, t.due_on::text as "dueOn", t.status, t.source,
        t.code, ${iso('t.due_at')} as "dueAt", ${iso('t.visit_at')} as "visitAt", t.text_reply as "textReply",
        t.outcome, t.assignee_id as "assigneeId" from task t where t.org_id = ${org}`,
  },
  screening: {
    alias: 's',
    select: (org) => sql`select ${screeningColumns} from ${screeningFrom} where s.org_id = ${org}`,
  },
  // A membership carries its household's address; the other members come with their own records.
  member: {
    alias: 'm',
    select: (
      org,
    ) => sql`select m.id, m.client_id as "clientId", m.household_id as "householdId", m.relationship,
        h.address, ${iso('m.joined_at')} as "joinedAt", ${iso('m.left_at')} as "leftAt"
       from household_member m join household h on h.id = m.household_id where m.org_id = ${org}`,
  },
};

/** The id column of each kind (steps are found by their own id, but belong to the goal's client). */
const idColumn: Record<keyof typeof sources, string> = {
  client: 'c.id',
  encounter: 'e.id',
  consent: 'k.id',
  goal: 'g.id',
  step: 's.id',
  appointment: 'p.id',
  task: 't.id',
  screening: 's.id',
  member: 'm.id',
};

/** Current rows of one kind, by their ids or by their clients' ids. */
export async function rowsOf(
  db: Queryable,
  orgId: string,
  entity: SyncEntity,
  by: 'id' | 'client',
  ids: readonly string[],
): Promise<SyncRow[]> {
  if (ids.length === 0) return [];
  if (entity === 'referral') {
    // Referrals carry what the rules allow next, worked out by the referrals feature's own presenter.
    const column = identifier(by === 'id' ? 'r.id' : 'r.client_id');
    const found = await selectReferrals(db, orgId, sql`${column} = any(${ids}::uuid[])`);
    return found.map((data) => ({ entity, id: data.id, clientId: data.clientId, data }));
  }
  const source = sources[entity];
  const column =
    by === 'id' ? idColumn[entity] : `${source.alias}.${entity === 'client' ? 'id' : 'client_id'}`;
  const found = await db.query<{ id: string; clientId: string }>(
    sql`${source.select(orgId)} and ${identifier(column)} = any(${ids}::uuid[])`,
  );
  return found.map((data) => ({ entity, id: data.id, clientId: data.clientId, data }) as SyncRow);
}

/**
 * The same rows as `rowsOf`, each already as the JSON text of its SyncRow, for
 * the pull's answer. PostgreSQL writes each row's JSON (row_to_json over the
 * same presenter query), so the server does no work per field: for a first
 * sync of 57,000 records that was most of its CPU (parsing every column into
 * an object, then stringifying it again, and the garbage of both).
 * `clientId` comes apart, for the caller's per-row scope check.
 */
export async function rowsJson(
  db: Queryable,
  orgId: string,
  entity: SyncEntity,
  by: 'id' | 'client',
  ids: readonly string[],
): Promise<{ clientId: string; json: string }[]> {
  if (ids.length === 0) return [];
  if (entity === 'referral') {
    return (await rowsOf(db, orgId, entity, by, ids)).map((row) => ({
      clientId: row.clientId,
      json: JSON.stringify(row),
    }));
  }
  const source = sources[entity];
  const column =
    by === 'id' ? idColumn[entity] : `${source.alias}.${entity === 'client' ? 'id' : 'client_id'}`;
  return db.query<{ clientId: string; json: string }>(
    sql`select x."clientId", ${syncRowJson(entity)} as json
          from (${source.select(orgId)} and ${identifier(column)} = any(${ids}::uuid[])) x`,
  );
}

/**
 * The SyncRow JSON of presenter row `x` of this kind, written by PostgreSQL: the one
 * envelope of rowsJson and wholeRecordsJson. Ids are uuids and the kind a fixed word,
 * so nothing in the envelope needs escaping.
 */
const syncRowJson = (entity: SyncEntity): Sql =>
  sql`('{"entity":"' || ${entity}::text || '","id":"' || x.id || '","clientId":"' || x."clientId"
        || '","data":' || row_to_json(x)::text || '}')`;

/** Rows of a pull's answer as one JSON text: `count` SyncRows, comma-separated (no brackets). */
export interface RowsText {
  count: number;
  json: string;
}

/**
 * Every row of these clients as one JSON text, in `entitiesInOrder`: the kinds
 * PostgreSQL presents in one query (a UNION ALL of the same presenter queries),
 * each row's SyncRow written and joined by PostgreSQL itself, referrals from
 * their own presenter between. One query instead of one per kind (each round
 * trip cost more than its rows), and one text instead of a string and an
 * object per row: on a first sync of 57,000 records the server's work per row,
 * and the garbage of it, was most of its CPU. No per-row scope check is needed:
 * the caller asks only for people it may see.
 */
export async function wholeRecordsJson(
  db: Queryable,
  orgId: string,
  clientIds: readonly string[],
): Promise<RowsText> {
  if (clientIds.length === 0) return { count: 0, json: '' };
  const kinds = entitiesInOrder.filter((e): e is keyof typeof sources => e !== 'referral');
  // Each kind is joined on its own (no sort of the rows): one text per kind, put in order here.
  const parts = kinds.map((entity, n) => {
    const source = sources[entity];
    const column = `${source.alias}.${entity === 'client' ? 'id' : 'client_id'}`;
    return sql`select ${n}::int as n, count(*)::int as count, string_agg(${syncRowJson(entity)}, ',') as json
        from (${source.select(orgId)} and ${identifier(column)} = any(${clientIds}::uuid[])) x`;
  });
  const found = await db.query<{ n: number; count: number; json: string }>(
    sql`select n, count, json from (${join(parts, sql` union all `)}) k where count > 0 order by n`,
  );
  const referrals = await rowsJson(db, orgId, 'referral', 'client', clientIds);
  // Referrals go after screenings, where entitiesInOrder has them.
  const lastBefore = kinds.indexOf('screening');
  const texts = [
    ...found.filter((k) => k.n <= lastBefore).map((k) => k.json),
    ...referrals.map((r) => r.json),
    ...found.filter((k) => k.n > lastBefore).map((k) => k.json),
  ];
  const count = found.reduce((sum, k) => sum + k.count, referrals.length);
  return { count, json: texts.join(',') };
}

export const entitiesInOrder: readonly SyncEntity[] = [
  'client',
  'consent',
  'encounter',
  'goal',
  'step',
  'appointment',
  'task',
  'screening',
  'referral',
  'member',
];
