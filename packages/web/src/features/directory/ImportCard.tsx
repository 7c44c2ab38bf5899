import type { ImportIssue, ImportReport } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { importDirectory } from './api';
import { issueReason } from './format';

// The server's request limit; larger directories go through the command line.
const MAX_BYTES = 1024 * 1024;

/** Upload an HSDS JSON file, read in the browser, and see what was imported and what was refused. */
export function ImportCard() {
  const { t } = useI18n();
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [report, setReport] = useState<ImportReport>();
  const { busy, problem, run } = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    setReport(undefined);
    if (!file) return setFileError(t('directory.importChoose'));
    // JSON text grows a little when sent again; leave room rather than be refused after the upload.
    if (file.size > MAX_BYTES * 0.98) return setFileError(t('directory.importTooBig', { file: file.name }));
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      return setFileError(t('directory.importNotJson', { file: file.name }));
    }
    setFileError(undefined);
    await run(async () => setReport(await importDirectory(document)));
  };

  // Counted as people count a directory: services and places, never HSDS records by table.
  const services = report?.imported.service ?? 0;
  const places = report?.imported.location ?? 0;
  return (
    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">{t('directory.importTitle')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div class={fileError ? 'field field--invalid' : 'field'}>
          <label for="import-file">{t('directory.importFile')}</label>
          <p id="import-file-hint" class="hint">
            {t('directory.importHint')}
          </p>
          <input
            id="import-file"
            type="file"
            accept=".json,application/json"
            aria-describedby={fileError ? 'import-file-error import-file-hint' : 'import-file-hint'}
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0]);
              setFileError(undefined);
            }}
          />
          {fileError && (
            <p id="import-file-error" class="field-error">
              {fileError}
            </p>
          )}
        </div>
        <ProblemAlert problem={problem} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('directory.importing') : t('directory.importSubmit')}
        </button>
      </form>
      <StatusMessage
        message={
          report && t('directorySheet.jsonImported', { services, places, rejected: report.rejected.length })
        }
      />
      {report && (
        <div class="import-report">
          <h3>{t('directory.importedTitle')}</h3>
          {services + places === 0 ? (
            <p>{t('directory.importedNothing')}</p>
          ) : (
            <ul class="plain-list">
              <li>{t('directorySheet.countServices', { count: services })}</li>
              <li>{t('directorySheet.countLocations', { count: places })}</li>
            </ul>
          )}
          <h3>{t('directory.rejectedTitle', { count: report.rejected.length })}</h3>
          {report.rejected.length === 0 ? (
            <p>{t('directory.rejectedNone')}</p>
          ) : (
            <Issues issues={report.rejected} />
          )}
          {report.warnings.length > 0 && (
            <details>
              <summary>{t('directory.warningsTitle', { count: report.warnings.length })}</summary>
              <Issues issues={report.warnings} />
            </details>
          )}
        </div>
      )}
    </section>
  );
}

/** Each issue as its own small block, so a long reason wraps on a phone instead of widening a table. */
function Issues({ issues }: { issues: ImportIssue[] }) {
  const { t, locale } = useI18n();
  return (
    <ol class="plain-list import-issues">
      {issues.map((issue, i) => (
        <li key={`${issue.file}-${issue.row}-${issue.field}-${i}`}>
          <dl class="details">
            <dt>{t('directory.issueFile')}</dt>
            <dd>{issue.file}</dd>
            <dt>{t('directory.issueRow')}</dt>
            <dd>{issue.row}</dd>
            <dt>{t('directory.issueField')}</dt>
            <dd>{issue.field}</dd>
            <dt>{t('directory.issueReason')}</dt>
            <dd>{issueReason(locale, issue)}</dd>
          </dl>
        </li>
      ))}
    </ol>
  );
}
