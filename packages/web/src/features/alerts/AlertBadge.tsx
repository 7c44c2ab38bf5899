import { type Role, roleCan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { ALERTS_CHANGED, listAlerts } from './api';
import './alerts.css';

const EVERY_MS = 30_000;

/** How many open alerts the signed-in person has; checked on each new screen, every half minute and after each acknowledgement. */
export function useOpenAlerts(role: Role, path: string): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!roleCan(role, 'alerts.acknowledge')) return;
    let alive = true;
    const check = () =>
      listAlerts('open').then(
        (alerts) => alive && setCount(alerts.length),
        () => undefined,
      );
    void check();
    const timer = setInterval(check, EVERY_MS);
    addEventListener(ALERTS_CHANGED, check);
    addEventListener('online', check);
    return () => {
      alive = false;
      clearInterval(timer);
      removeEventListener(ALERTS_CHANGED, check);
      removeEventListener('online', check);
    };
  }, [role, path]);
  return count;
}

/** The menu's "Alerts" with the number open, read as one phrase by screen readers. */
export function AlertsNavLabel({ count }: { count: number }) {
  const { t } = useI18n();
  if (count === 0) return <>{t('alerts.nav')}</>;
  return (
    <>
      <span aria-hidden="true">
        {t('alerts.nav')} <span class="count-badge">{count}</span>
      </span>
      <span class="visually-hidden">{t('alerts.navCount', { count })}</span>
    </>
  );
}
