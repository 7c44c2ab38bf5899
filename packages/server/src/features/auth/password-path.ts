import type { Queryable } from '../../db/types.js';

/**
 * The password path of one account: failed password checks are counted on
 * the account (`app_user.failed_sign_ins`), slowed after `slowAfter` and
 * locked after `lockAfter` for `lockMinutes`.
 *
 * The lock closes the PASSWORD PATH, not the person. Nothing else reads it:
 * sessions stay valid, and a sign-in that does not check the password (a
 * second factor on its own, such as a passkey, or a single-use emailed link)
 * may still open a session for a locked account. Such a path should:
 *   - call `passwordPathLocked` only to tell the person their password is
 *     locked (never to refuse them), and
 *   - call `unlockPasswordPath` once they are in, so the password works again.
 * The same counting guards `/api/me/password` (guessing the current password).
 */
export interface PasswordRules {
  slowAfter: number;
  lockAfter: number;
  lockMinutes: number;
}

export type PasswordCheck =
  | { allowed: true; attempt: number; locksOnFailure: boolean }
  | { allowed: false; lockedSeconds: number; waitSeconds: number };

/**
 * Counts a password check BEFORE it is made, in one statement under the row's
 * lock: a burst of parallel guesses gets at most `slowAfter` checks at once
 * and never more than `lockAfter` before the lock. A wrong password then needs
 * nothing more; a right one calls `passwordCheckSucceeded`.
 */
export async function reservePasswordCheck(
  db: Queryable,
  userId: string,
  rules: PasswordRules,
): Promise<PasswordCheck> {
  const [row] = await db.query<{ attempt: number; locksOnFailure: boolean }>(
    `update app_user set
        failed_sign_ins = failed_sign_ins + 1,
        next_attempt_at = case when failed_sign_ins + 1 >= $2
          then now() + make_interval(secs => power(2, least(failed_sign_ins + 1 - $2, 6))) end,
        locked_until = case when failed_sign_ins + 1 >= $3
          then now() + make_interval(mins => $4) else locked_until end
      where id = $1
        and (locked_until is null or locked_until <= now())
        and (next_attempt_at is null or next_attempt_at <= now())
      returning failed_sign_ins as attempt, coalesce(locked_until > now(), false) as "locksOnFailure"`,
    [userId, rules.slowAfter, rules.lockAfter, rules.lockMinutes],
  );
  if (row) return { allowed: true, ...row };
  const [state] = await db.query<{ lockedSeconds: number; waitSeconds: number }>(
    `select greatest(0, ceil(extract(epoch from locked_until - now())))::int as "lockedSeconds",
            greatest(0, ceil(extract(epoch from next_attempt_at - now())))::int as "waitSeconds"
       from app_user where id = $1`,
    [userId],
  );
  return { allowed: false, lockedSeconds: state?.lockedSeconds ?? 0, waitSeconds: state?.waitSeconds ?? 1 };
}

/**
 * The password was right: the failures counted up to this attempt are
 * forgotten. Attempts reserved after it (a burst still in flight) stay
 * counted, and with them any wait or lock they set.
 */
export async function passwordCheckSucceeded(db: Queryable, userId: string, attempt: number): Promise<void> {
  await db.query(
    `update app_user set
        failed_sign_ins = greatest(failed_sign_ins - $2, 0),
        next_attempt_at = case when failed_sign_ins - $2 <= 0 then null else next_attempt_at end,
        locked_until = case when failed_sign_ins - $2 <= 0 then null else locked_until end
      where id = $1`,
    [userId, attempt],
  );
}

/** Seconds left on the lock of this account's password path; 0 when it is open. */
export async function passwordPathLocked(db: Queryable, userId: string): Promise<number> {
  const [row] = await db.query<{ seconds: number }>(
    `select greatest(0, ceil(extract(epoch from locked_until - now())))::int as seconds
       from app_user where id = $1`,
    [userId],
  );
  return row?.seconds ?? 0;
}

/** Opens the password path again (after the person proved who they are another way). */
export async function unlockPasswordPath(db: Queryable, userId: string): Promise<void> {
  await db.query(
    'update app_user set failed_sign_ins = 0, next_attempt_at = null, locked_until = null where id = $1',
    [userId],
  );
}
