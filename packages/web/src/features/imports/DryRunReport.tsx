import type { CaseloadDryRun } from '@puente/core';
import { useI18n } from '../../app/i18n';

/**
 * What the dry run found: the counts, then each row left out and why, in the admin's words
 * (never a field's code). A list of short blocks, so a long reason wraps on a phone.
 */
export function DryRunReport({ report }: { report: CaseloadDryRun }) {
  const { t } = useI18n();
  return (
    <section class="card" aria-labelledby="report-title">
      <h2 id="report-title">{t('caseloadImport.reportTitle')}</h2>
      <ul class="plain-list import-counts">
        <li>{t('caseloadImport.countRows', { count: report.rows })}</li>
        <li>
          <strong>{t('caseloadImport.countReady', { count: report.ready })}</strong>
        </li>
        <li>{t('caseloadImport.countSkipped', { count: report.skipped })}</li>
        <li>{t('caseloadImport.countDuplicates', { count: report.duplicates })}</li>
      </ul>
      {report.problems.length === 0 ? (
        <p>{t('caseloadImport.allReady')}</p>
      ) : (
        <>
          <h3>{t('caseloadImport.leftOutTitle')}</h3>
          <p>{t('caseloadImport.leftOutHelp')}</p>
          <ol class="plain-list import-rows">
            {report.problems.map((p) => (
              <li key={p.row}>
                <strong>{t('caseloadImport.row', { row: p.row })}</strong>{' '}
                {p.problems
                  .map((code) => t(`caseloadImport.problem_${code}`, { row: p.sameAs ?? '' }))
                  .join('; ')}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
