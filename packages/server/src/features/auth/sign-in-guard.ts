import { PuenteError } from '@puente/core';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/types.js';
import { createLimiter, type Limiter, limitKeys } from './limits.js';
import { verifyDecoy } from './password.js';
import type { PasswordCheck, PasswordRules } from './password-path.js';

/** What is being guessed: sign-in, or the current password of a signed-in user. */
export type GuessScope = 'sign-in' | 'password';

const limiters = new Map<string, Limiter>();
/** One limiter per rule, made once (the rules come from the settings). */
function limiter(name: string, rule: Parameters<typeof createLimiter>[0]): Limiter {
  const id = `${name}:${JSON.stringify(rule)}`;
  let made = limiters.get(id);
  if (!made) {
    made = createLimiter(rule);
    limiters.set(id, made);
  }
  return made;
}

export const passwordRules = (config: Config): PasswordRules => ({
  slowAfter: config.signInSlowAfter,
  lockAfter: config.signInLockAfter,
  lockMinutes: config.signInLockMinutes,
});

/**
 * Reserves one attempt against the per-address and the global limit, before
 * any password is hashed; refuses with 429 when either is full. The caller
 * calls `refund` when the password was right, so only failures (and attempts
 * in flight) count. Per address: `signInAddressLimit` per 15 minutes; all
 * addresses together: `signInGlobalLimit` per minute.
 */
export async function reserveShared(
  db: Queryable,
  config: Config,
  scope: GuessScope,
  ip: string,
): Promise<{ refund(): Promise<void> }> {
  const perAddress = limiter('address', { limit: config.signInAddressLimit, windowSeconds: 15 * 60 });
  const everyone = limiter('global', { limit: config.signInGlobalLimit, windowSeconds: 60 });
  const addressKey = limitKeys.address(scope, ip);
  const globalKey = limitKeys.global(scope);
  const byAddress = await perAddress.reserve(db, addressKey);
  if (!byAddress.allowed) throw tooMany(byAddress.retryAfterSeconds);
  const overall = await everyone.reserve(db, globalKey);
  if (!overall.allowed) {
    await perAddress.refund(db, addressKey);
    throw tooMany(overall.retryAfterSeconds);
  }
  return {
    async refund() {
      await perAddress.refund(db, addressKey);
      await everyone.refund(db, globalKey);
    },
  };
}

export const tooMany = (seconds: number) =>
  new PuenteError(429, 'errors.tooManyAttempts', { seconds }, { retryAfterSeconds: seconds });

export const lockedFor = (minutes: number) => new PuenteError(423, 'errors.accountLocked', { minutes });

/** The refusal of a password check the account's counter did not allow. */
export function refusalOf(check: Extract<PasswordCheck, { allowed: false }>): PuenteError {
  if (check.lockedSeconds > 0) return lockedFor(Math.ceil(check.lockedSeconds / 60));
  return tooMany(Math.max(1, check.waitSeconds));
}

/**
 * A sign-in for an email with no account answers exactly as a wrong password
 * on a real one: the same scrypt work (against a decoy hash), and the same
 * counting, slow-down and lock, kept under the email's hashed key, so neither
 * the answers nor their timing tell which emails have accounts.
 */
export async function refuseUnknownEmail(
  db: Queryable,
  config: Config,
  shared: { refund(): Promise<void> },
  email: string,
  password: string,
): Promise<never> {
  const rules = passwordRules(config);
  const mirror = limiter('unknown-email', {
    limit: rules.lockAfter,
    // An account's counter never lapses on its own; 30 days is as good as never here.
    windowSeconds: 30 * 24 * 3600,
    slowAfter: rules.slowAfter,
    blockSeconds: rules.lockMinutes * 60,
  });
  const slot = await mirror.reserve(db, limitKeys.email('sign-in', email));
  if (!slot.allowed) {
    await shared.refund();
    throw slot.blocked ? lockedFor(Math.ceil(slot.retryAfterSeconds / 60)) : tooMany(slot.retryAfterSeconds);
  }
  await verifyDecoy(password);
  if (slot.blocksOnFailure) throw lockedFor(rules.lockMinutes);
  throw new PuenteError(401, 'errors.badCredentials');
}
