import type { DirectoryFlag, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatMoment } from '../../ui/format';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { listFlags, resolveFlag, verifyService } from './api';
import { reasonLabel } from './ReportForm';

/** The open reports from promotoras: check the listing, then close each as fixed or dismissed. */
export function FlagQueue() {
  const { t, locale } = useI18n();
  const [flags, setFlags] = useState<DirectoryFlag[]>();
  const [loadProblem, setLoadProblem] = useState<Problem>();
  const [status, setStatus] = useState<string>();
  const { busy, problem, run } = useAction();

  useEffect(() => {
    listFlags()
      .then(setFlags)
      .catch((error) => setLoadProblem(toProblem(error)));
  }, []);

  const close = (flag: DirectoryFlag, resolution: 'fixed' | 'dismissed') =>
    void run(async () => {
      await resolveFlag(flag.id, resolution);
      setFlags((list) => list?.filter((f) => f.id !== flag.id));
      const name = flag.serviceName ?? flag.serviceId;
      setStatus(
        t(resolution === 'fixed' ? 'directory.resolvedFixed' : 'directory.resolvedDismissed', { name }),
      );
    });
  const verify = (flag: DirectoryFlag) =>
    void run(async () => {
      await verifyService(flag.serviceId);
      setStatus(t('directory.verifiedNow'));
    });

  return (
    <section class="card" aria-labelledby="flags-title">
      <h2 id="flags-title">{t('directory.flagsTitle')}</h2>
      <ProblemAlert problem={loadProblem ?? problem} />
      <StatusMessage message={status} />
      {!flags && !loadProblem && <p role="status">{t('app.loading')}</p>}
      {flags?.length === 0 && <p>{t('directory.flagsEmpty')}</p>}
      {flags && flags.length > 0 && (
        <ul class="plain-list">
          {flags.map((flag) => (
            <li key={flag.id} class="flag" aria-labelledby={`flag-${flag.id}`}>
              <h3 id={`flag-${flag.id}`}>{flag.serviceName ?? flag.serviceId}</h3>
              <p>
                <span class="badge badge--warn">{t(reasonLabel[flag.reason])}</span>
              </p>
              {flag.note && <p class="note">{flag.note}</p>}
              <p class="hint">
                {t('directory.flagBy', {
                  name: flag.flaggedByName,
                  date: formatMoment(locale, flag.createdAt),
                })}
              </p>
              <p class="actions">
                <button type="button" class="primary" disabled={busy} onClick={() => close(flag, 'fixed')}>
                  {t('directory.fixed')}
                </button>
                <button type="button" disabled={busy} onClick={() => close(flag, 'dismissed')}>
                  {t('directory.dismiss')}
                </button>
                <button type="button" disabled={busy} onClick={() => verify(flag)}>
                  {t('directory.verify')}
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
