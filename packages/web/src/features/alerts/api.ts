import type { RiskAlert } from '@puente/core';
import { api } from '../../app/api';

export async function listAlerts(status?: 'open' | 'acknowledged'): Promise<RiskAlert[]> {
  return (await api<{ alerts: RiskAlert[] }>('GET', `/api/alerts${status ? `?status=${status}` : ''}`))
    .alerts;
}

export function getAlert(id: string): Promise<RiskAlert> {
  return api<RiskAlert>('GET', `/api/alerts/${encodeURIComponent(id)}`);
}

export async function acknowledgeAlert(id: string, actionTaken: string): Promise<RiskAlert> {
  const alert = await api<RiskAlert>('POST', `/api/alerts/${encodeURIComponent(id)}/acknowledge`, {
    actionTaken,
  });
  dispatchEvent(new Event(ALERTS_CHANGED));
  return alert;
}

/** Fired after an acknowledgement, so the badge counts again at once. */
export const ALERTS_CHANGED = 'puente:alerts-changed';
