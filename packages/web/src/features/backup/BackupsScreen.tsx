import type { Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatMoment } from '../../ui/format';
import { EmptyState, ProblemAlert, StatusMessage } from '../../ui/Messages';
import { PageHeading } from '../../ui/PageHeading';
import { useAction } from '../../ui/useAction';
import { useStepUp } from '../two-factor/useStepUp';
import { type BackupStatus, backUpNow, getBackupStatus } from './api';
import { RestoreSteps } from './RestoreSteps';
import { backupWarnings, formatBytes, intervalText } from './view';
import './backup.css';

/**
 * Admin: are the backups there and recent, "back up now", the files in the
 * folder, and the exact command that restores one on the server.
 */
export function BackupsScreen() {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<BackupStatus>();
  const [loadProblem, setLoadProblem] = useState<Problem>();
  const [news, setNews] = useState<string>();
  const { busy, problem, run } = useAction();
  // A backup file holds every record: the server asks who holds this session first.
  const { guard, dialog } = useStepUp();

  const load = () =>
    getBackupStatus().then(
      (s) => {
        setStatus(s);
        setLoadProblem(undefined);
      },
      (error) => setLoadProblem(toProblem(error)),
    );
  useEffect(() => void load(), []);

  const backUp = async () => {
    setNews(undefined);
    await run(async () => {
      const made = await guard(() => backUpNow());
      setNews(t('backups.nowDone', { name: made.name, size: formatBytes(locale, made.bytes) }));
    });
    // Made or refused, the list and the warnings say what is now so.
    await load();
  };

  // While the step-up dialog asks who holds the session, nothing is being backed up yet.
  const backingUp = busy && !dialog;
  const size = (bytes: number) => formatBytes(locale, bytes);
  const warnings = status ? backupWarnings(status, t, locale) : [];
  const keyText = status && t(`backups.key_${status.key}`, { file: status.keyFile });
  const canBackUp = Boolean(status?.folder) && (status?.key === 'environment' || status?.key === 'file');

  return (
    <>
      <PageHeading text={t('backups.title')} />
      <p class="lead">{t('backups.intro')}</p>
      <ProblemAlert problem={loadProblem} />
      {!status && !loadProblem && <p role="status">{t('app.loading')}</p>}
      {status && warnings.length > 0 && (
        <section class="card card--warn" aria-labelledby="backup-warnings">
          <h2 id="backup-warnings">{t('backups.warnTitle')}</h2>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </section>
      )}
      {status && (
        <section class="card" aria-labelledby="backup-status">
          <h2 id="backup-status">{t('backups.statusTitle')}</h2>
          <dl class="details">
            <dt>{t('backups.folder')}</dt>
            <dd class="mono">{status.folder ?? t('backups.folderNotSet')}</dd>
            <dt>{t('backups.key')}</dt>
            <dd>{keyText}</dd>
            <dt>{t('backups.schedule')}</dt>
            <dd>
              {status.scheduled
                ? t('backups.scheduleEvery', {
                    every: intervalText(t, status.everyMinutes),
                    keep: status.keep,
                  })
                : t('backups.scheduleOff')}
            </dd>
            <dt>{t('backups.newest')}</dt>
            <dd>
              {status.newest
                ? t('backups.newestAt', {
                    date: formatMoment(locale, status.newest.at),
                    size: size(status.newest.bytes),
                  })
                : t('backups.newestNone')}
            </dd>
            <dt>{t('backups.next')}</dt>
            <dd>{status.nextRunAt ? formatMoment(locale, status.nextRunAt) : t('backups.nextNone')}</dd>
            {status.lastFailure && (
              <>
                <dt>{t('backups.lastFailure')}</dt>
                <dd>
                  {formatMoment(locale, status.lastFailure.at)}:{' '}
                  {t(`backups.reason_${status.lastFailure.reason}`)}
                </dd>
              </>
            )}
          </dl>
        </section>
      )}
      {status && (
        <section class="card" aria-labelledby="backup-now">
          <h2 id="backup-now">{t('backups.nowTitle')}</h2>
          <p>{t('backups.nowBody')}</p>
          <ProblemAlert problem={problem} />
          <StatusMessage message={backingUp ? t('backups.nowBusy') : news} />
          <p>
            {/* Busy, it keeps the focus (a disabled button would drop it) and ignores presses. */}
            <button
              type="button"
              class="primary"
              aria-disabled={busy}
              disabled={!canBackUp}
              aria-describedby={status.running ? 'backup-running' : undefined}
              onClick={() => {
                if (!busy) void backUp();
              }}
            >
              {backingUp ? t('backups.nowBusy') : t('backups.nowButton')}
            </button>
          </p>
          {status.running && !busy && (
            <p id="backup-running" class="hint">
              {t('backups.nowRunning')}
            </p>
          )}
        </section>
      )}
      {status && (
        <section aria-labelledby="backup-files">
          <h2 id="backup-files">{t('backups.filesTitle')}</h2>
          {status.files.length === 0 ? (
            <EmptyState title={t('backups.emptyTitle')}>
              <p>{t('backups.emptyBody')}</p>
            </EmptyState>
          ) : (
            <>
              <p class="hint">{t('backups.filesCount', { count: status.files.length, keep: status.keep })}</p>
              <ul class="rows">
                {status.files.map((f) => (
                  <li key={f.name} class="row">
                    <div class="row-main">
                      <p class="row-title mono">{f.name}</p>
                      <p class="row-meta">
                        {t('backups.fileMeta', { date: formatMoment(locale, f.at), size: size(f.bytes) })}
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {status && <RestoreSteps command={status.restoreCommand} />}
      {dialog}
    </>
  );
}
