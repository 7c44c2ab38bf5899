import { type Role, roleCan } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { watchOpenAlerts } from './watch';
import './alerts.css';

/** How many open alerts the signed-in person has; checked on each new screen, every half minute and after each acknowledgement. */
export function useOpenAlerts(role: Role, path: string): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!roleCan(role, 'alerts.acknowledge')) return;
    return watchOpenAlerts((alerts) => setCount(alerts.length));
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
