import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/types.js';

/**
 * Limits on guessing, kept in the database (`auth_limit`) so every server
 * process shares them. Use one for anything that checks a secret: sign-in,
 * the current password, a 2FA code, a recovery code.
 *
 * The pattern is always reserve → check → settle:
 *
 * ```ts
 * const codes = createLimiter({ limit: 5, windowSeconds: 900, slowAfter: 3 });
 * const key = limitKeys.user('totp', userId);
 * const slot = await codes.reserve(db, key);          // before any hashing or comparing
 * if (!slot.allowed) throw new PuenteError(429, 'errors.tooManyAttempts',
 *   { seconds: slot.retryAfterSeconds }, { retryAfterSeconds: slot.retryAfterSeconds });
 * if (await checkCode(...)) await codes.succeed(db, key); // a per-person key starts again
 * ```
 *
 * `reserve` counts the attempt in one statement under the row's lock, so a
 * burst of parallel requests cannot all pass: at most `limit` of them are
 * ever checked. A failed check needs nothing more: it was already counted.
 * On success, `succeed` forgets a key that belongs to one person; a key that
 * many share (an address, everyone) gets only its own attempt back (`refund`),
 * so signing in with one's own account never clears guesses at another's.
 */
export interface LimitRule {
  /** Attempts that may be checked in the window; reaching it blocks the key. */
  limit: number;
  /** The window the attempts count in, starting at the first one. */
  windowSeconds: number;
  /** From this many attempts on, each next one must wait 1 s, 2 s, 4 s … (at most 64 s). */
  slowAfter?: number;
  /** How long reaching the limit blocks the key; without it, the rest of the window. */
  blockSeconds?: number;
}

export type Reservation =
  | {
      allowed: true;
      /** This attempt's number in the window. */
      attempt: number;
      /** Whether this attempt reached the limit: if it fails, the key is blocked. */
      blocksOnFailure: boolean;
    }
  | { allowed: false; retryAfterSeconds: number; blocked: boolean };

export interface Limiter {
  reserve(db: Queryable, key: string): Promise<Reservation>;
  /** The secret was right: forget every attempt on this key (for keys of one person). */
  succeed(db: Queryable, key: string): Promise<void>;
  /** The secret was right: give back this one attempt (for keys many share). */
  refund(db: Queryable, key: string): Promise<void>;
}

/** Keys are hashed so the table holds no email or address. */
const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 32);

/** The keys of the limits: `scope` names what is guessed (`sign-in`, `password`, `totp` …). */
export const limitKeys = {
  /** Everyone together: a ceiling on the work all addresses can cause. */
  global: (scope: string) => `${scope}:global`,
  /** One client address (see http/security.ts for how it is found behind a proxy). */
  address: (scope: string, ip: string) => `${scope}:address:${digest(ip)}`,
  /** One person. */
  user: (scope: string, userId: string) => `${scope}:user:${userId}`,
  /** An email, whether or not it has an account. */
  email: (scope: string, email: string) => `${scope}:email:${digest(email.trim().toLowerCase())}`,
};

export function createLimiter(rule: LimitRule): Limiter {
  // The count after this attempt: a window that has ended starts again at 1.
  const n = 'case when l.window_ends_at <= now() then 1 else l.attempts + 1 end';
  const slowAfter = rule.slowAfter ?? null;
  // $5 = 0: blocked for the rest of the window.
  const until = (count: string, windowEnd: string) =>
    `case when ${count} >= $3::int then case when $5::int > 0
       then now() + make_interval(secs => $5::int) else ${windowEnd} end end`;
  const wait = (count: string) =>
    `case when $4::int is not null and ${count} >= $4::int
       then now() + make_interval(secs => power(2, least(${count} - $4::int, 6))) end`;
  const windowEnd = `case when l.window_ends_at <= now() then now() + make_interval(secs => $2) else l.window_ends_at end`;
  const reserveSql = `
    insert into auth_limit as l (key, attempts, window_ends_at, next_attempt_at, blocked_until)
    values ($1, 1, now() + make_interval(secs => $2), ${wait('1')},
            ${until('1', 'now() + make_interval(secs => $2)')})
    on conflict (key) do update set
      attempts = ${n},
      window_ends_at = ${windowEnd},
      next_attempt_at = ${wait(n)},
      blocked_until = ${until(n, windowEnd)}
    where (l.blocked_until is null or l.blocked_until <= now())
      and (l.next_attempt_at is null or l.next_attempt_at <= now())
    returning attempts, coalesce(blocked_until > now(), false) as "blocksOnFailure"`;
  const params = (key: string) => [key, rule.windowSeconds, rule.limit, slowAfter, rule.blockSeconds ?? 0];

  return {
    async reserve(db, key) {
      const [row] = await db.query<{ attempts: number; blocksOnFailure: boolean }>(reserveSql, params(key));
      if (row) return { allowed: true, attempt: row.attempts, blocksOnFailure: row.blocksOnFailure };
      const [state] = await db.query<{ blocked: number; wait: number }>(
        `select greatest(0, ceil(extract(epoch from blocked_until - now())))::int as blocked,
                greatest(0, ceil(extract(epoch from next_attempt_at - now())))::int as wait
           from auth_limit where key = $1`,
        [key],
      );
      const blocked = state?.blocked ?? 0;
      return {
        allowed: false,
        blocked: blocked > 0,
        retryAfterSeconds: Math.max(1, blocked, state?.wait ?? 0),
      };
    },
    async succeed(db, key) {
      await db.query('delete from auth_limit where key = $1', [key]);
    },
    async refund(db, key) {
      await db.query(
        `update auth_limit set attempts = greatest(attempts - 1, 0),
                blocked_until = case when attempts - 1 < $2 then null else blocked_until end
          where key = $1`,
        [key, rule.limit],
      );
    },
  };
}

/** Forgets windows that ended long ago (called by the background jobs). */
export async function pruneLimits(db: Queryable): Promise<void> {
  await db.query(
    `delete from auth_limit where window_ends_at < now() - interval '1 day'
        and (blocked_until is null or blocked_until < now())`,
  );
}
