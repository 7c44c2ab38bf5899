import type { Problem, TeamOverview } from '@puente/core';
import { taskTitle } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formatDay, formatMoment } from '../../ui/format';
import { EmptyState, ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { getTeamOverview } from './api';
import { MemberCard } from './MemberCard';
import { TeamActivitySection } from './TeamActivitySection';

/** Supervisor: each CHW's caseload and overdue work, who has gone quiet, and every broken glass. */
export function TeamScreen() {
  const { t, locale } = useI18n();
  const [team, setTeam] = useState<TeamOverview>();
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => {
    getTeamOverview()
      .then(setTeam)
      .catch((error) => setProblem(toProblem(error)));
  }, []);
  return (
    <>
      <PageHeading text={t('team.title')} />
      <ProblemAlert problem={problem} />
      {!team && !problem && <p role="status">{t('app.loading')}</p>}
      {team && (
        <>
          <section aria-labelledby="team-overdue" class="day-section">
            <h2 id="team-overdue">
              {t('team.overdueTitle')} <span class="count">{team.overdue.length}</span>
            </h2>
            {team.overdue.length === 0 ? (
              <p class="hint">{t('team.overdueNone')}</p>
            ) : (
              <ul class="rows">
                {team.overdue.map((task) => (
                  <li key={task.id} class="row">
                    <div class="row-main">
                      <p class="row-title">
                        <Link href={`/people/${task.clientId}/follow-ups`}>{task.clientName}</Link>
                      </p>
                      <p class="row-meta">
                        {t('team.overdueLine', {
                          title: taskTitle(t, task),
                          date: formatDay(locale, task.dueOn),
                          assignee: task.assigneeName,
                        })}
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <TeamActivitySection />
          <section aria-labelledby="team-members" class="day-section">
            <h2 id="team-members">{t('team.members')}</h2>
            {team.members.length === 0 ? (
              <EmptyState title={t('team.members')}>
                <p>{t('team.noMembers')}</p>
              </EmptyState>
            ) : (
              <ul class="rows">
                {team.members.map((m) => (
                  <MemberCard key={m.chwId} member={m} days={team.noContactDays} />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="team-glass" class="day-section">
            <h2 id="team-glass">{t('team.breakGlassTitle')}</h2>
            {team.breakGlass.length === 0 ? (
              <p class="hint">{t('team.breakGlassNone')}</p>
            ) : (
              <ul class="plain-list">
                {team.breakGlass.map((b) => (
                  <li key={`${b.clientId}-${b.at}`}>
                    {t('team.breakGlassLine', {
                      user: b.userName,
                      client: b.clientName,
                      when: formatMoment(locale, b.at),
                      reason: b.reason,
                    })}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  );
}
