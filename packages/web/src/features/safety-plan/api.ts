import type { SafetyPlan, SaveSafetyPlanRequest } from '@puente/core';
import { ApiError, api } from '../../app/api';

const base = (id: string) => `/api/clients/${encodeURIComponent(id)}/safety-plan`;

/** The newest version, or undefined when no plan was written yet. */
export async function getPlan(clientId: string): Promise<SafetyPlan | undefined> {
  try {
    return await api<SafetyPlan>('GET', base(clientId));
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return undefined;
    throw error;
  }
}

export function savePlan(clientId: string, body: SaveSafetyPlanRequest): Promise<SafetyPlan> {
  return api<SafetyPlan>('PUT', base(clientId), body);
}

export function sharePlan(
  clientId: string,
  body: { expiresOn: string; language: string },
): Promise<{ url: string; expiresOn: string; version: number }> {
  return api('POST', `${base(clientId)}/share`, body);
}
