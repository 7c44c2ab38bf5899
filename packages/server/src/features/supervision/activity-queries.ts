import { closedReferralStatuses, uuidv7 } from '@puente/core';
import { bind, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { ActivityMeasure, ActivityTargets } from './activity-schemas.js';

/** One count of the grouped query: what one CHW did of one measure in one week. */
export interface ActivityCount {
  weekStart: string;
  chwId: string;
  measure: ActivityMeasure;
  n: number;
}

/**
 * Every count of the given CHWs over the given weeks in one grouped statement:
 * visits they wrote, complete screens they did, and the loops of referrals they
 * made that closed (a referral marked as made in error is not a closed loop).
 * Each source is read by its (org, moment) index over the whole range once;
 * rows are bucketed by comparing with each week's two instants in the
 * program's zone, never by converting every timestamp.
 */
export function activityCounts(
  db: Queryable,
  orgId: string,
  chwIds: readonly string[],
  weekStarts: readonly string[],
  timeZone: string,
): Promise<ActivityCount[]> {
  if (chwIds.length === 0 || weekStarts.length === 0) return Promise.resolve([]);
  const [org, chws, zone] = [bind(orgId), bind([...chwIds]), bind(timeZone)];
  const first = bind(weekStarts.at(-1));
  const last = bind(weekStarts[0]);
  const lo = sql`(${first}::date)::timestamp at time zone ${zone}`;
  const hi = sql`(${last}::date + 7)::timestamp at time zone ${zone}`;
  return db.query<ActivityCount>(
    sql`with w as (
  select to_char(d, 'YYYY-MM-DD') as week, d::timestamp at time zone ${zone} as lo,
         (d + interval '7 days')::timestamp at time zone ${zone} as hi
    from generate_series(${first}::date, ${last}::date, interval '7 days') d),
a as (
  select 'visits' as measure, e.author_id as chw, e.occurred_at as at from encounter e
   where e.org_id = ${org} and e.occurred_at >= ${lo} and e.occurred_at < ${hi} and e.author_id = any(${chws}::uuid[])
  union all
  select 'screenings', s.author_id, s.authored_at from screening s
   where s.org_id = ${org} and s.complete and s.authored_at >= ${lo} and s.authored_at < ${hi}
     and s.author_id = any(${chws}::uuid[])
  union all
  select 'referralsClosed', r.requested_by, r.closed_at from referral r
   where r.org_id = ${org} and r.closed_at >= ${lo} and r.closed_at < ${hi}
     and r.status = any(${[...closedReferralStatuses]}::text[]) and r.requested_by = any(${chws}::uuid[]))
select w.week as "weekStart", a.chw as "chwId", a.measure, count(*)::int as n
  from a join w on a.at >= w.lo and a.at < w.hi
 group by w.week, a.chw, a.measure`,
  );
}

/** The organization's targets: the program's (teamId null) and each team's. */
export function listTargets(db: Queryable, orgId: string) {
  return db.query<{ teamId: string | null; measure: ActivityMeasure; perWeek: number }>(
    sql`select team_id as "teamId", measure, per_week as "perWeek" from activity_target where org_id = ${orgId}`,
  );
}

/** Replaces the three targets of the program (team null) or of one team; a null removes one. */
export async function saveTargets(
  tx: Queryable,
  orgId: string,
  teamId: string | null,
  targets: ActivityTargets,
  by: string,
): Promise<void> {
  const [org, team] = [bind(orgId), bind(teamId)];
  await tx.query(
    sql`delete from activity_target where org_id = ${org} and team_id is not distinct from ${team}::uuid`,
  );
  const set = Object.entries(targets).filter((e): e is [ActivityMeasure, number] => e[1] !== null);
  if (set.length === 0) return;
  await tx.query(
    sql`insert into activity_target (id, org_id, team_id, measure, per_week, set_by)
        select id, ${org}, ${team}::uuid, measure, per_week, ${by}
          from unnest(${set.map(() => uuidv7())}::uuid[], ${set.map(([m]) => m)}::text[], ${set.map(([, n]) => n)}::int[])
            as x(id, measure, per_week)`,
  );
}

/** The organization's teams by name, with their members who can still sign in. */
export function teamsWithMembers(db: Queryable, orgId: string, supervisorId: string | null) {
  return db.query<{ teamId: string; teamName: string; memberIds: string[] }>(
    sql`select t.id as "teamId", t.name as "teamName",
            coalesce(array_agg(u.id order by u.id) filter (where u.id is not null), '{}') as "memberIds"
       from team t left join team_member tm on tm.team_id = t.id and tm.org_id = t.org_id
       left join app_user u on u.id = tm.user_id and u.disabled_at is null
      where t.org_id = ${orgId} and (${supervisorId}::uuid is null or t.supervisor_id = ${supervisorId}::uuid)
      group by t.id order by lower(t.name), t.id`,
  );
}

/** The names of some users of the organization, by id. */
export function userNames(db: Queryable, orgId: string, ids: readonly string[]) {
  return db.query<{ id: string; name: string }>(
    sql`select id, display_name as name from app_user where org_id = ${orgId} and id = any(${[...ids]}::uuid[])`,
  );
}

/** CHWs who can still sign in and are on no team: the manager's view counts them as a group of their own. */
export async function chwsOnNoTeam(db: Queryable, orgId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    sql`select u.id from app_user u where u.org_id = ${orgId} and u.role = 'chw' and u.disabled_at is null
        and not exists (select 1 from team_member tm where tm.user_id = u.id and tm.org_id = u.org_id)
      order by u.id`,
  );
  return rows.map((r) => r.id);
}
