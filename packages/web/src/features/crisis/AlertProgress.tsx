import type { CrisisProtocolInfo, RiskAlert } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatMoment } from '../../ui/format';
import './crisis.css';

const EVERY_MS = 15_000;

/** The person's latest alert as the server has it (the CHW sees those of the people she works with). */
export async function latestAlertFor(clientId: string): Promise<RiskAlert | undefined> {
  const reply = await api<{ alerts: RiskAlert[] }>(
    'GET',
    `/api/alerts?clientId=${encodeURIComponent(clientId)}`,
  );
  return reply.alerts[0];
}

/**
 * What happened to the alert, only as far as the server says: on its way (to
 * whom), seen by whom, acknowledged by whom and when. Never "reached" on a guess.
 */
export function AlertProgress({
  clientId,
  info,
}: {
  clientId: string;
  info: CrisisProtocolInfo | undefined;
}) {
  const { t, locale } = useI18n();
  const [alert, setAlert] = useState<RiskAlert>();
  useEffect(() => {
    let alive = true;
    const check = () =>
      latestAlertFor(clientId).then(
        (a) => alive && setAlert(a),
        () => undefined,
      );
    void check();
    const timer = setInterval(check, EVERY_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [clientId]);
  const names = alert?.notifiedNames.length
    ? alert.notifiedNames.join(', ')
    : info?.alertGoesTo?.names.join(', ');
  return (
    <div class="protocol-ok">
      <p>{names ? t('crisis.alertSent', { names }) : t('crisis.alertSentSomeone')}</p>
      {alert?.status === 'acknowledged' ? (
        <p>
          {t('crisis.alertAcked', {
            name: alert.acknowledgedBy ?? '',
            when: formatMoment(locale, alert.acknowledgedAt ?? ''),
            action: alert.actionTaken ?? '',
          })}
        </p>
      ) : alert && alert.deliveredNames.length > 0 ? (
        <p>{t('crisis.alertSeen', { names: alert.deliveredNames.join(', ') })}</p>
      ) : (
        alert && <p>{t('crisis.alertNotSeen')}</p>
      )}
    </div>
  );
}

/** On the person's page: the latest alert about them and who acknowledged it, for the CHW who raised it. */
export function AlertStatus({ clientId }: { clientId: string }) {
  const { t, locale } = useI18n();
  const [alert, setAlert] = useState<RiskAlert>();
  useEffect(() => {
    void latestAlertFor(clientId).then(setAlert, () => undefined);
  }, [clientId]);
  if (!alert) return null;
  return (
    <p class={alert.status === 'open' ? 'protocol-wait' : 'hint'} role="status">
      {alert.status === 'acknowledged'
        ? t('crisis.alertAcked', {
            name: alert.acknowledgedBy ?? '',
            when: formatMoment(locale, alert.acknowledgedAt ?? ''),
            action: alert.actionTaken ?? '',
          })
        : alert.deliveredNames.length > 0
          ? t('crisis.alertSeen', { names: alert.deliveredNames.join(', ') })
          : t('crisis.alertNotSeen')}
    </p>
  );
}
