import { suppressedCells } from '@puente/core';
import { type ActivityMeasure, activityMeasures, SMALL_TEAM } from './activity-schemas.js';

type Met = Record<ActivityMeasure, number | null>;
interface TeamFigures<W extends { met: Met }> {
  chws: number;
  weeks: W[];
}

/**
 * What a manager may see of one team's weeks, so that no figure is one or two promotoras':
 * a team of fewer than `SMALL_TEAM` CHWs shows neither its size nor its weeks (its totals would be
 * theirs); in a larger team, "how many reached the target" is hidden when it, or how many did not,
 * is under `SMALL_TEAM` (a 1 of 4, or a 3 of 4, points at one person). Zero and all-or-none of a
 * large enough team stay, as core's suppression keeps zeros. A target not set stays null.
 * @example suppressTeam({ chws: 1, weeks }) // → { chws: null, weeks: [] }
 */
export function suppressTeam<W extends { met: Met }>(team: TeamFigures<W>) {
  if (team.chws < SMALL_TEAM) return { chws: null, weeks: [] };
  const weeks = team.weeks.map((week) => {
    const met = {} as Record<ActivityMeasure, number | 'suppressed' | null>;
    for (const m of activityMeasures) {
      const reached = week.met[m];
      if (reached === null) {
        met[m] = null;
        continue;
      }
      const hidden = suppressedCells({ reached, notReached: team.chws - reached }, [], SMALL_TEAM);
      met[m] = hidden.size > 0 ? 'suppressed' : reached;
    }
    return { ...week, met };
  });
  return { chws: team.chws, weeks };
}
