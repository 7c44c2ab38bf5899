import { type Problem, roleCan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { formatDay } from '../../ui/format';
import { EmptyState, ProblemAlert } from '../../ui/Messages';
import { getTeamActivity, hasTargets, measures, type TeamActivity } from './activity-api';
import { Measure } from './Measure';
import { WeeksTable } from './WeeksTable';

/** The weeks a view starts with, and the most it offers: this week and four, or eight, before it. */
export const FEW_WEEKS = 5;
export const MANY_WEEKS = 9;

/** Shows more weeks, or fewer again: the supervisor's and the program's tables alike. */
export function WeeksToggle({ weeks, onWeeks }: { weeks: number; onWeeks: (weeks: number) => void }) {
  const { t } = useI18n();
  return (
    <p>
      <button type="button" onClick={() => onWeeks(weeks === FEW_WEEKS ? MANY_WEEKS : FEW_WEEKS)}>
        {weeks === FEW_WEEKS ? t('activity.moreWeeks') : t('activity.fewerWeeks')}
      </button>
    </p>
  );
}

/** What to do when the program has set no targets: ask the admin, or set them when one may. */
export function NoTargets() {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <EmptyState title={t('activity.noTargetsTitle')}>
      <p>{t('activity.noTargetsBody')}</p>
      {roleCan(me.role, 'program.write') && (
        <p>
          <Link href="/admin/teams#targets" class="tap">
            {t('activity.setTargetsLink')}
          </Link>
        </p>
      )}
    </EmptyState>
  );
}

/**
 * Supervisor: one card per CHW of their teams, by name: this week's visits,
 * screens and closed referrals against the targets in words and a bar, and
 * the weeks before in a table. Neutral words: "3 of 5", "not yet".
 */
export function TeamActivitySection() {
  const { t, locale } = useI18n();
  const [weeks, setWeeks] = useState(FEW_WEEKS);
  const [activity, setActivity] = useState<TeamActivity>();
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => {
    getTeamActivity(weeks)
      .then(setActivity)
      .catch((error) => setProblem(toProblem(error)));
  }, [weeks]);
  const thisWeek = activity?.weekStarts[0];
  return (
    <section aria-labelledby="team-activity" class="day-section">
      <h2 id="team-activity">{t('activity.title')}</h2>
      <ProblemAlert problem={problem} />
      {!activity && !problem && <p role="status">{t('app.loading')}</p>}
      {activity && thisWeek && (
        <>
          <p class="hint">
            {t('activity.weekOf', { date: formatDay(locale, thisWeek) })}. {t('activity.weeksNote')}
          </p>
          {!activity.chws.some((c) => hasTargets(c.targets)) && <NoTargets />}
          {activity.chws.length === 0 ? (
            <p class="hint">{t('activity.noChws')}</p>
          ) : (
            <ul class="rows">
              {activity.chws.map((chw) => (
                <li key={chw.chwId} class="card">
                  <h3>{chw.chwName}</h3>
                  {chw.weeks[0] &&
                    measures.map((m) => (
                      <Measure key={m} measure={m} count={chw.weeks[0]?.[m] ?? 0} target={chw.targets[m]} />
                    ))}
                  <details class="activity-weeks">
                    <summary>{t('activity.earlierWeeks')}</summary>
                    <WeeksTable
                      caption={t('activity.tableCaption', { name: chw.chwName })}
                      weeks={chw.weeks}
                      targets={chw.targets}
                    />
                  </details>
                </li>
              ))}
            </ul>
          )}
          <WeeksToggle weeks={weeks} onWeeks={setWeeks} />
        </>
      )}
    </section>
  );
}
