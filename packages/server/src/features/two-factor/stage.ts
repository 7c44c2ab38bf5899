import { type SessionStage, twoFactorRequired } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import { factorsOf } from './queries.js';

/**
 * What a right password opens: a full session, a session waiting for the
 * second factor (anyone enrolled, required or not), or one limited to
 * enrolling (a role that must use two-factor and has none yet).
 */
export async function stageAfterPassword(db: Queryable, userId: string): Promise<SessionStage> {
  const found = await factorsOf(db, userId);
  if (!found) return 'full';
  if (found.enrolled) return 'second-factor';
  return twoFactorRequired(found.policy, found.role) ? 'enrol' : 'full';
}

/** The /api paths a limited session may call: who am I, language, sign out, and finishing sign-in. */
const limitedPaths: Record<Exclude<SessionStage, 'full'>, Set<string>> = {
  'second-factor': new Set(['/api/auth/second-factor', '/api/auth/passkey/options', '/api/auth/passkey']),
  enrol: new Set([
    '/api/me/two-factor',
    '/api/me/two-factor/totp',
    '/api/me/two-factor/totp/confirm',
    '/api/me/passkeys/options',
    '/api/me/passkeys',
  ]),
};
const always = new Set(['/api/auth/me', '/api/auth/sign-out', '/api/me/preferences']);

/** Whether a session at `stage` may call `path` (a full session may call anything its role allows). */
export function stageAllows(stage: SessionStage, path: string): boolean {
  return stage === 'full' || always.has(path) || limitedPaths[stage].has(path);
}
