import {
  type CaseloadCounts,
  localDate,
  PuenteError,
  publishCaseloadCounts,
  roleCan,
  type SupervisionNote,
  smallCountThreshold,
  type TeamOverview,
  uuidv7,
} from '@puente/core';
import {
  bind,
  clientScope,
  displayName,
  identifier,
  isoColumn as iso,
  type Sql,
  sql,
} from '../../db/sql/index.js';
import type { Database, Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { taskColumns } from '../clients/detail.js';
import { programSettings } from '../settings/queries.js';
import { presentTask } from '../tasks/present.js';

/** The teams a supervisor leads, and the CHWs on them. */
const myTeams = (org: unknown, me: unknown): Sql =>
  sql`select t.id from team t where t.org_id = ${org} and t.supervisor_id = ${me}`;
const myTeamChws = (org: unknown, me: unknown): Sql =>
  sql`select tm.user_id from team_member tm join team t on t.id = tm.team_id
  where t.org_id = ${org} and t.supervisor_id = ${me}`;
/** Whom a row's user (`u.id`, `a.id`) may see: a task counts only while its person is in its assignee's scope. */
const scopeOfUser = (org: unknown, alias: string): Sql =>
  clientScope({ org, user: identifier(`${alias}.id`), role: identifier(`${alias}.role`) });

/**
 * The supervisor's view of their teams: each CHW's caseload size and overdue
 * tasks, people with no contact in N days, and break-the-glass openings on
 * people their teams held when the glass was broken. A task counts only while
 * its person is in its assignee's scope, as on the assignee's Today.
 */
export async function teamOverview(tx: Queryable, caller: Caller, now = new Date()): Promise<TeamOverview> {
  const { actor } = caller;
  const settings = await programSettings(tx, actor.orgId);
  const date = localDate(now, settings.timeZone);
  const org = bind(actor.orgId);
  const me = bind(actor.userId);
  const today = bind(date);
  const members = await tx.query<{ chwId: string; chwName: string; clients: number; overdueTasks: number }>(
    sql`select u.id as "chwId", u.display_name as "chwName",
            (select count(*)::int from client c where c.org_id = ${org} and c.assigned_chw_id = u.id and c.merged_into is null) as clients,
            (select count(*)::int from task t join client c on c.id = t.client_id
              where t.org_id = ${org} and t.assignee_id = u.id and t.status = 'open' and t.due_on < ${today}
                and ${scopeOfUser(org, 'u')}) as "overdueTasks"
       from app_user u where u.org_id = ${org} and u.id in (${myTeamChws(org, me)}) order by lower(u.display_name)`,
  );
  const quiet = await tx.query<{
    chwId: string;
    id: string;
    displayName: string;
    lastContactAt: string | null;
  }>(
    sql`select c.assigned_chw_id as "chwId", c.id, ${displayName} as "displayName",
            ${iso('c.last_contact_at')} as "lastContactAt"
       from client c
      where c.org_id = ${org} and c.merged_into is null and c.assigned_chw_id in (${myTeamChws(org, me)})
        and coalesce(c.last_contact_at, c.created_at) < now() - make_interval(days => ${settings.noContactDays})
      order by c.last_contact_at nulls first limit 500`,
  );
  const overdue = await tx.query<TeamOverview['overdue'][number]>(
    sql`select ${taskColumns}, a.display_name as "assigneeName"
       from task t join client c on c.id = t.client_id and c.merged_into is null join app_user a on a.id = t.assignee_id
      where t.org_id = ${org} and t.status = 'open' and t.due_on < ${today} and t.assignee_id in (${myTeamChws(org, me)})
        and ${scopeOfUser(org, 'a')}
      order by t.due_on limit 500`,
  );
  const breakGlass = await tx.query<TeamOverview['breakGlass'][number]>(
    sql`select ${iso('b.created_at')} as at, u.display_name as "userName", c.id as "clientId",
            ${displayName} as "clientName", b.reason, ${iso('b.expires_at')} as until
       from break_glass b join app_user u on u.id = b.user_id join client c on c.id = b.client_id
      where b.org_id = ${org} and b.team_id in (${myTeams(org, me)}) and b.created_at > now() - interval '30 days'
      order by b.created_at desc limit 100`,
  );
  await recordAudit(tx, who(caller), { action: 'team.viewed', detail: { quiet: quiet.length } });
  return {
    noContactDays: settings.noContactDays,
    members: members.map((m) => ({
      ...m,
      noRecentContact: quiet.filter((q) => q.chwId === m.chwId).map(({ chwId: _c, ...q }) => q),
    })),
    overdue: overdue.map((t) => presentTask(t, actor.locale)),
    breakGlass,
  };
}

/**
 * Counts for managers (and supervisors, admins): never a name. A manager's figures go through
 * the reports' small-count rule (core `publishCaseloadCounts`, the program's threshold), and
 * their rows carry no account id and no order by account, so "CHW 3" cannot be matched to a
 * name elsewhere (an alert, say) and read as that one person's figures.
 */
export async function caseloadCounts(db: Queryable, actor: Actor, now = new Date()): Promise<CaseloadCounts> {
  const settings = await programSettings(db, actor.orgId);
  const date = localDate(now, settings.timeZone);
  const [totals] = await db.query<{
    clients: number;
    unassigned: number;
    encountersLast30Days: number;
    overdueTasks: number;
  }>(
    `select (select count(*)::int from client where org_id = $1 and merged_into is null) as clients,
            (select count(*)::int from client where org_id = $1 and merged_into is null and assigned_chw_id is null) as unassigned,
            (select count(*)::int from encounter where org_id = $1 and occurred_at > now() - interval '30 days') as "encountersLast30Days",
            (select count(*)::int from task where org_id = $1 and status = 'open' and due_on < $2) as "overdueTasks"`,
    [actor.orgId, date],
  );
  const byChw = await db.query<{ chwId: string; clients: number; overdueTasks: number }>(
    `select u.id as "chwId",
            (select count(*)::int from client c where c.org_id = $1 and c.assigned_chw_id = u.id and c.merged_into is null) as clients,
            (select count(*)::int from task t where t.org_id = $1 and t.assignee_id = u.id and t.status = 'open' and t.due_on < $2) as "overdueTasks"
       from app_user u where u.org_id = $1 and u.role in ('chw', 'supervisor') order by u.id`,
    [actor.orgId, date],
  );
  const raw = {
    ...(totals ?? { clients: 0, unassigned: 0, encountersLast30Days: 0, overdueTasks: 0 }),
    byChw,
  };
  if (roleCan(actor.role, 'caseload.counts-by-chw')) return raw;
  const unnamed = byChw
    .map((r) => ({ ...r, chwId: uuidv7() }))
    .sort((a, b) => b.clients - a.clients || b.overdueTasks - a.overdueTasks);
  return publishCaseloadCounts({ ...raw, byChw: unnamed }, smallCountThreshold(settings.smallCountThreshold));
}

export async function addSupervisionNote(
  tx: Queryable,
  caller: Caller,
  r: { chwId: string; clientId?: string | undefined; note: string },
) {
  const { actor } = caller;
  const org = bind(actor.orgId);
  const [chw] = await tx.query(
    sql`select 1 from app_user where org_id = ${org} and id = ${r.chwId} and id in (${myTeamChws(org, actor.userId)})`,
  );
  if (!chw) throw new PuenteError(404, 'errors.userNotFound');
  if (r.clientId) {
    const [client] = await tx.query(
      'select 1 from client where org_id = $1 and id = $2 and assigned_chw_id = $3',
      [actor.orgId, r.clientId, r.chwId],
    );
    if (!client) throw new PuenteError(404, 'errors.clientNotFound');
  }
  const id = uuidv7();
  await tx.query(
    'insert into supervision_note (id, org_id, chw_id, client_id, author_id, note) values ($1, $2, $3, $4, $5, $6)',
    [id, actor.orgId, r.chwId, r.clientId ?? null, actor.userId, r.note],
  );
  await recordAudit(tx, who(caller), {
    action: 'supervision.note-added',
    subjectType: r.clientId ? 'client' : 'user',
    subjectId: r.clientId ?? r.chwId,
    detail: { note: id },
  });
  return (await listSupervisionNotesIn(tx, actor.orgId, r.chwId)).find((n) => n.id === id);
}

async function listSupervisionNotesIn(db: Pick<Database, 'query'>, orgId: string, chwId: string) {
  return db.query<SupervisionNote>(
    sql`select n.id, n.chw_id as "chwId", n.client_id as "clientId", a.display_name as "authorName", n.note,
            ${iso('n.created_at')} as "createdAt"
       from supervision_note n join app_user a on a.id = n.author_id
      where n.org_id = ${orgId} and n.chw_id = ${chwId} order by n.created_at desc limit 200`,
  );
}

/** A supervisor reads notes on their team's CHWs; a CHW reads the notes about their own work. */
export async function supervisionNotes(tx: Queryable, caller: Caller, chwId: string) {
  const { actor } = caller;
  if (actor.role === 'chw' && chwId !== actor.userId) throw new PuenteError(404, 'errors.userNotFound');
  if (actor.role === 'supervisor') {
    const [ok] = await tx.query(
      sql`select 1 where ${chwId}::uuid in (${myTeamChws(actor.orgId, actor.userId)})`,
    );
    if (!ok) throw new PuenteError(404, 'errors.userNotFound');
  }
  const notes = await listSupervisionNotesIn(tx, actor.orgId, chwId);
  await recordAudit(tx, who(caller), {
    action: 'supervision.notes-viewed',
    subjectType: 'user',
    subjectId: chwId,
  });
  return notes;
}
