import {
  addDays,
  localDate,
  PuenteError,
  REPORT_MAX_DAYS,
  type ReportFilters,
  smallCountThreshold,
} from '@puente/core';
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

/**
 * The people a report counts, as SQL on alias `c`, reading $1 = org id,
 * $2 = CHW ids (null: all), $3 = neighbourhood, $4 = language (see `scopeParams`).
 * People are counted under the CHW who holds their caseload.
 */
export const POPULATION = `(c.org_id = $1 and c.merged_into is null
  and ($2::uuid[] is null or c.assigned_chw_id = any($2::uuid[]))
  and ($3::text is null or c.neighborhood = $3)
  and ($4::text is null or c.preferred_language = $4))`;

/** The moments a report covers, reading $5 = first day, $6 = last day, $7 = time zone. */
export const inRange = (column: string) =>
  `(${column} >= ($5::date)::timestamp at time zone $7 and ${column} < ($6::date + 1)::timestamp at time zone $7)`;

/**
 * The months of the range as a CTE `m` (month YYYY-MM, lo, hi), the first and last
 * clipped to the range; `first_day` is the month's first day, `whole_lo` and `whole_hi`
 * bound the whole month. Rows are bucketed by comparing with these few instants:
 * converting a million timestamps to the program's zone one by one costs seconds.
 */
export const MONTHS = `m as (
  select month, greatest(whole_lo, ($5::date)::timestamp at time zone $7) as lo,
         least(whole_hi, ($6::date + 1)::timestamp at time zone $7) as hi, first_day, whole_lo, whole_hi
    from (select to_char(d, 'YYYY-MM') as month, d::date as first_day, d::timestamp at time zone $7 as whole_lo,
                 (d + interval '1 month')::timestamp at time zone $7 as whole_hi
            from generate_series(date_trunc('month', $5::date), $6::date, interval '1 month') d) w)`;

/** The people of the report as a CTE `p` (see POPULATION). */
export const PEOPLE = `p as (select c.id from client c where ${POPULATION})`;

/**
 * Joins rows of `alias` to the people of the report, or nothing when no filter
 * narrows them: merging moves a duplicate's rows to the record kept, so every
 * row of the organization then counts, and the join would only cost time.
 */
export const toPeople = (s: ReportScope, alias: string) =>
  s.chwIds === null && s.neighborhood === null && s.language === null
    ? ''
    : `join p on p.id = ${alias}.client_id`;

export const scopeParams = (s: ReportScope) => [
  s.orgId,
  s.chwIds,
  s.neighborhood,
  s.language,
  s.from,
  s.to,
  s.timeZone,
];

const dayCount = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** The CHWs on the teams a supervisor leads, and the supervisor, who may hold a caseload too. */
async function supervisedChws(db: Queryable, actor: Actor): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select tm.user_id as id from team_member tm join team t on t.id = tm.team_id
      where t.org_id = $1 and t.supervisor_id = $2`,
    [actor.orgId, actor.userId],
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
      `select tm.user_id as id from team t left join team_member tm on tm.team_id = t.id
        where t.org_id = $1 and t.id = $2 and ($3 <> 'supervisor' or t.supervisor_id = $4)`,
      [actor.orgId, filters.teamId, actor.role, actor.userId],
    );
    if (members.length === 0) throw new PuenteError(403, 'errors.reportTeamOutOfScope');
    const ids = members.flatMap((m) => (m.id ? [m.id] : []));
    chwIds = chwIds ? chwIds.filter((id) => ids.includes(id)) : ids;
  }
  if (filters.chwId) {
    const [user] = await db.query('select 1 from app_user where org_id = $1 and id = $2', [
      actor.orgId,
      filters.chwId,
    ]);
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
