import type { Locale, Role } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import { hashToken, newToken } from '../../http/tokens.js';

export const SESSION_COOKIE = 'puente_session';

export { hashToken };

export interface SessionTimes {
  idleMinutes: number;
  maxHours: number;
}

/** Makes a session and returns the token for the cookie; only its hash is stored. */
export async function createSession(
  db: Queryable,
  user: { id: string; orgId: string },
  times: SessionTimes,
  ip: string,
  device?: string,
): Promise<string> {
  const token = newToken();
  // Every session is made by a password sign-in (signIn is the only caller): the
  // device key share relies on that, with the device the password was typed on.
  await db.query(
    `insert into session (token_hash, org_id, user_id, expires_at, ip, device_id)
     values ($1, $2, $3, least(now() + make_interval(mins => $4), now() + make_interval(hours => $5)), $6, $7)`,
    [hashToken(token), user.orgId, user.id, times.idleMinutes, times.maxHours, ip, device ?? null],
  );
  return token;
}

export interface SessionUser {
  userId: string;
  orgId: string;
  role: Role;
  locale: Locale;
  expired: boolean;
  stale: boolean;
}

/** The live session for a token hash, or undefined. Disabled users have none. */
export async function findSession(db: Queryable, tokenHash: string): Promise<SessionUser | undefined> {
  const [row] = await db.query<SessionUser>(
    `select u.id as "userId", u.org_id as "orgId", u.role, u.locale,
            s.expires_at <= now() as expired,
            s.last_seen_at < now() - interval '1 minute' as stale
       from session s join app_user u on u.id = s.user_id and u.org_id = s.org_id
      where s.token_hash = $1 and u.disabled_at is null`,
    [tokenHash],
  );
  return row;
}

/** Slides the idle expiry forward, never past the session's maximum age. */
export async function touchSession(db: Queryable, tokenHash: string, times: SessionTimes): Promise<void> {
  await db.query(
    `update session set last_seen_at = now(),
            expires_at = least(now() + make_interval(mins => $2), created_at + make_interval(hours => $3))
      where token_hash = $1`,
    [tokenHash, times.idleMinutes, times.maxHours],
  );
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('delete from session where token_hash = $1', [tokenHash]);
}

/** Ends every session of a user, except optionally the one in use. */
export async function deleteUserSessions(db: Queryable, userId: string, keepHash?: string): Promise<void> {
  await db.query('delete from session where user_id = $1 and token_hash is distinct from $2', [
    userId,
    keepHash ?? null,
  ]);
}
