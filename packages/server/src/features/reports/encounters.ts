import { bind, identifier, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import { type ReportScope, type ScopeSql, scopeSql } from './scope.js';

/**
 * A month of the range, and whether the per-person monthly counts (`encounter_month`,
 * kept by trigger) answer it: the range covers it whole, or its left-out part holds no
 * encounter. Months counted in another zone than the program's (never, from
 * `resolveScope`) are never answered from them.
 */
interface RangeMonth {
  month: string;
  /** The month's first day, YYYY-MM-DD: its key in `encounter_month`. */
  firstDay: string;
  whole: boolean;
}

/** One month of encounters: how many, the people they reached, and those reached for the first time in the range. */
export interface EncounterMonth {
  month: string;
  n: number;
  people: number;
  firstInRange: number;
}

/** The months of the range, with a probe of the report index at each end. */
async function rangeMonths(db: Queryable, scope: ReportScope): Promise<RangeMonth[]> {
  const q = scopeSql(scope);
  return db.query<RangeMonth>(
    sql`with ${q.months}
     select m.month, to_char(m.first_day, 'YYYY-MM-DD') as "firstDay",
            report_time_zone(${q.org}) = ${q.zone}
            and (m.lo = m.whole_lo or not exists (select 1 from encounter e where e.org_id = ${q.org}
                                                    and e.occurred_at >= m.whole_lo and e.occurred_at < m.lo))
            and (m.hi = m.whole_hi or not exists (select 1 from encounter e where e.org_id = ${q.org}
                                                    and e.occurred_at >= m.hi and e.occurred_at < m.whole_hi)) as whole
       from m order by m.month`,
  );
}

/**
 * Joins rows of `alias` to the people of the report through the client table itself
 * rather than the CTE `p`, so the planner knows how many people the filters leave:
 * a CHW's caseload is probed person by person, half the program joined by hash.
 */
const toPopulation = (q: ScopeSql, alias: string): Sql =>
  q.narrowed ? sql`join client c on c.id = ${identifier(`${alias}.client_id`)} and ${q.population}` : sql``;

/**
 * The months from `first` to `last` (first days; all of them whole, see `RangeMonth`)
 * from the monthly counts. A row whose previous month falls before `first` is that
 * person's first month among them, so `firstInRange` adds up to the people they reached.
 */
async function rolledUpMonths(
  db: Queryable,
  scope: ReportScope,
  whole: { first: string; last: string },
): Promise<EncounterMonth[]> {
  const q = scopeSql(scope);
  const first = bind(whole.first);
  return db.query<EncounterMonth>(
    sql`select to_char(r.month, 'YYYY-MM') as month, sum(r.encounters)::int as n, count(*)::int as people,
            count(*) filter (where r.previous_month is null or r.previous_month < ${first}::date)::int as "firstInRange"
       from encounter_month r ${toPopulation(q, 'r')}
      where r.org_id = ${q.org} and r.month >= ${first}::date and r.month <= ${whole.last}::date
      group by r.month`,
  );
}

/** The given months of the range counted from their encounters, each read from the index on its own. */
async function countedMonths(db: Queryable, scope: ReportScope, months: string[]): Promise<EncounterMonth[]> {
  const q = scopeSql(scope);
  return db.query<EncounterMonth>(
    sql`with ${q.months}
     select m.month, x.n, x.people, 0 as "firstInRange" from m cross join lateral (
       select coalesce(sum(k.c), 0)::int as n, count(*)::int as people
         from (select e.client_id, count(*) as c from encounter e ${toPopulation(q, 'e')}
                where e.org_id = ${q.org} and e.occurred_at >= m.lo and e.occurred_at < m.hi
                group by e.client_id) k) x
      where m.month = any(${months}::text[])`,
  );
}

/**
 * People reached in the cut months' part of the range who had no encounter in the
 * whole months `first` to `last` (none when null): each probed in the monthly counts.
 */
async function reachedOnlyInCut(
  db: Queryable,
  scope: ReportScope,
  cut: string[],
  whole: { first: string; last: string } | null,
): Promise<number> {
  const q = scopeSql(scope);
  const [row] = await db.query<{ people: number }>(
    sql`with ${q.months}
     select count(*)::int as people
       from (select distinct e.client_id from m join encounter e on e.org_id = ${q.org} and e.occurred_at >= m.lo
                                                                  and e.occurred_at < m.hi ${toPopulation(q, 'e')}
              where m.month = any(${cut}::text[])) d
      where not exists (select 1 from encounter_month r where r.org_id = ${q.org} and r.client_id = d.client_id
                           and r.month >= ${whole?.first ?? null}::date and r.month <= ${whole?.last ?? null}::date)`,
  );
  return row?.people ?? 0;
}

/**
 * Encounters and people reached per month, and people reached over the range.
 * Whole months come from the monthly counts, where each person's first month among
 * them was counted once; a month the range cuts is counted from its encounters, and
 * its people added when the whole months did not reach them. `read` runs one query
 * on a connection of its own.
 * @example
 * const { months, reached } = await encounterFigures((work) => reportRead(db, work), scope);
 */
export async function encounterFigures(
  read: <T>(work: (db: Queryable) => Promise<T>) => Promise<T>,
  scope: ReportScope,
): Promise<{ months: EncounterMonth[]; reached: number }> {
  const months = await read((db) => rangeMonths(db, scope));
  // Only the first and the last month can be cut, so the whole ones run on without a gap.
  const whole = months.filter((m) => m.whole);
  const cut = months.filter((m) => !m.whole).map((m) => m.month);
  const [first, last] = [whole[0], whole.at(-1)];
  const span = first && last ? { first: first.firstDay, last: last.firstDay } : null;
  const [rolled, counted, onlyInCut] = await Promise.all([
    span ? read((db) => rolledUpMonths(db, scope, span)) : [],
    cut.length > 0 ? read((db) => countedMonths(db, scope, cut)) : [],
    cut.length > 0 ? read((db) => reachedOnlyInCut(db, scope, cut, span)) : 0,
  ]);
  return {
    months: [...rolled, ...counted],
    reached: rolled.reduce((n, m) => n + m.firstInRange, 0) + onlyInCut,
  };
}
