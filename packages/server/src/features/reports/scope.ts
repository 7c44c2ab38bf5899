import {
  addDays,
  localDate,
  PuenteError,
  REPORT_MAX_DAYS,
  type ReportFilters,
  smallCountThreshold,
} from '@puente/core';
import { type Bound, bind, identifier, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { programSettings } from '../settings/queries.js';

/** A report's filters after checking them against the caller: what every figure query reads. */
export interface ReportScope {
  orgId: string;
  from: string;
  to: string;
  timeZone: string;
  /** The CHWs whose caseloads count, or null for the whole organization. */
  chwIds: string[] | null;
  neighborhood: string | null;
  language: string | null;
  /** Counts under this are hidden in what the report publishes (program setting, never under 5). */
  threshold: number;
}

/** A report's scope as SQL: its values and the fragments every figure query composes. */
export interface ScopeSql {
  org: Bound;
  /** The first and last day of the range, and the program's time zone. */
  from: Bound;
  to: Bound;
  zone: Bound;
  /** The CHWs (null: all), neighbourhood and language the report is filtered by. */
  chws: Bound;
  neighborhood: Bound;
  language: Bound;
  /** The people a report counts, on alias `c`, each counted under the CHW who holds their caseload. */
  population: Sql;
  /** The people of the report as a CTE `p` (see `population`). */
  people: Sql;
  /**
   * The months of the range as a CTE `m` (month YYYY-MM, lo, hi), the first and last
   * clipped to the range; `first_day` is the month's first day, `whole_lo` and `whole_hi`
   * bound the whole month. Rows are bucketed by comparing with these few instants:
   * converting a million timestamps to the program's zone one by one costs seconds.
   */
  months: Sql;
  /** The moments of `column` the report covers. */
  inRange(column: string): Sql;
  /**
   * Joins rows of `alias` to the people of the report, or nothing when no filter
   * narrows them: merging moves a duplicate's rows to the record kept, so every
   * row of the organization then counts, and the join would only cost time.
   */
  toPeople(alias: string): Sql;
  /** Whether a filter narrows the people (else `toPeople` joins nothing). */
  narrowed: boolean;
}

/**
 * The SQL of a report's scope. Each value is bound once, so every fragment of one
 * statement names it by the same parameter number.
 *
 * @example
 * const q = scopeSql(scope);
 * sql`with ${q.people}, ${q.months} select m.month, count(*) from m join screening s
 *       on s.org_id = ${q.org} and s.authored_at >= m.lo and s.authored_at < m.hi ${q.toPeople('s')} group by m.month`
 */
export function scopeSql(s: ReportScope): ScopeSql {
  const [org, from, to, zone] = [bind(s.orgId), bind(s.from), bind(s.to), bind(s.timeZone)];
  const [chws, neighborhood, language] = [bind(s.chwIds), bind(s.neighborhood), bind(s.language)];
  const population = sql`(c.org_id = ${org} and c.merged_into is null
  and (${chws}::uuid[] is null or c.assigned_chw_id = any(${chws}::uuid[]))
  and (${neighborhood}::text is null or c.neighborhood = ${neighborhood})
  and (${language}::text is null or c.preferred_language = ${language}))`;
  const narrowed = s.chwIds !== null || s.neighborhood !== null || s.language !== null;
  return {
    org,
    from,
    to,
    zone,
    chws,
    neighborhood,
    language,
    population,
    people: sql`p as (select c.id from client c where ${population})`,
    months: sql`m as (
  select month, greatest(whole_lo, (${from}::date)::timestamp at time zone ${zone}) as lo,
         least(whole_hi, (${to}::date + 1)::timestamp at time zone ${zone}) as hi, first_day, whole_lo, whole_hi
    from (select to_char(d, 'YYYY-MM') as month, d::date as first_day, d::timestamp at time zone ${zone} as whole_lo,
                 (d + interval '1 month')::timestamp at time zone ${zone} as whole_hi
            from generate_series(date_trunc('month', ${from}::date), ${to}::date, interval '1 month') d) w)`,
    inRange: (column) => {
      const at = identifier(column);
      return sql`(${at} >= (${from}::date)::timestamp at time zone ${zone} and ${at} < (${to}::date + 1)::timestamp at time zone ${zone})`;
    },
    toPeople: (alias) => (narrowed ? sql`join p on p.id = ${identifier(`${alias}.client_id`)}` : sql``),
    narrowed,
  };
}

const dayCount = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** The CHWs on the teams a supervisor leads, and the supervisor, who may hold a caseload too. */
async function supervisedChws(db: Queryable, actor: Actor): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    sql`select tm.user_id as id from team_member tm join team t on t.id = tm.team_id
      where t.org_id = ${actor.orgId} and t.supervisor_id = ${actor.userId}`,
  );
  return [...new Set([actor.userId, ...rows.map((r) => r.id)])];
}

/**
 * Checks the filters against the caller and fills the defaults (the last twelve
 * months to today). Managers and admins see the whole organization; a supervisor
 * sees the teams they lead. A range that ends before it starts, a team or CHW
 * outside the caller's reach: refused, saying which.
 */
export async function resolveScope(
  db: Queryable,
  actor: Actor,
  filters: ReportFilters,
  now = new Date(),
): Promise<ReportScope> {
  const settings = await programSettings(db, actor.orgId);
  const { timeZone } = settings;
  const today = localDate(now, timeZone);
  const to = filters.to ?? today;
  const from = filters.from ?? `${addDays(`${to.slice(0, 7)}-01`, -335).slice(0, 7)}-01`;
  if (to < from) throw new PuenteError(400, 'errors.reportRangeBackwards', { from, to });
  if (dayCount(from, to) > REPORT_MAX_DAYS)
    throw new PuenteError(400, 'errors.reportRangeTooLong', { years: REPORT_MAX_DAYS / 366 });

  let chwIds = actor.role === 'supervisor' ? await supervisedChws(db, actor) : null;
  if (filters.teamId) {
    const members = await db.query<{ id: string }>(
      sql`select tm.user_id as id from team t left join team_member tm on tm.team_id = t.id
        where t.org_id = ${actor.orgId} and t.id = ${filters.teamId}
          and (${actor.role} <> 'supervisor' or t.supervisor_id = ${actor.userId})`,
    );
    if (members.length === 0) throw new PuenteError(403, 'errors.reportTeamOutOfScope');
    const ids = members.flatMap((m) => (m.id ? [m.id] : []));
    chwIds = chwIds ? chwIds.filter((id) => ids.includes(id)) : ids;
  }
  if (filters.chwId) {
    const [user] = await db.query(
      sql`select 1 from app_user where org_id = ${actor.orgId} and id = ${filters.chwId}`,
    );
    if (!user || (chwIds && !chwIds.includes(filters.chwId)))
      throw new PuenteError(403, 'errors.reportChwOutOfScope');
    chwIds = [filters.chwId];
  }
  return {
    orgId: actor.orgId,
    from,
    to,
    timeZone,
    chwIds,
    neighborhood: filters.neighborhood ?? null,
    language: filters.language ?? null,
    threshold: smallCountThreshold(settings.smallCountThreshold),
  };
}

/** Every month from the first day's to the last day's, as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return months;
    months.push(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}
