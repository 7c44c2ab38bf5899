import { type RiskAlert, roleCan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { useSession } from '../../app/session';
import { alertTitle, dialable, severityText } from './text';
import { watchOpenAlerts } from './watch';
import './alerts.css';

const minutes = (from: number, to: number) => Math.max(0, Math.round((to - from) / 60_000));

/**
 * The caller's open risk alerts, read again every half minute: `undefined`
 * until the first answer, so a screen can hold back "your day is clear".
 */
export function useOpenAlertList(): RiskAlert[] | undefined {
  const { me } = useSession();
  const may = roleCan(me.role, 'alerts.acknowledge');
  const [alerts, setAlerts] = useState<RiskAlert[] | undefined>(may ? undefined : []);
  useEffect(() => {
    if (!may) return;
    return watchOpenAlerts(
      setAlerts,
      // Offline or refused: nothing new to show, but never "no alerts" on a guess.
      () => setAlerts((before) => before ?? []),
    );
  }, [may]);
  return alerts;
}

/** Open alerts above everything else on Today: severity, the CHW one tap away, and the time left. */
export function OpenAlerts({ alerts }: { alerts: RiskAlert[] }) {
  const { t } = useI18n();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(tick);
  }, []);
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="today-alerts" class="day-section open-alerts" role="alert">
      <h2 id="today-alerts">
        {t('alerts.todayTitle')} <span class="count">{alerts.length}</span>
      </h2>
      <ul class="rows">
        {alerts.map((a) => {
          const left = a.escalateAt ? minutes(now, Date.parse(a.escalateAt)) : undefined;
          return (
            <li key={a.id} class={`row alert-row alert-row--${a.severity}`}>
              <div class="row-main">
                <p class="row-title">
                  <strong>{severityText(t, a.severity)}</strong> · {alertTitle(t, a)}
                </p>
                <p class="row-meta">
                  {t('alerts.raisedAgo', {
                    name: a.raisedBy.name,
                    minutes: minutes(Date.parse(a.raisedAt), now),
                  })}
                </p>
                <p class="row-meta">
                  {left === undefined
                    ? t('alerts.noEscalation')
                    : left === 0
                      ? t('alerts.escalatesNow')
                      : t('alerts.escalatesIn', { minutes: left })}
                </p>
                <p>
                  {a.raisedBy.phone && (
                    <a class="call-button" href={`tel:${dialable(a.raisedBy.phone)}`}>
                      <span class="call-label">{t('alerts.callChw', { name: a.raisedBy.name })}</span>
                      <span class="call-number">{a.raisedBy.phone}</span>
                    </a>
                  )}{' '}
                  <Link href={`/alerts/${a.id}`} class="button primary">
                    {t('alerts.openAlert')}
                  </Link>
                </p>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
