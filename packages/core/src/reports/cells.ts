import type { CountGroup } from '../policy/suppress.js';
import type { ReferralFigures } from '../referrals/schemas.js';
import type { ReportFigures } from './schemas.js';

/**
 * The report's figures as counted, before small counts are hidden. It never
 * leaves the server: `publishFigures` turns it into `ReportFigures`.
 */
export interface RawReportFigures {
  filters: ReportFigures['filters'];
  reached: { oneToOne: number; encounters: number; atEvents: { events: number; attendance: number } };
  screenings: { instrument: string; done: number; positive: number }[];
  alerts: { raised: number; acknowledged: number; medianMinutesToAcknowledge: number | null };
  referrals: ReferralFigures;
  outcomes: {
    instrument: string;
    people: number;
    response: number;
    remission: number;
    meanFirst: number | null;
    meanLast: number | null;
  }[];
  safetyPlans: { people: number };
  months: {
    month: string;
    reached: number;
    encounters: number;
    screenings: number;
    positive: number;
    alerts: number;
    safetyPlans: number;
    attendance: number;
  }[];
}

/**
 * The name of one figure of the report, the same on server and web: its path,
 * each part URI-encoded so a partner's name cannot run into the next part.
 * @example figureKey('screenings', 'http://…/phq-9', 'positive') // 'screenings/http%3A%2F%2F…/positive'
 */
export const figureKey = (...parts: string[]): string => parts.map(encodeURIComponent).join('/');

/** Counts nobody is shown but anyone can work out (a total minus a part) start with this. */
const DERIVED = '~';
export const isDerivedKey = (key: string) => key.startsWith(DERIVED);

/**
 * Every count the report publishes, and the groups whose sums are known: a
 * total with its breakdown, a count with what it leaves over (screens done =
 * positive + the rest), and two breakdowns of one sum (screens by instrument
 * and by month) with no total, which `suppressedCells` treats as published.
 * Events held are left out: they count gatherings, not people.
 */
export function reportCells(f: RawReportFigures): { counts: Record<string, number>; groups: CountGroup[] } {
  const counts: Record<string, number> = {};
  const groups: CountGroup[] = [];
  const put = (key: string, n: number) => {
    counts[key] = n;
    return key;
  };
  const breakdown = (total: string | undefined, parts: string[]) =>
    groups.push(total === undefined ? { parts } : { total, parts });
  // What a total leaves beside one of its parts is known to anyone who sees both.
  const rest = (total: string, part: string) =>
    breakdown(total, [part, put(`${DERIVED}${part}`, (counts[total] ?? 0) - (counts[part] ?? 0))]);
  const k = figureKey;

  put(k('reached', 'oneToOne'), f.reached.oneToOne);
  const encounters = put(k('reached', 'encounters'), f.reached.encounters);
  const attendance = put(k('reached', 'attendance'), f.reached.atEvents.attendance);
  const month = (m: RawReportFigures['months'][number], measure: keyof typeof m) =>
    put(k('months', m.month, measure), Number(m[measure]));
  breakdown(
    encounters,
    f.months.map((m) => month(m, 'encounters')),
  );
  breakdown(
    attendance,
    f.months.map((m) => month(m, 'attendance')),
  );
  for (const m of f.months) {
    // People per month overlap across months: they add up to no published figure.
    month(m, 'reached');
    month(m, 'safetyPlans');
    rest(month(m, 'screenings'), month(m, 'positive'));
  }
  breakdown(
    undefined,
    f.months.map((m) => k('months', m.month, 'screenings')),
  );
  breakdown(
    undefined,
    f.months.map((m) => k('months', m.month, 'positive')),
  );

  for (const s of f.screenings) {
    rest(
      put(k('screenings', s.instrument, 'done'), s.done),
      put(k('screenings', s.instrument, 'positive'), s.positive),
    );
  }
  breakdown(
    undefined,
    f.screenings.map((s) => k('screenings', s.instrument, 'done')),
  );
  breakdown(
    undefined,
    f.screenings.map((s) => k('screenings', s.instrument, 'positive')),
  );

  const raised = put(k('alerts', 'raised'), f.alerts.raised);
  rest(raised, put(k('alerts', 'acknowledged'), f.alerts.acknowledged));
  breakdown(
    raised,
    f.months.map((m) => month(m, 'alerts')),
  );
  put(k('safetyPlans', 'people'), f.safetyPlans.people);

  for (const o of f.outcomes) {
    const people = put(k('outcomes', o.instrument, 'people'), o.people);
    rest(people, put(k('outcomes', o.instrument, 'response'), o.response));
    rest(people, put(k('outcomes', o.instrument, 'remission'), o.remission));
  }
  referralCells(f.referrals, put, rest, breakdown);
  return { counts, groups };
}

type Put = (key: string, n: number) => string;
type Rest = (total: string, part: string) => void;
type Breakdown = (total: string | undefined, parts: string[]) => void;

/** Referrals made, closed and ended in help: in total, by status, outcome, need and partner. */
function referralCells(r: ReferralFigures, put: Put, rest: Rest, breakdown: Breakdown) {
  const k = (...parts: string[]) => figureKey('referrals', ...parts);
  const loop = (prefix: string[], x: { made: number; closed: number; gotHelp: number }) => {
    const made = put(k(...prefix, 'made'), x.made);
    rest(made, put(k(...prefix, 'closed'), x.closed));
    rest(made, put(k(...prefix, 'gotHelp'), x.gotHelp));
  };
  loop([], r);
  breakdown(
    k('made'),
    r.byStatus.map((x) => put(k('byStatus', x.status), x.count)),
  );
  // Referrals with an outcome are not published as a total: the breakdown stands for it.
  breakdown(
    undefined,
    r.byOutcome.map((x) => put(k('byOutcome', x.outcome), x.count)),
  );
  for (const [by, rows] of [
    ['byNeed', r.byNeed.map((x) => ({ ...x, name: x.need }))],
    ['byPartner', r.byPartner.map((x) => ({ ...x, name: x.partnerName }))],
  ] as const) {
    for (const x of rows) loop([by, x.name], x);
    for (const measure of ['made', 'closed', 'gotHelp'] as const)
      breakdown(
        k(measure),
        rows.map((x) => k(by, x.name, measure)),
      );
  }
}
