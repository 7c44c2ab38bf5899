import {
  type CaseloadDryRun,
  type CaseloadImportRun,
  type CaseloadSheetRequest,
  type ColumnMapping,
  caseloadSheetMaxBytes,
  roleCan,
  type User,
} from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { SelectField } from '../../ui/Field';
import { fileAsBase64 } from '../../ui/files';
import { ProblemAlert } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useAction } from '../../ui/useAction';
import { listUsers } from '../users/api';
import { caseloadImportProgress, checkCaseloadSheet, startCaseloadImport } from './api';
import { DryRunReport } from './DryRunReport';
import { ImportProgress, usePolledRun } from './ImportProgress';
import { MappingCard } from './MappingCard';
import './imports.css';

const limit = `${Math.round(caseloadSheetMaxBytes / 1024)} KB`;
type Options = Pick<CaseloadSheetRequest, 'chwId' | 'dateOrder' | 'defaultLanguage'>;

/**
 * The admin brings an existing caseload in from a spreadsheet: choose the file, confirm which
 * column is which, read the dry run, then import the rows that passed and watch it go. A refusal
 * keeps the file, the mapping and the choices, so trying again is one press.
 */
export function CaseloadImportScreen() {
  const { t, locale } = useI18n();
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [mapping, setMapping] = useState<ColumnMapping>();
  const [report, setReport] = useState<CaseloadDryRun>();
  const [run, setRun] = useState<CaseloadImportRun>();
  const [chws, setChws] = useState<User[]>([]);
  const [options, setOptions] = useState<Options>({
    dateOrder: locale === 'es' ? 'dmy' : 'mdy',
    defaultLanguage: locale,
  });
  const { busy, problem, run: act } = useAction();
  usePolledRun(run, caseloadImportProgress, setRun);
  useEffect(() => {
    listUsers()
      .then((users) => setChws(users.filter((u) => !u.disabled && roleCan(u.role, 'caseload.hold'))))
      .catch(() => setChws([]));
  }, []);

  const request = async (): Promise<CaseloadSheetRequest | undefined> => {
    if (!file) return void setFileError(t('caseloadImport.fileChoose'));
    if (file.size > caseloadSheetMaxBytes) return void setFileError(t('errors.sheetTooLarge', { limit }));
    setFileError(undefined);
    return {
      fileName: file.name,
      content: await fileAsBase64(file),
      ...options,
      ...(mapping ? { mapping } : {}),
    };
  };
  const check = async (event: Event) => {
    event.preventDefault();
    setRun(undefined);
    const body = await request();
    if (!body) return;
    await act(async () => {
      const found = await checkCaseloadSheet(body);
      setReport(found);
      setMapping(found.mapping);
    });
  };
  const start = async () => {
    const body = await request();
    if (body) await act(async () => setRun(await startCaseloadImport(body)));
  };
  const choose = (chosen: File | undefined) => {
    setFile(chosen);
    setFileError(undefined);
    // Another sheet has other columns: its mapping is proposed again.
    setMapping(undefined);
    setReport(undefined);
    setRun(undefined);
  };

  const option = (change: Partial<Options>) => setOptions((o) => ({ ...o, ...change }));
  return (
    <>
      <PageHeading text={t('caseloadImport.title')} />
      <p class="lead">{t('caseloadImport.intro')}</p>
      <form class="card" onSubmit={(e) => void check(e)} noValidate>
        <div class={fileError ? 'field field--invalid' : 'field'}>
          <label for="sheet-file">{t('caseloadImport.fileLabel')}</label>
          <p id="sheet-file-hint" class="hint">
            {t('caseloadImport.fileHint', { limit })}
          </p>
          <input
            id="sheet-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={fileError ? 'sheet-file-error sheet-file-hint' : 'sheet-file-hint'}
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => choose(e.currentTarget.files?.[0])}
          />
          {fileError && (
            <p id="sheet-file-error" class="field-error">
              {fileError}
            </p>
          )}
        </div>
        <p>{file ? t('caseloadImport.fileChosen', { name: file.name }) : t('caseloadImport.noFile')}</p>
        <h2>{t('caseloadImport.optionsTitle')}</h2>
        <SelectField
          id="chw-for-all"
          label={t('caseloadImport.chwForAll')}
          hint={t('caseloadImport.chwForAllHint')}
          value={options.chwId ?? ''}
          onValue={(v) => option({ chwId: v || undefined })}
          options={[
            { value: '', label: t('caseloadImport.chwNone') },
            ...chws.map((u) => ({ value: u.id, label: u.displayName })),
          ]}
        />
        <SelectField
          id="date-order"
          label={t('caseloadImport.dateOrder')}
          value={options.dateOrder ?? 'mdy'}
          onValue={(v) => option({ dateOrder: v === 'dmy' ? 'dmy' : 'mdy' })}
          options={(['dmy', 'mdy'] as const).map((o) => ({
            value: o,
            label: t(`caseloadImport.dateOrder_${o}`),
          }))}
        />
        <SelectField
          id="default-language"
          label={t('caseloadImport.defaultLanguage')}
          value={options.defaultLanguage ?? 'es'}
          onValue={(v) => option({ defaultLanguage: v })}
          options={(['es', 'en'] as const).map((l) => ({ value: l, label: t(`vocab.lang_${l}`) }))}
        />
        <ProblemAlert problem={problem} />
        <button type="submit" class={report ? undefined : 'primary'} disabled={busy}>
          {busy
            ? t('caseloadImport.checking')
            : report
              ? t('caseloadImport.checkAgain')
              : t('caseloadImport.check')}
        </button>
      </form>
      {report && mapping && <MappingCard columns={report.columns} mapping={mapping} onChange={setMapping} />}
      {report && <DryRunReport report={report} />}
      {report && !run && (
        <p>
          {report.ready > 0 ? (
            <button type="button" class="primary" disabled={busy} onClick={() => void start()}>
              {t('caseloadImport.import', { count: report.ready })}
            </button>
          ) : (
            t('caseloadImport.importNoneReady')
          )}
        </p>
      )}
      {run && <Progress run={run} />}
      {run?.state === 'interrupted' && (
        // Checking again finds the people the cut-off run saved as duplicates, so the rest can follow.
        <form onSubmit={(e) => void check(e)}>
          <button type="submit" class="primary" disabled={busy}>
            {t('caseloadImport.startAgain')}
          </button>
        </form>
      )}
      <p>
        <Link href="/admin/users">{t('caseloadImport.back')}</Link>
      </p>
    </>
  );
}

function Progress({ run }: { run: CaseloadImportRun }) {
  const { t } = useI18n();
  const words =
    run.state === 'done'
      ? t('caseloadImport.importDone', { created: run.created })
      : run.state === 'stopped'
        ? t('caseloadImport.importStopped', { created: run.created, total: run.total })
        : run.state === 'interrupted'
          ? t('caseloadImport.importInterrupted', { created: run.created, total: run.total })
          : t('caseloadImport.importing', { created: run.created, total: run.total });
  return (
    <ImportProgress
      label={t('caseloadImport.progressLabel')}
      value={run.created}
      max={run.total}
      words={words}
    />
  );
}
