import { PuenteError } from '@puente/core';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/types.js';
import { createLimiter, limitKeys } from '../auth/limits.js';
import { totpOf, useRecoveryCode, useTotpStep } from './queries.js';
import { hashRecoveryCode } from './recovery.js';
import { open, twoFactorKey } from './secret-box.js';
import { checkTotp } from './totp.js';

/** Five wrong codes in 15 minutes block codes for 15 minutes (a passkey still works). */
const codeGuesses = createLimiter({ limit: 5, windowSeconds: 15 * 60, slowAfter: 3, blockSeconds: 15 * 60 });

/** The sealed TOTP secret opened, bound to its owner. */
export function openSecret(config: Config, userId: string, sealed: string): string {
  return open(twoFactorKey(config), sealed, userId);
}

/**
 * Checks a TOTP code (6 digits) or a recovery code (12 characters), each
 * accepted once. The guess is counted before it is checked, so a burst of
 * parallel guesses gets at most the limit checked. Throws 400 wrongCode or
 * 429 tooManyCodes; returns which kind was right.
 */
export async function checkCode(
  db: Queryable,
  config: Config,
  userId: string,
  code: string,
): Promise<'totp' | 'recovery'> {
  const key = limitKeys.user('second-factor', userId);
  const slot = await codeGuesses.reserve(db, key);
  if (!slot.allowed) {
    throw new PuenteError(
      429,
      'errors.tooManyCodes',
      { minutes: Math.max(1, Math.ceil(slot.retryAfterSeconds / 60)) },
      { retryAfterSeconds: slot.retryAfterSeconds },
    );
  }
  const kind = await codeIsRight(db, config, userId, code);
  if (!kind) throw new PuenteError(400, 'errors.wrongCode');
  await codeGuesses.succeed(db, key);
  return kind;
}

async function codeIsRight(db: Queryable, config: Config, userId: string, code: string) {
  if (/^\d{6}$/.test(code)) {
    const totp = await totpOf(db, userId);
    if (!totp?.totpSecret || !totp.totpConfirmed) return undefined;
    const step = await checkTotp(openSecret(config, userId, totp.totpSecret), code, totp.totpLastStep);
    return step !== undefined && (await useTotpStep(db, userId, step, false)) ? 'totp' : undefined;
  }
  return (await useRecoveryCode(db, userId, hashRecoveryCode(code))) ? 'recovery' : undefined;
}
