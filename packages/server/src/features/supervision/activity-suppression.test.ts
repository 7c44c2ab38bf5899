import { describe, expect, it } from 'vitest';
import { SMALL_TEAM } from './activity-schemas.js';
import { suppressTeam } from './activity-suppression.js';

const week = (visits: number, reached: number | null) => ({
  weekStart: '2026-11-30',
  visits,
  screenings: 0,
  referralsClosed: 0,
  met: { visits: reached, screenings: null, referralsClosed: null },
});

describe('what a manager sees of a team’s weeks', () => {
  it('never shows a team so small its figures are one or two promotoras’', () => {
    expect(SMALL_TEAM).toBe(3);
    for (const chws of [1, 2]) {
      expect(suppressTeam({ chws, weeks: [week(7, 1), week(0, 0)] }), `${chws} CHWs`).toEqual({
        chws: null,
        weeks: [],
      });
    }
  });

  // [CHWs on the team, how many reached the visits target, what the manager sees of it]
  const table: [number, number | null, number | 'suppressed' | null][] = [
    [3, 0, 0], // nobody: says nothing about one person that it does not say about all
    [3, 1, 'suppressed'], // one promotora
    [3, 2, 'suppressed'], // and so the one who did not
    [3, 3, 3], // everyone
    [4, 1, 'suppressed'],
    [4, 3, 'suppressed'],
    [5, 2, 'suppressed'],
    [5, 3, 'suppressed'],
    [6, 3, 3],
    [10, 5, 5],
    [10, 8, 'suppressed'],
    [3, null, null], // no target set: nothing to hide
  ];
  it.each(table)('a team of %i where %s reached the target shows %s', (chws, reached, shown) => {
    const seen = suppressTeam({ chws, weeks: [week(12, reached)] });
    expect(seen.chws).toBe(chws);
    expect(seen.weeks[0]?.met.visits).toBe(shown);
    // Totals of three or more promotoras are the team's, not a person's: they stay.
    expect(seen.weeks[0]?.visits).toBe(12);
  });
});
