import type { Locale, Me, Role } from '@puente/core';
import type { Queryable } from '../../db/types.js';

export interface SignInRow {
  id: string;
  orgId: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  failedSignIns: number;
  waitSeconds: number;
  lockedSeconds: number;
}

export async function findForSignIn(db: Queryable, email: string): Promise<SignInRow | undefined> {
  const [row] = await db.query<SignInRow>(
    `select id, org_id as "orgId", role, password_hash as "passwordHash", disabled_at is not null as disabled,
            failed_sign_ins as "failedSignIns",
            greatest(0, ceil(extract(epoch from next_attempt_at - now())))::int as "waitSeconds",
            greatest(0, ceil(extract(epoch from locked_until - now())))::int as "lockedSeconds"
       from app_user where lower(email) = lower($1)`,
    [email],
  );
  return row;
}

/**
 * Counts a failed sign-in. From `slowAfter` failures on, the next attempt must
 * wait (1 s, 2 s, 4 s …); at `lockAfter` the account locks for `lockMinutes`.
 * Returns the new count. The counter lives in the database so every server
 * process sees it.
 */
export async function countFailure(
  db: Queryable,
  userId: string,
  rules: { slowAfter: number; lockAfter: number; lockMinutes: number },
): Promise<{ failures: number; locked: boolean }> {
  const [row] = await db.query<{ failures: number; locked: boolean }>(
    `update app_user set
        failed_sign_ins = failed_sign_ins + 1,
        next_attempt_at = case when failed_sign_ins + 1 >= $2
          then now() + make_interval(secs => power(2, least(failed_sign_ins + 1 - $2, 6))) end,
        locked_until = case when failed_sign_ins + 1 >= $3
          then now() + make_interval(mins => $4) else locked_until end
      where id = $1
      returning failed_sign_ins as failures, locked_until is not null and locked_until > now() as locked`,
    [userId, rules.slowAfter, rules.lockAfter, rules.lockMinutes],
  );
  return row ?? { failures: 0, locked: false };
}

export async function clearFailures(db: Queryable, userId: string): Promise<void> {
  await db.query(
    'update app_user set failed_sign_ins = 0, next_attempt_at = null, locked_until = null where id = $1',
    [userId],
  );
}

export async function findMe(db: Queryable, userId: string, orgId: string): Promise<Me | undefined> {
  const [row] = await db.query<Me & { orgName: string }>(
    `select u.id, u.email, u.display_name as "displayName", u.role, u.locale, o.name as "orgName",
            u.must_change_password as "mustChangePassword"
       from app_user u join organization o on o.id = u.org_id
      where u.id = $1 and u.org_id = $2`,
    [userId, orgId],
  );
  if (!row) return undefined;
  const { orgName, mustChangePassword, ...me } = row;
  return { ...me, organization: { id: orgId, name: orgName }, ...(mustChangePassword ? { mustChangePassword } : {}) };
}

export async function setLocale(db: Queryable, userId: string, orgId: string, locale: Locale) {
  await db.query('update app_user set locale = $3, updated_at = now() where id = $1 and org_id = $2', [
    userId,
    orgId,
    locale,
  ]);
}

export async function passwordHashOf(db: Queryable, userId: string, orgId: string) {
  const [row] = await db.query<{ hash: string }>(
    'select password_hash as hash from app_user where id = $1 and org_id = $2',
    [userId, orgId],
  );
  return row?.hash;
}

export async function setPasswordHash(db: Queryable, userId: string, orgId: string, hash: string) {
  await db.query(
    `update app_user set password_hash = $3, password_changed_at = now(), must_change_password = false,
            updated_at = now()
      where id = $1 and org_id = $2`,
    [userId, orgId, hash],
  );
}
