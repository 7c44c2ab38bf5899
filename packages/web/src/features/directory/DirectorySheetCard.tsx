import {
  type DirectoryDryRun,
  type DirectoryImportRun,
  directorySheetMaxBytes,
  sizeWords,
} from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { ImportProgress, usePolledRun } from '../imports/ImportProgress';
import { DirectorySheetReport } from './DirectorySheetReport';
import { type SheetWork, SheetWorkStatus } from './SheetWork';
import { checkDirectorySheet, directorySheetProgress, startDirectorySheetImport } from './sheet-api';
import { zipFiles } from './zip-files';
import '../imports/imports.css';

const limit = sizeWords(directorySheetMaxBytes);

/**
 * The admin brings services in from the one-sheet template (or HSDS files in a .zip): download
 * the template, choose the file, read the check row by row, then import and watch it go. A
 * refusal keeps the file chosen, so trying again is one press.
 */
export function DirectorySheetCard() {
  const { t } = useI18n();
  const [file, setFile] = useState<File>();
  /** The HSDS files chosen together, sent as one .zip: their names, to show what was chosen. */
  const [names, setNames] = useState<string[]>();
  const [fileError, setFileError] = useState<string>();
  const [report, setReport] = useState<DirectoryDryRun>();
  const [run, setRun] = useState<DirectoryImportRun>();
  const { busy, problem, run: act } = useAction();
  usePolledRun(run, directorySheetProgress, setRun);

  const [work, setWork] = useState<SheetWork>();

  /** The chosen file, refused before sending when there is none or it is over the limit. */
  const chosen = (): File | undefined => {
    if (!file) return void setFileError(t('directorySheet.fileChoose'));
    if (file.size > directorySheetMaxBytes) return void setFileError(t('errors.sheetTooLarge', { limit }));
    setFileError(undefined);
    return file;
  };
  /** Sends the file, saying how far it has gone, then that the server is checking it. */
  const send = async <T,>(
    action: SheetWork['action'],
    post: (file: File, onSent: (fraction: number) => void) => Promise<T>,
    sending: File,
  ): Promise<T> => {
    setWork({ step: 'sending', action, fraction: 0 });
    try {
      return await post(sending, (fraction) =>
        setWork(fraction < 1 ? { step: 'sending', action, fraction } : { step: 'checking', action }),
      );
    } finally {
      setWork(undefined);
    }
  };
  const check = async (event: Event) => {
    event.preventDefault();
    setRun(undefined);
    const sending = chosen();
    if (sending) await act(async () => setReport(await send('check', checkDirectorySheet, sending)));
  };
  const start = async () => {
    const sending = chosen();
    if (sending) await act(async () => setRun(await send('import', startDirectorySheetImport, sending)));
  };
  const choose = async (files: File[]) => {
    setFileError(undefined);
    setReport(undefined);
    setRun(undefined);
    setNames(undefined);
    if (files.length <= 1) return setFile(files[0]);
    // Several files are HSDS's tables (and its datapackage.json), put together as the .zip the server reads.
    setFile(undefined);
    if (!files.every((f) => /\.(csv|json)$/i.test(f.name)))
      return setFileError(t('directorySheet.filesNotHsds'));
    const entries = await Promise.all(
      files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
    );
    const zip = zipFiles(entries);
    setFile(new File([zip.buffer as ArrayBuffer], 'hsds.zip', { type: 'application/zip' }));
    setNames(files.map((f) => f.name));
  };

  const words =
    run &&
    (run.state === 'done'
      ? t('directorySheet.importDone', { total: run.total })
      : run.state === 'stopped'
        ? t('directorySheet.importStopped')
        : run.state === 'interrupted'
          ? t('directorySheet.importInterrupted')
          : t('directorySheet.importing', { done: run.done, total: run.total }));
  return (
    <>
      <section class="card" aria-labelledby="sheet-title">
        <h2 id="sheet-title">{t('directorySheet.title')}</h2>
        <p>{t('directorySheet.intro')}</p>
        <h3>{t('directorySheet.templateTitle')}</h3>
        <p>{t('directorySheet.templateHelp')}</p>
        <ul class="plain-list import-counts">
          <li>
            <a href="/api/directory/sheet/template?lang=es" download class="tap">
              {t('directorySheet.templateEs')}
            </a>
          </li>
          <li>
            <a href="/api/directory/sheet/template?lang=en" download class="tap">
              {t('directorySheet.templateEn')}
            </a>
          </li>
        </ul>
        <form onSubmit={(e) => void check(e)} noValidate>
          <div class={fileError ? 'field field--invalid' : 'field'}>
            <label for="directory-sheet-file">{t('directorySheet.fileLabel')}</label>
            <p id="directory-sheet-file-hint" class="hint">
              {t('directorySheet.fileHint', { limit })}
            </p>
            <input
              id="directory-sheet-file"
              type="file"
              multiple
              accept=".csv,.xlsx,.zip,.json,text/csv,application/zip,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={
                fileError
                  ? 'directory-sheet-file-error directory-sheet-file-hint'
                  : 'directory-sheet-file-hint'
              }
              aria-invalid={fileError ? true : undefined}
              disabled={busy}
              onChange={(e) => void choose([...(e.currentTarget.files ?? [])])}
            />
            {fileError && (
              <p id="directory-sheet-file-error" class="field-error">
                {fileError}
              </p>
            )}
          </div>
          {file && (
            <p>
              {names
                ? t('directorySheet.filesChosen', { count: names.length, names: names.join(', ') })
                : t('directorySheet.fileChosen', { name: file.name })}
            </p>
          )}
          <SheetWorkStatus work={work?.action === 'check' ? work : undefined} file={file} />
          <ProblemAlert problem={problem} />
          <button type="submit" class={report ? undefined : 'primary'} disabled={busy}>
            {busy
              ? t('directorySheet.checking')
              : report
                ? t('directorySheet.checkAgain')
                : t('directorySheet.check')}
          </button>
        </form>
      </section>
      {report && <DirectorySheetReport report={report} />}
      {report && !run && (
        <p>
          {report.ready > 0 ? (
            <button type="button" class="primary" disabled={busy} onClick={() => void start()}>
              {t('directorySheet.import', { count: report.ready })}
            </button>
          ) : (
            t('directorySheet.importNoneReady')
          )}
        </p>
      )}
      {report && <SheetWorkStatus work={work?.action === 'import' ? work : undefined} file={file} />}
      {run && words && (
        <ImportProgress
          label={t('directorySheet.progressLabel')}
          value={run.done}
          max={run.total}
          words={words}
        />
      )}
      {run?.state === 'interrupted' && (
        // The file is still chosen; importing it again updates what a finished part would have added.
        <p>
          <button type="button" class="primary" disabled={busy} onClick={() => void start()}>
            {t('directorySheet.startAgain')}
          </button>
        </p>
      )}
    </>
  );
}
