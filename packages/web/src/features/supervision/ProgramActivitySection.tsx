import type { Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { numberFormat } from '../../app/formats';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { getProgramActivity, hasTargets, measures, type ProgramActivity } from './activity-api';
import { FEW_WEEKS, NoTargets, WeeksToggle } from './TeamActivitySection';
import { WeeksTable } from './WeeksTable';

/**
 * Manager (and admin): the same weeks per team, never per named person, so
 * what goes to funders cannot become a ranking of promotoras. Each cell: the
 * team's total, and how many of its promotoras reached the target. A team too small to
 * show without showing its promotoras says so instead (the server leaves its figures out).
 * `reload` changes when the targets do, so the figures follow them.
 */
export function ProgramActivitySection({ reload = 0 }: { reload?: number }) {
  const { t, locale } = useI18n();
  const [weeks, setWeeks] = useState(FEW_WEEKS);
  const [activity, setActivity] = useState<ProgramActivity>();
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => {
    getProgramActivity(weeks)
      .then(setActivity)
      .catch((error) => setProblem(toProblem(error)));
  }, [weeks, reload]);
  const thisWeek = activity?.weekStarts[0];
  const n = (value: number) => numberFormat(locale).format(value);
  return (
    <section aria-labelledby="program-activity" class="day-section">
      <h2 id="program-activity">{t('activity.programTitle')}</h2>
      <p class="hint">{t('activity.programIntro')}</p>
      <ProblemAlert problem={problem} />
      {!activity && !problem && <p role="status">{t('app.loading')}</p>}
      {activity && thisWeek && (
        <>
          <p class="hint">
            {t('activity.weekOf', { date: formatDay(locale, thisWeek) })}. {t('activity.weeksNote')}
          </p>
          {!activity.teams.some((team) => hasTargets(team.targets)) && <NoTargets />}
          {activity.teams.length === 0 ? (
            <p class="hint">{t('activity.noTeams')}</p>
          ) : (
            activity.teams.map((team) => {
              const name = team.teamName ?? t('activity.noTeam');
              return (
                <div key={team.teamId ?? 'none'} class="activity-team">
                  <h3>{name}</h3>
                  {team.chws === null ? (
                    <p class="hint">{t('activity.smallTeam', { count: n(activity.smallTeam) })}</p>
                  ) : (
                    <p class="hint">{t('activity.teamPromotoras', { count: n(team.chws) })}</p>
                  )}
                  {hasTargets(team.targets) && (
                    <p class="hint">
                      {t('activity.targetsPerChw', {
                        targets: measures
                          .flatMap((m) => {
                            const target = team.targets[m];
                            return target === null
                              ? []
                              : [t('activity.targetOf', { measure: t(`activity.${m}`), target: n(target) })];
                          })
                          .join(' · '),
                      })}
                    </p>
                  )}
                  {team.chws !== null && (
                    <WeeksTable
                      caption={t('activity.tableCaption', { name })}
                      weeks={team.weeks}
                      targets={team.targets}
                      chws={team.chws}
                    />
                  )}
                </div>
              );
            })
          )}
          <WeeksToggle weeks={weeks} onWeeks={setWeeks} />
        </>
      )}
    </section>
  );
}
