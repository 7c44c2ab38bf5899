import { suppressedCells } from '../policy/suppress.js';
import { figureKey, isDerivedKey, type RawReportFigures, reportCells } from './cells.js';
import type { ReportFigures } from './schemas.js';

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/**
 * The report as it may leave the server: every count from 1 to threshold − 1
 * hidden, and beside it whatever would give it away (see `reportCells` for the
 * groups); a share is hidden when its numerator or denominator is, a mean or
 * median when the count it is taken over is. Hidden figures are null and
 * listed by `figureKey` in `smallCounts.suppressed`.
 * @example publishFigures(raw, 11).screenings[0].positive // null when 1 to 10 people screened positive
 */
export function publishFigures(raw: RawReportFigures, threshold: number): ReportFigures {
  const { counts, groups } = reportCells(raw);
  const hidden = suppressedCells(counts, groups, threshold);
  const suppressed = [...hidden].filter((key) => !isDerivedKey(key));
  const count = (...path: string[]) => {
    const key = figureKey(...path);
    return hidden.has(key) ? null : (counts[key] ?? 0);
  };
  const hide = (path: string[]) => {
    suppressed.push(figureKey(...path));
    return null;
  };
  // A figure taken over hidden counts is hidden with them, and listed; one with nothing to show stays null.
  const over = <T>(value: T | null, bases: (number | null)[], ...path: string[]): T | null =>
    value === null || bases.every((b) => b !== null) ? value : hide(path);
  const rate = (part: number | null, whole: number | null, ...path: string[]) =>
    part === null || whole === null ? hide(path) : share(part, whole);

  const r = raw.referrals;
  const loop = (...prefix: string[]) => ({
    made: count('referrals', ...prefix, 'made'),
    closed: count('referrals', ...prefix, 'closed'),
    gotHelp: count('referrals', ...prefix, 'gotHelp'),
  });
  const total = loop();
  const referrals: ReportFigures['referrals'] = {
    ...r,
    ...total,
    closureRate: over(r.closureRate, [total.closed, total.made], 'referrals', 'closureRate'),
    gotHelpRate: over(r.gotHelpRate, [total.gotHelp, total.made], 'referrals', 'gotHelpRate'),
    medianDaysToClose: over(r.medianDaysToClose, [total.closed], 'referrals', 'medianDaysToClose'),
    byStatus: r.byStatus.map((x) => ({ status: x.status, count: count('referrals', 'byStatus', x.status) })),
    byOutcome: r.byOutcome.map((x) => ({
      outcome: x.outcome,
      count: count('referrals', 'byOutcome', x.outcome),
    })),
    byNeed: r.byNeed.map((x) => ({ need: x.need, ...loop('byNeed', x.need) })),
    byPartner: r.byPartner.map((x) => {
      const counted = loop('byPartner', x.partnerName);
      const median = over(
        x.medianDaysToClose,
        [counted.closed],
        'referrals',
        'byPartner',
        x.partnerName,
        'medianDaysToClose',
      );
      return { partnerName: x.partnerName, ...counted, medianDaysToClose: median };
    }),
  };

  const acknowledged = count('alerts', 'acknowledged');
  return {
    filters: raw.filters,
    reached: {
      oneToOne: count('reached', 'oneToOne'),
      encounters: count('reached', 'encounters'),
      atEvents: { events: raw.reached.atEvents.events, attendance: count('reached', 'attendance') },
    },
    screenings: raw.screenings.map((s) => {
      const done = count('screenings', s.instrument, 'done');
      const positive = count('screenings', s.instrument, 'positive');
      return {
        instrument: s.instrument,
        done,
        positive,
        sharePositive: rate(positive, done, 'screenings', s.instrument, 'sharePositive'),
      };
    }),
    alerts: {
      raised: count('alerts', 'raised'),
      acknowledged,
      medianMinutesToAcknowledge: over(
        raw.alerts.medianMinutesToAcknowledge,
        [acknowledged],
        'alerts',
        'medianMinutesToAcknowledge',
      ),
    },
    referrals,
    outcomes: raw.outcomes.map((o) => {
      const at = (measure: string) => ['outcomes', o.instrument, measure];
      const people = count(...at('people'));
      const response = count(...at('response'));
      const remission = count(...at('remission'));
      return {
        instrument: o.instrument,
        people,
        response,
        shareResponse: rate(response, people, ...at('shareResponse')),
        remission,
        shareRemission: rate(remission, people, ...at('shareRemission')),
        meanFirst: over(o.meanFirst, [people], ...at('meanFirst')),
        meanLast: over(o.meanLast, [people], ...at('meanLast')),
      };
    }),
    safetyPlans: { people: count('safetyPlans', 'people') },
    months: raw.months.map((m) => ({
      month: m.month,
      reached: count('months', m.month, 'reached'),
      encounters: count('months', m.month, 'encounters'),
      screenings: count('months', m.month, 'screenings'),
      positive: count('months', m.month, 'positive'),
      alerts: count('months', m.month, 'alerts'),
      safetyPlans: count('months', m.month, 'safetyPlans'),
      attendance: count('months', m.month, 'attendance'),
    })),
    smallCounts: { threshold, suppressed: suppressed.sort() },
  };
}
