import { type Problem, roleCan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { numberFormat } from '../../app/formats';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { TableScroll } from '../../ui/TableScroll';
import { type CaseloadCounts, getCounts } from './api';
import { ProgramActivitySection } from './ProgramActivitySection';

/** Manager: how big the caseloads are and how much is late, without a single name. */
export function CountsScreen() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const [counts, setCounts] = useState<CaseloadCounts>();
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => {
    getCounts()
      .then(setCounts)
      .catch((error) => setProblem(toProblem(error)));
  }, []);
  // A manager's count under the program's threshold comes as null: said as the reports say it.
  const n = (value: number | null) =>
    value === null ? t('reports.suppressed') : numberFormat(locale).format(value);
  const hidden = (counts?.smallCounts?.suppressed.length ?? 0) > 0;
  return (
    <>
      <PageHeading text={t('team.countsTitle')} />
      <p class="hint">{t('team.countsIntro')}</p>
      <ProblemAlert problem={problem} />
      {!counts && !problem && <p role="status">{t('app.loading')}</p>}
      {counts && (
        <>
          <dl class="stats">
            <div>
              <dt>{t('team.clients')}</dt>
              <dd>{n(counts.clients)}</dd>
            </div>
            <div>
              <dt>{t('team.unassigned')}</dt>
              <dd>{n(counts.unassigned)}</dd>
            </div>
            <div>
              <dt>{t('team.encounters30')}</dt>
              <dd>{n(counts.encountersLast30Days)}</dd>
            </div>
            <div>
              <dt>{t('team.overdueTasks')}</dt>
              <dd>{n(counts.overdueTasks)}</dd>
            </div>
          </dl>
          {hidden && counts.smallCounts && (
            <p class="hint">{t('reports.suppressedNote', { threshold: counts.smallCounts.threshold })}</p>
          )}
          <section aria-labelledby="counts-by-chw" class="card">
            <h2 id="counts-by-chw">{t('team.byChw')}</h2>
            <TableScroll label={t('team.byChw')}>
              <table class="numbers">
                <thead>
                  <tr>
                    <th scope="col">
                      <span class="visually-hidden">{t('team.byChw')}</span>
                    </th>
                    <th scope="col">{t('team.colClients')}</th>
                    <th scope="col">{t('team.colOverdue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {counts.byChw.map((row, i) => (
                    <tr key={row.chwId}>
                      <th scope="row">{t('team.chwNumber', { n: i + 1 })}</th>
                      <td>{n(row.clients)}</td>
                      <td>{n(row.overdueTasks)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        </>
      )}
      {roleCan(me.role, 'activity.program') && <ProgramActivitySection />}
    </>
  );
}
