import type { RiskAlert } from '@puente/core';
import { ALERTS_CHANGED, listAlerts } from './api';

const EVERY_MS = 30_000;

/**
 * Reads the caller's open alerts now, every half minute, after each
 * acknowledgement and on coming back online, until the returned stop is called
 * (an answer that arrives after it is dropped). For an effect's body and cleanup.
 * @example useEffect(() => watchOpenAlerts((alerts) => setCount(alerts.length)), []);
 */
export function watchOpenAlerts(
  onAlerts: (alerts: RiskAlert[]) => void,
  onFailure: () => void = () => undefined,
): () => void {
  let alive = true;
  const check = () =>
    listAlerts('open').then(
      (alerts) => alive && onAlerts(alerts),
      () => alive && onFailure(),
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
}
