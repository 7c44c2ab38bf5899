import type { RiskAlert } from '@puente/core';
import { call } from '../../app/api-client';

export async function listAlerts(status?: 'open' | 'acknowledged'): Promise<RiskAlert[]> {
  return (await call('get', '/api/alerts', { query: { status } })).alerts;
}

export function getAlert(id: string): Promise<RiskAlert> {
  return call('get', '/api/alerts/{id}', { path: { id } });
}

export async function acknowledgeAlert(id: string, actionTaken: string): Promise<RiskAlert> {
  const alert = await call('post', '/api/alerts/{id}/acknowledge', { path: { id }, body: { actionTaken } });
  dispatchEvent(new Event(ALERTS_CHANGED));
  return alert;
}

/** Fired after an acknowledgement, so the badge counts again at once. */
export const ALERTS_CHANGED = 'puente:alerts-changed';
