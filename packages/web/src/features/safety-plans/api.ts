import type { SafetyPlan, SaveSafetyPlanRequest } from '@puente/core';
import { ApiError } from '../../app/api';
import { type Body, call } from '../../app/api-client';

/** The newest version, or undefined when no plan was written yet. */
export async function getPlan(clientId: string): Promise<SafetyPlan | undefined> {
  try {
    return await call('get', '/api/clients/{id}/safety-plan', { path: { id: clientId } });
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return undefined;
    throw error;
  }
}

export function savePlan(clientId: string, body: SaveSafetyPlanRequest): Promise<SafetyPlan> {
  return call('put', '/api/clients/{id}/safety-plan', { path: { id: clientId }, body });
}

export function sharePlan(
  clientId: string,
  body: Body<'post', '/api/clients/{id}/safety-plan/share'>,
): Promise<{ url: string; expiresOn: string; version: number }> {
  return call('post', '/api/clients/{id}/safety-plan/share', { path: { id: clientId }, body });
}
