import { describe, expect, it } from 'vitest';
import { suppressedCells } from '../policy/suppress.js';
import { figureKey, isDerivedKey, type RawReportFigures, reportCells } from './cells.js';
import { publishFigures } from './publish.js';

const phq9 = 'http://puente.example/Questionnaire/phq-9';
const gad7 = 'http://puente.example/Questionnaire/gad-7';

/** A report of one neighbourhood: 30 screened with the PHQ-9, one of them positive. */
function neighbourhood(): RawReportFigures {
  const month = { reached: 20, encounters: 40, alerts: 0, safetyPlans: 0, attendance: 0 };
  return {
    filters: { from: '2026-01-01', to: '2026-02-28', timeZone: 'America/Los_Angeles' },
    reached: { oneToOne: 30, encounters: 80, atEvents: { events: 2, attendance: 45 } },
    screenings: [
      { instrument: gad7, done: 25, positive: 12 },
      { instrument: phq9, done: 30, positive: 1 },
    ],
    alerts: { raised: 1, acknowledged: 1, medianMinutesToAcknowledge: 12 },
    referrals: {
      from: '2026-01-01',
      to: '2026-02-28',
      made: 0,
      closed: 0,
      gotHelp: 0,
      closureRate: null,
      gotHelpRate: null,
      medianDaysToClose: null,
      byStatus: [],
      byOutcome: [],
      byNeed: [],
      byPartner: [],
    },
    outcomes: [
      { instrument: phq9, people: 12, response: 11, remission: 3, meanFirst: 14, meanLast: 6 },
      { instrument: gad7, people: 0, response: 0, remission: 0, meanFirst: null, meanLast: null },
    ],
    safetyPlans: { people: 0 },
    months: [
      { month: '2026-01', ...month, screenings: 30, positive: 1, alerts: 1 },
      { month: '2026-02', ...month, screenings: 25, positive: 12, attendance: 45 },
    ],
  };
}

describe('publishing the report', () => {
  it('hides one person screened positive, the share it makes, and a figure beside it', () => {
    const f = publishFigures(neighbourhood(), 11);
    const phq = f.screenings.find((s) => s.instrument === phq9);
    const gad = f.screenings.find((s) => s.instrument === gad7);
    expect(phq).toEqual({ instrument: phq9, done: 30, positive: null, sharePositive: null });
    // Positives by instrument add up to positives by month: one hidden alone would be given away.
    expect(gad?.positive).toBeNull();
    expect(f.months.map((m) => m.positive)).toEqual([null, null]);
    expect(f.smallCounts.suppressed).toContain(figureKey('screenings', phq9, 'positive'));
    expect(f.smallCounts.suppressed).toContain(figureKey('screenings', phq9, 'sharePositive'));
    expect(f.smallCounts).toMatchObject({ threshold: 11 });
  });

  it('hides the alert of one person and the time it took to acknowledge', () => {
    const f = publishFigures(neighbourhood(), 11);
    expect(f.alerts).toEqual({ raised: null, acknowledged: null, medianMinutesToAcknowledge: null });
    expect(f.months.map((m) => m.alerts)).toEqual([null, 0]);
  });

  it('hides the rest of a count when it is small: 11 of 12 responding says 1 did not', () => {
    const [phq] = publishFigures(neighbourhood(), 11).outcomes;
    expect(phq).toMatchObject({ people: 12, response: null, shareResponse: null, remission: null });
    expect(phq?.meanFirst).toBe(14);
  });

  it('keeps zeros, counts at the threshold and events held, and never lists a derived count', () => {
    const f = publishFigures(neighbourhood(), 11);
    expect(f.reached).toEqual({ oneToOne: 30, encounters: 80, atEvents: { events: 2, attendance: 45 } });
    expect(f.safetyPlans.people).toBe(0);
    expect(f.smallCounts.suppressed.some(isDerivedKey)).toBe(false);
    const seven = neighbourhood();
    for (const o of seven.outcomes) o.response = o.people > 0 ? 7 : 0;
    expect(publishFigures(seven, 11).outcomes[0]?.response).toBeNull();
    expect(publishFigures(seven, 5).outcomes[0]?.response).toBe(7);
  });

  it('publishes no count under the threshold, nor one any published total or sum gives away', () => {
    let seed = 7;
    const random = (max: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % (max + 1);
    };
    for (let run = 0; run < 200; run++) {
      const raw = neighbourhood();
      for (const s of raw.screenings) [s.done, s.positive] = [random(40), 0];
      for (const s of raw.screenings) s.positive = random(s.done);
      raw.months = raw.months.map((m, i) => ({
        ...m,
        screenings: raw.screenings[i]?.done ?? 0,
        positive: raw.screenings[i]?.positive ?? 0,
        encounters: random(30),
        alerts: random(3),
      }));
      raw.reached.encounters = raw.months.reduce((n, m) => n + m.encounters, 0);
      raw.alerts.raised = raw.months.reduce((n, m) => n + m.alerts, 0);
      raw.alerts.acknowledged = random(raw.alerts.raised);
      const threshold = 5 + random(10);
      const { counts, groups } = reportCells(raw);
      const hidden = suppressedCells(counts, groups, threshold);
      for (const [key, n] of Object.entries(counts))
        if (n > 0 && n < threshold) expect(hidden).toContain(key);
      for (const g of groups) {
        if (g.total !== undefined && hidden.has(g.total)) continue;
        expect(g.parts.filter((p) => hidden.has(p)).length, JSON.stringify(g)).not.toBe(1);
      }
      const published = JSON.stringify(publishFigures(raw, threshold));
      expect(published).not.toMatch(
        new RegExp(
          `"(done|positive|raised|acknowledged)":(${[...Array(threshold - 1).keys()].map((i) => i + 1).join('|')})[,}]`,
        ),
      );
    }
  });
});
