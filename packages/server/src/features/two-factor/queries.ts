import type { Role, SessionStage, TwoFactorPolicy } from '@puente/core';
import type { Queryable } from '../../db/types.js';

export interface TwoFactorRow {
  totpSecret: string | null;
  totpConfirmed: boolean;
  totpLastStep: number | null;
}

/** The person's TOTP state, or undefined before they started enrolling. */
export async function totpOf(db: Queryable, userId: string): Promise<TwoFactorRow | undefined> {
  const [row] = await db.query<TwoFactorRow>(
    `select totp_secret as "totpSecret", totp_confirmed_at is not null as "totpConfirmed",
            totp_last_step::float8 as "totpLastStep"
       from user_two_factor where user_id = $1`,
    [userId],
  );
  return row;
}

/** Whether the person has a confirmed second factor, and whether their program requires one. */
export async function factorsOf(
  db: Queryable,
  userId: string,
): Promise<{ enrolled: boolean; policy: TwoFactorPolicy; role: Role } | undefined> {
  const [row] = await db.query<{ enrolled: boolean; policy: TwoFactorPolicy; role: Role }>(
    `select o.two_factor as policy, u.role,
            exists (select 1 from user_two_factor f where f.user_id = u.id and f.totp_confirmed_at is not null)
            or exists (select 1 from user_passkey p where p.user_id = u.id) as enrolled
       from app_user u join organization o on o.id = u.org_id where u.id = $1`,
    [userId],
  );
  return row;
}

/** Starts (or restarts, before it is confirmed) TOTP enrolment with a sealed secret. */
export async function saveTotpSecret(db: Queryable, userId: string, orgId: string, sealed: string) {
  await db.query(
    `insert into user_two_factor (user_id, org_id, totp_secret) values ($1, $2, $3)
     on conflict (user_id) do update set totp_secret = excluded.totp_secret, totp_confirmed_at = null,
       totp_last_step = null, updated_at = now()`,
    [userId, orgId, sealed],
  );
}

/**
 * Records the time step of a code just accepted, only if it is newer than the
 * last one: false when a parallel request used the same code first.
 */
export async function useTotpStep(db: Queryable, userId: string, step: number, confirm: boolean) {
  const rows = await db.query(
    `update user_two_factor set totp_last_step = $2, updated_at = now(),
            totp_confirmed_at = case when $3 then coalesce(totp_confirmed_at, now()) else totp_confirmed_at end
      where user_id = $1 and (totp_last_step is null or totp_last_step < $2)
      returning 1`,
    [userId, step, confirm],
  );
  return rows.length === 1;
}

export async function removeTotp(db: Queryable, userId: string) {
  await db.query(
    'update user_two_factor set totp_secret = null, totp_confirmed_at = null, totp_last_step = null where user_id = $1',
    [userId],
  );
}

export async function replaceRecoveryCodes(db: Queryable, userId: string, orgId: string, hashes: string[]) {
  await db.query('delete from user_recovery_code where user_id = $1', [userId]);
  await db.query(
    `insert into user_recovery_code (user_id, org_id, code_hash)
     select $1, $2, h from unnest($3::text[]) as h`,
    [userId, orgId, hashes],
  );
}

/** Uses a recovery code once: false when it is unknown or was used before (even by a parallel request). */
export async function useRecoveryCode(db: Queryable, userId: string, hash: string): Promise<boolean> {
  const rows = await db.query(
    `update user_recovery_code set used_at = now()
      where user_id = $1 and code_hash = $2 and used_at is null returning 1`,
    [userId, hash],
  );
  return rows.length === 1;
}

export async function recoveryCodesLeft(db: Queryable, userId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from user_recovery_code where user_id = $1 and used_at is null',
    [userId],
  );
  return row?.n ?? 0;
}

/** Ends the limit on a session: sign-in is complete. A new token replaces the old (no fixation). */
export async function promoteSession(
  db: Queryable,
  tokenHash: string,
  newHash: string,
  times: { idleMinutes: number; maxHours: number },
): Promise<boolean> {
  const rows = await db.query(
    `update session set token_hash = $2, stage = 'full', verified_at = now(), last_seen_at = now(),
            expires_at = least(now() + make_interval(mins => $3), created_at + make_interval(hours => $4))
      where token_hash = $1 and stage <> 'full' and expires_at > now() returning 1`,
    [tokenHash, newHash, times.idleMinutes, times.maxHours],
  );
  return rows.length === 1;
}

export async function sessionStageOf(db: Queryable, tokenHash: string): Promise<SessionStage | undefined> {
  const [row] = await db.query<{ stage: SessionStage }>('select stage from session where token_hash = $1', [
    tokenHash,
  ]);
  return row?.stage;
}

/** Marks this session as having just proved who holds it (a step-up check). */
export async function markVerified(db: Queryable, tokenHash: string) {
  await db.query('update session set verified_at = now() where token_hash = $1', [tokenHash]);
}

/** Whether this session proved who holds it within the last `minutes`. */
export async function verifiedWithin(db: Queryable, tokenHash: string, minutes: number): Promise<boolean> {
  const [row] = await db.query<{ fresh: boolean }>(
    `select coalesce(verified_at > now() - make_interval(mins => $2), false) as fresh
       from session where token_hash = $1`,
    [tokenHash, minutes],
  );
  return row?.fresh ?? false;
}
