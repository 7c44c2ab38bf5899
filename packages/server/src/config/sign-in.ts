import { z } from 'zod';
import { about, whole } from './values.js';

/**
 * How long sessions last and how failed sign-ins are slowed and locked,
 * spread into the one list of environment variables in config.ts.
 */
export const signInEnv = {
  SESSION_IDLE_MINUTES: whole(5, 24 * 60)
    .default(60)
    .meta(about('a session ends after this long without use')),
  SESSION_MAX_HOURS: whole(1, 24 * 30)
    .default(12)
    .meta(about('a session ends this long after sign-in, used or not')),
  SIGNIN_SLOW_AFTER: whole(1, 100)
    .default(3)
    .meta(about('failed sign-ins after which each next attempt must wait (1 s, 2 s, 4 s …)')),
  SIGNIN_LOCK_AFTER: whole(2, 100).default(6).meta(about('failed sign-ins that lock the account')),
  SIGNIN_LOCK_MINUTES: whole(1, 24 * 60)
    .default(15)
    .meta(about('how long a locked account stays locked (an admin can unlock it sooner)')),
  SIGNIN_ADDRESS_LIMIT: whole(5, 100_000)
    .default(30)
    .meta(
      about(
        'failed password checks (sign-in or current password) one client address may cause per 15 minutes',
      ),
    ),
  SIGNIN_GLOBAL_LIMIT: whole(10, 1_000_000)
    .default(120)
    .meta(about('failed password checks all addresses together may cause per minute')),
};

/** The second factor and asking for it again, spread into the same list further down. */
export const twoFactorEnv = {
  // Seals TOTP secrets at rest: 32 bytes in base64. Without it, a key file in DATA_DIR is made once.
  TWO_FACTOR_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, { message: 'must be 32 bytes in base64' })
    .optional()
    .meta(
      about(
        'the key that seals authenticator-app secrets: 32 bytes in base64 (`openssl rand -base64 32`); without it a key file is made once in the data folder (`two-factor.key`)',
      ),
    ),
  STEP_UP_MINUTES: whole(1, 60)
    .default(5)
    .meta(
      about(
        'break-the-glass, person-level extracts and FHIR client secrets ask for the password or a code again unless it was given within this time',
      ),
    ),
};

/** The key that seals authenticator-app secrets: never printed. */
export const twoFactorSecrets = ['TWO_FACTOR_KEY'];

export function signInSettings(env: z.infer<z.ZodObject<typeof signInEnv>>) {
  return {
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionMaxHours: env.SESSION_MAX_HOURS,
    signInSlowAfter: env.SIGNIN_SLOW_AFTER,
    signInLockAfter: env.SIGNIN_LOCK_AFTER,
    signInLockMinutes: env.SIGNIN_LOCK_MINUTES,
    signInAddressLimit: env.SIGNIN_ADDRESS_LIMIT,
    signInGlobalLimit: env.SIGNIN_GLOBAL_LIMIT,
  };
}

export function twoFactorSettings(env: z.infer<z.ZodObject<typeof twoFactorEnv>>) {
  return {
    twoFactorKey: env.TWO_FACTOR_KEY ? Buffer.from(env.TWO_FACTOR_KEY, 'base64') : undefined,
    stepUpMinutes: env.STEP_UP_MINUTES,
  };
}

/** Locking must come after slowing down, or slowing down would never be reached; undefined when it does. */
export function signInSettingsProblem(settings: ReturnType<typeof signInSettings>): string | undefined {
  const { signInLockAfter, signInSlowAfter } = settings;
  return signInLockAfter <= signInSlowAfter
    ? `SIGNIN_LOCK_AFTER=${signInLockAfter} must be greater than SIGNIN_SLOW_AFTER=${signInSlowAfter}`
    : undefined;
}
