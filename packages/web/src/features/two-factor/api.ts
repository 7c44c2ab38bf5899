import type {
  Me,
  RecoveryCodes,
  SessionView,
  TotpEnrolment,
  TwoFactorPolicy,
  TwoFactorStatus,
} from '@puente/core';
import { call } from '../../app/api-client';

/** What confirming a first factor gives: ten recovery codes, shown once (none for a later factor). */
export type Enrolled = Partial<RecoveryCodes>;

export const getTwoFactorStatus = (): Promise<TwoFactorStatus> => call('get', '/api/me/two-factor');
export const startTotp = (): Promise<TotpEnrolment> => call('post', '/api/me/two-factor/totp');
export const confirmTotp = (code: string): Promise<Enrolled> =>
  call('post', '/api/me/two-factor/totp/confirm', { body: { code } });
export const removeTotp = (): Promise<undefined> => call('delete', '/api/me/two-factor/totp');
export const renewRecoveryCodes = (): Promise<RecoveryCodes> =>
  call('post', '/api/me/two-factor/recovery-codes');
export const removePasskey = (id: string): Promise<undefined> =>
  call('delete', '/api/me/passkeys/{id}', { path: { id } });

/** Finishes a sign-in waiting for its second factor with an app code or a recovery code. */
export const secondFactor = (code: string): Promise<Me> =>
  call('post', '/api/auth/second-factor', { body: { code } });
/** Opens the guarded actions (break-the-glass, extracts, FHIR secrets) for a few minutes. */
export const stepUp = (body: { password: string } | { code: string }): Promise<undefined> =>
  call('post', '/api/auth/step-up', { body });

export const getSessions = (): Promise<{ sessions: SessionView[] }> => call('get', '/api/me/sessions');
export const endSession = (id: string): Promise<undefined> =>
  call('post', '/api/me/sessions/{id}/sign-out', { path: { id } });
export const endOtherSessions = (): Promise<{ ended: number }> =>
  call('post', '/api/me/sessions/sign-out-others');
/** An admin's view of one user's sessions, ending one, or all of them. */
export const getUserSessions = (userId: string): Promise<{ sessions: SessionView[] }> =>
  call('get', '/api/users/{id}/sessions', { path: { id: userId } });
export const endUserSession = (userId: string, id: string): Promise<undefined> =>
  call('post', '/api/users/{id}/sessions/{sessionId}/sign-out', { path: { id: userId, sessionId: id } });
export const endUserSessions = (userId: string): Promise<{ ended: number }> =>
  call('post', '/api/users/{id}/sessions/sign-out', { path: { id: userId } });

export const getPolicy = (): Promise<{ policy: TwoFactorPolicy }> => call('get', '/api/program/two-factor');
export const savePolicy = (policy: Exclude<TwoFactorPolicy, 'none'>): Promise<{ policy: TwoFactorPolicy }> =>
  call('put', '/api/program/two-factor', { body: { policy } });
