import type { Problem, ReportFigures, ReportFilters, ReportOptions } from '@puente/core';
import { roleCan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { useSession } from '../../app/session';
import { ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { figuresCsvUrl, getFigures, getReportOptions } from './api';
import { ExtractDownload } from './ExtractDownload';
import { Figures } from './Figures';
import { Filters } from './Filters';

/**
 * The program dashboard for managers, supervisors (their teams) and admins:
 * charts with their numbers, never a name, and every chart's data as CSV.
 */
export function ReportsScreen() {
  const { t } = useI18n();
  const { me } = useSession();
  const [filters, setFilters] = useState<ReportFilters>({});
  const [options, setOptions] = useState<ReportOptions>();
  const [figures, setFigures] = useState<ReportFigures>();
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => {
    getReportOptions()
      .then(setOptions)
      .catch((error) => setProblem(toProblem(error)));
  }, []);
  useEffect(() => {
    setProblem(undefined);
    getFigures(filters)
      .then(setFigures)
      .catch((error) => {
        setFigures(undefined);
        setProblem(toProblem(error));
      });
  }, [filters]);
  // The period the server chose when none was asked for, so the date fields show it.
  const shown = figures ? { ...filters, from: figures.filters.from, to: figures.filters.to } : filters;
  return (
    <>
      <PageHeading text={t('reports.title')} />
      <p class="hint">{t('reports.intro')}</p>
      {(figures || problem) && (
        <Filters key={`${shown.from}-${shown.to}`} initial={shown} options={options} onApply={setFilters} />
      )}
      <ProblemAlert problem={problem} />
      {!figures && !problem && <p role="status">{t('app.loading')}</p>}
      {figures && (
        <>
          <p class="report-period">
            {t('reports.period', { from: figures.filters.from, to: figures.filters.to })}
          </p>
          <Figures figures={figures} />
          <section class="card" aria-labelledby="report-downloads">
            <h2 id="report-downloads">CSV</h2>
            <p>
              <a href={figuresCsvUrl(shown)} download class="tap">
                {t('reports.downloadCsv')}
              </a>
            </p>
            {roleCan(me.role, 'reports.extract') && (
              <>
                <ExtractDownload filters={shown} />
                <p class="hint">{t('reports.extractNote')}</p>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
