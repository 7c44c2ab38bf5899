import type {
  Me,
  RecoveryCodes,
  SessionView,
  TotpEnrolment,
  TwoFactorPolicy,
  TwoFactorStatus,
} from '@puente/core';
import { api } from '../../app/api';

/** What confirming a first factor gives: ten recovery codes, shown once (none for a later factor). */
export type Enrolled = Partial<RecoveryCodes>;

export const getTwoFactorStatus = () => api<TwoFactorStatus>('GET', '/api/me/two-factor');
export const startTotp = () => api<TotpEnrolment>('POST', '/api/me/two-factor/totp', {});
export const confirmTotp = (code: string) =>
  api<Enrolled>('POST', '/api/me/two-factor/totp/confirm', { code });
export const removeTotp = () => api<undefined>('DELETE', '/api/me/two-factor/totp');
export const renewRecoveryCodes = () => api<RecoveryCodes>('POST', '/api/me/two-factor/recovery-codes', {});
export const removePasskey = (id: string) =>
  api<undefined>('DELETE', `/api/me/passkeys/${encodeURIComponent(id)}`);

/** Finishes a sign-in waiting for its second factor with an app code or a recovery code. */
export const secondFactor = (code: string) => api<Me>('POST', '/api/auth/second-factor', { code });
/** Opens the guarded actions (break-the-glass, extracts, FHIR secrets) for a few minutes. */
export const stepUp = (body: { password: string } | { code: string }) =>
  api<undefined>('POST', '/api/auth/step-up', body);

export const getSessions = () => api<{ sessions: SessionView[] }>('GET', '/api/me/sessions');
export const endSession = (id: string) => api<undefined>('POST', `/api/me/sessions/${id}/sign-out`, {});
export const endOtherSessions = () => api<{ ended: number }>('POST', '/api/me/sessions/sign-out-others', {});
/** An admin's view of one user's sessions, ending one, or all of them. */
export const getUserSessions = (userId: string) =>
  api<{ sessions: SessionView[] }>('GET', `/api/users/${encodeURIComponent(userId)}/sessions`);
export const endUserSession = (userId: string, id: string) =>
  api<undefined>(
    'POST',
    `/api/users/${encodeURIComponent(userId)}/sessions/${encodeURIComponent(id)}/sign-out`,
    {},
  );
export const endUserSessions = (userId: string) =>
  api<{ ended: number }>('POST', `/api/users/${encodeURIComponent(userId)}/sessions/sign-out`, {});

export const getPolicy = () => api<{ policy: TwoFactorPolicy }>('GET', '/api/program/two-factor');
export const savePolicy = (policy: Exclude<TwoFactorPolicy, 'none'>) =>
  api<{ policy: TwoFactorPolicy }>('PUT', '/api/program/two-factor', { policy });
