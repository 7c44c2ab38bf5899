import { type DirectoryDryRun, hsdsIssueText } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';

/**
 * What the check found, in the admin's words: services counted as services (new, updated, with
 * an address), then each row to look at by its number and name, with what is wrong or only
 * partly kept. Short blocks, so a long reason wraps on a phone.
 */
/** Rows listed at first, and added per press: 20,000 rows with a note at once would stall a phone. */
const rowsPerPage = 200;

export function DirectorySheetReport({ report }: { report: DirectoryDryRun }) {
  const { t, locale } = useI18n();
  const [shown, setShown] = useState(rowsPerPage);
  const rest = report.rowsWithIssues.length - shown;
  const columns = report.missingColumns.map((c) => t(`directorySheet.${c}`)).join(', ');
  return (
    <section class="card" aria-labelledby="directory-report-title">
      <h2 id="directory-report-title">{t('directorySheet.reportTitle')}</h2>
      <p>{t(`directorySheet.kind_${report.kind}`)}</p>
      <ul class="plain-list import-counts">
        <li>{t('directorySheet.countRows', { count: report.rows })}</li>
        <li>
          <strong>{t('directorySheet.countReady', { count: report.ready })}</strong>
        </li>
        <li>{t('directorySheet.countAdded', { count: report.added })}</li>
        <li>{t('directorySheet.countUpdated', { count: report.updated })}</li>
        <li>{t('directorySheet.countLocations', { count: report.locations })}</li>
        <li>{t('directorySheet.countSkipped', { count: report.skipped })}</li>
      </ul>
      {report.missingColumns.length > 0 && <p>{t('directorySheet.missingColumns', { columns })}</p>}
      {report.rowsWithIssues.length === 0 && report.hsdsIssues.length === 0 && (
        <p>{t('directorySheet.allReady')}</p>
      )}
      {report.rowsWithIssues.length > 0 && (
        <>
          <h3>{t('directorySheet.rowsTitle')}</h3>
          <p>{t('directorySheet.rowsHelp')}</p>
          <ol class="plain-list import-rows">
            {report.rowsWithIssues.slice(0, shown).map((r) => (
              <li key={r.row}>
                <strong>
                  {r.name
                    ? t('directorySheet.rowNamed', { row: r.row, name: r.name })
                    : t('directorySheet.row', { row: r.row })}
                </strong>
                {r.problems.length > 0 && (
                  <p>
                    {t('directorySheet.leftOut')}{' '}
                    {r.problems
                      .map((code) =>
                        t(`directorySheet.problem_${code}`, {
                          row: r.sameAs ?? '',
                          columns: (r.columns ?? []).map((c) => t(`directorySheet.${c}`)).join(', '),
                        }),
                      )
                      .join('; ')}
                  </p>
                )}
                {r.warnings.length > 0 && (
                  <p>
                    {t('directorySheet.note')}{' '}
                    {r.warnings.map((code) => t(`directorySheet.warning_${code}`)).join('; ')}
                  </p>
                )}
              </li>
            ))}
          </ol>
          {rest > 0 && (
            <button type="button" onClick={() => setShown(shown + rowsPerPage)}>
              {t('directorySheet.moreRows', { count: Math.min(rest, rowsPerPage), rest })}
            </button>
          )}
        </>
      )}
      {report.hsdsIssues.length > 0 && (
        <>
          <h3>{t('directorySheet.hsdsIssuesTitle')}</h3>
          <ol class="plain-list import-rows">
            {report.hsdsIssues.map((issue, i) => (
              <li key={`${issue.file}-${issue.row}-${issue.field}-${i}`}>{hsdsIssueText(locale, issue)}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
