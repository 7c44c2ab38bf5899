import type { ImportIssue } from '../directory/schemas.js';
import { t } from '../i18n/catalog.js';
import type { Locale } from '../i18n/locales.js';

/**
 * Why an HSDS record or file was left out, in the reader's language: by its code when the server
 * gave one, else as the server wrote it (an older server, or a reason with no code yet).
 */
export function hsdsIssueReason(locale: Locale, issue: ImportIssue): string {
  return issue.code ? t(locale, `directorySheet.hsdsReason_${issue.code}`, issue.params ?? {}) : issue.reason;
}

/**
 * One problem of an HSDS upload as a sentence: which file, which line of it (CSV counts lines from
 * the header, line 1), which field and which rule failed. The import writes `row` as the line
 * number, `header` for the header or `(file)` for the whole file; those markers are English for
 * the command line and never reach the admin's screen. The cell's value is never quoted here.
 */
export function hsdsIssueText(locale: Locale, issue: ImportIssue): string {
  const reason = hsdsIssueReason(locale, issue);
  const { file, row, field } = issue;
  if (row === '(file)') return t(locale, 'directorySheet.hsdsIssueFile', { file, reason });
  if (row === 'header') return t(locale, 'directorySheet.hsdsIssueHeader', { file, reason, field });
  const wholeRecord = field === '(record)' || field === '(table)' || field === '';
  if (/^\d+$/.test(row))
    return wholeRecord
      ? t(locale, 'directorySheet.hsdsIssueLineRecord', { file, row, reason })
      : t(locale, 'directorySheet.hsdsIssueLine', { file, row, field, reason });
  // JSON uploads name a record by its place, `services.csv[3]` or `/services/3`.
  if (wholeRecord) return t(locale, 'directorySheet.hsdsIssueFile', { file: `${file}, ${row}`, reason });
  return t(locale, 'directorySheet.hsdsIssueAt', { file, row, field, reason });
}
