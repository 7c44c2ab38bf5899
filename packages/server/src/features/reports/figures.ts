import { gad7, phq9, type RawReportFigures } from '@puente/core';
import { sql } from '../../db/sql/index.js';
import type { Database, Queryable } from '../../db/types.js';
import { referralFigures } from '../referrals/figures.js';
import { encounterFigures } from './encounters.js';
import { monthsBetween, type ReportScope, scopeSql } from './scope.js';

type MonthRow = { month: string | null; n: number; people: number };

/** Screens done and positive (`screening.report_positive`, see migration 0010) by instrument and by month. */
async function screeningFigures(db: Queryable, scope: ReportScope) {
  const q = scopeSql(scope);
  return db.query<{ instrument: string | null; month: string | null; done: number; positive: number }>(
    sql`with ${q.people}, ${q.months}
     select s.instrument, m.month, count(*)::int as done, count(*) filter (where s.report_positive)::int as positive
       from m join screening s on s.org_id = ${q.org} and s.authored_at >= m.lo and s.authored_at < m.hi
            ${q.toPeople('s')}
      where s.complete
      group by grouping sets ((s.instrument), (m.month))`,
  );
}

async function alertFigures(db: Queryable, scope: ReportScope) {
  const q = scopeSql(scope);
  return db.query<{ month: string | null; raised: number; acknowledged: number; median: number | null }>(
    sql`with ${q.people}, ${q.months}
     select m.month, count(*)::int as raised, count(a.acknowledged_at)::int as acknowledged,
            percentile_cont(0.5) within group (order by extract(epoch from a.acknowledged_at - a.raised_at) / 60)
              filter (where a.acknowledged_at is not null) as median
       from m join risk_alert a on a.org_id = ${q.org} and a.raised_at >= m.lo and a.raised_at < m.hi
            ${q.toPeople('a')}
      group by grouping sets ((m.month), ())`,
  );
}

/**
 * First and last complete PHQ-9/GAD-7 of each person screened at least twice
 * in the range. Response and remission are core's `treatmentResponse` and
 * `remission`, in SQL so a million screens never travel to the server. One window per
 * instrument, read in the order of `screening_outcome_idx` (no sort), marks each
 * person's first and last screen.
 */
async function outcomeFigures(db: Queryable, scope: ReportScope) {
  const q = scopeSql(scope);
  return db.query<RawReportFigures['outcomes'][number]>(
    sql`with ${q.people},
     pair as (
       select i.instrument, o.first, o.last from unnest(${[phq9.url, gad7.url]}::text[]) as i(instrument) cross join lateral (
         select max(s.total) filter (where s.rn = 1) as first, max(s.total) filter (where s.last) as last
           from (select s.client_id, s.total, row_number() over w as rn, lead(s.total) over w is null as last
                   from screening s ${q.toPeople('s')}
                  where s.org_id = ${q.org} and s.instrument = i.instrument and s.complete and s.total is not null
                    and ${q.inRange('s.authored_at')}
                 window w as (partition by s.client_id order by s.authored_at, s.id)) s
          group by s.client_id having count(*) >= 2) o)
     select instrument, count(*)::int as people,
            count(*) filter (where first > 0 and 2 * (first - last) >= first)::int as response,
            count(*) filter (where last < 5)::int as remission,
            round(avg(first), 1)::float8 as "meanFirst", round(avg(last), 1)::float8 as "meanLast"
       from pair group by instrument`,
  );
}

async function safetyPlanFigures(db: Queryable, scope: ReportScope) {
  const q = scopeSql(scope);
  return db.query<MonthRow>(
    sql`with ${q.people}, ${q.months}
     select m.month, count(*)::int as n, count(distinct sp.client_id)::int as people
       from m join safety_plan sp on sp.org_id = ${q.org} and sp.saved_at >= m.lo and sp.saved_at < m.hi
            ${q.toPeople('sp')}
      group by grouping sets ((m.month), ())`,
  );
}

/** Outreach events held, counted under their facilitators, neighbourhood and language. */
async function eventFigures(db: Queryable, scope: ReportScope) {
  const q = scopeSql(scope);
  // held_on is already a day in the program's zone.
  return db.query<{ month: string | null; events: number; attendance: number }>(
    sql`select to_char(ev.held_on, 'YYYY-MM') as month, count(*)::int as events,
            coalesce(sum(ev.attendance), 0)::int as attendance
       from outreach_event ev
      where ev.org_id = ${q.org} and ev.status = 'held' and ev.held_on between ${q.from}::date and ${q.to}::date
        and (${q.chws}::uuid[] is null or ev.facilitator_ids && ${q.chws}::uuid[])
        and (${q.neighborhood}::text is null or ev.neighborhood = ${q.neighborhood})
        and (${q.language}::text is null or ev.language in (${q.language}, 'both'))
      group by grouping sets ((to_char(ev.held_on, 'YYYY-MM')), ())`,
  );
}

/**
 * One report query without JIT compilation: these scans run once per request,
 * and compiling them cost a third of the time at a million encounters (bench/scenarios/reports.ts).
 */
export function reportRead<T>(db: Database, read: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('set local jit = off');
    return read(tx);
  });
}

/**
 * Every figure of the program report for a resolved scope, as counted. Counts only: no query here
 * selects a name. Small counts are still in it: only `publishedFigures` (service.ts) may send it on.
 */
export async function reportFigures(db: Database, scope: ReportScope): Promise<RawReportFigures> {
  // Independent reads, each on its own connection so PostgreSQL answers them side by side.
  const read = <T>(work: (tx: Queryable) => Promise<T>) => reportRead(db, work);
  const [{ months: encounters, reached }, screenings, alerts, outcomes, plans, events, referrals] =
    await Promise.all([
      encounterFigures(read, scope),
      reportRead(db, (tx) => screeningFigures(tx, scope)),
      reportRead(db, (tx) => alertFigures(tx, scope)),
      reportRead(db, (tx) => outcomeFigures(tx, scope)),
      reportRead(db, (tx) => safetyPlanFigures(tx, scope)),
      reportRead(db, (tx) => eventFigures(tx, scope)),
      reportRead(db, (tx) => referralFigures(tx, scope)),
    ]);
  const total = <T extends { month: string | null }>(rows: T[]) => rows.find((r) => r.month === null);
  const byMonth = <T extends { month: string | null }>(rows: T[], month: string) =>
    rows.find((r) => r.month === month);
  const alertTotal = total(alerts);
  const eventTotal = total(events);
  const instruments = screenings.filter((r) => r.instrument !== null);
  return {
    filters: { from: scope.from, to: scope.to, timeZone: scope.timeZone },
    reached: {
      oneToOne: reached,
      encounters: encounters.reduce((n, m) => n + m.n, 0),
      atEvents: { events: eventTotal?.events ?? 0, attendance: eventTotal?.attendance ?? 0 },
    },
    screenings: instruments
      .map((r) => ({ instrument: r.instrument ?? '', done: r.done, positive: r.positive }))
      .sort((a, b) => a.instrument.localeCompare(b.instrument)),
    alerts: {
      raised: alertTotal?.raised ?? 0,
      acknowledged: alertTotal?.acknowledged ?? 0,
      medianMinutesToAcknowledge: alertTotal?.median == null ? null : Math.round(alertTotal.median),
    },
    referrals,
    outcomes: [phq9.url, gad7.url].map((instrument) => {
      const o = outcomes.find((r) => r.instrument === instrument);
      return {
        instrument,
        people: o?.people ?? 0,
        response: o?.response ?? 0,
        remission: o?.remission ?? 0,
        meanFirst: o?.meanFirst ?? null,
        meanLast: o?.meanLast ?? null,
      };
    }),
    safetyPlans: { people: total(plans)?.people ?? 0 },
    months: monthsBetween(scope.from, scope.to).map((month) => {
      const screened = screenings.filter((r) => r.instrument === null && r.month === month);
      return {
        month,
        reached: byMonth(encounters, month)?.people ?? 0,
        encounters: byMonth(encounters, month)?.n ?? 0,
        screenings: screened.reduce((n, r) => n + r.done, 0),
        positive: screened.reduce((n, r) => n + r.positive, 0),
        alerts: byMonth(alerts, month)?.raised ?? 0,
        safetyPlans: byMonth(plans, month)?.people ?? 0,
        attendance: byMonth(events, month)?.attendance ?? 0,
      };
    }),
  };
}
