import type { IntakeAnswerRequest, IntakeItem, IntakeQueue } from '@puente/core';
import { call } from '../../app/api-client';

/** The referrals from clinics the caller sees: the program's for a supervisor, their own for a CHW. */
export const intakeQueue = (): Promise<IntakeQueue> => call('get', '/api/intake');
export const assignIntake = (id: string, chwId: string): Promise<IntakeItem> =>
  call('post', '/api/intake/{id}/assign', { path: { id }, body: { chwId } });
export const answerIntake = (id: string, body: IntakeAnswerRequest): Promise<IntakeItem> =>
  call('post', '/api/intake/{id}/answer', { path: { id }, body });
