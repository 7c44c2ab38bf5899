import type { Locale, Role, SessionStage } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import { hashToken, newToken } from '../../http/tokens.js';

export const SESSION_COOKIE = 'puente_session';

export { hashToken };

export interface SessionTimes {
  idleMinutes: number;
  maxHours: number;
}

/** How a new session starts: limited to finishing sign-in, and the browser that asked for it. */
export interface SessionStart {
  stage?: SessionStage;
  userAgent?: string;
}

/** A limited session (a second factor or enrolment still due) lasts this long, unused or not. */
const LIMITED_MINUTES = 15;

/** Makes a session and returns the token for the cookie; only its hash is stored. */
export async function createSession(
  db: Queryable,
  user: { id: string; orgId: string },
  times: SessionTimes,
  ip: string,
  device?: string,
  start: SessionStart = {},
): Promise<string> {
  const token = newToken();
  const stage = start.stage ?? 'full';
  // Sessions are made by a password sign-in (and a passkey one, which never names a
  // device): the device key share relies on that, with the device the password was typed on.
  await db.query(
    `insert into session (token_hash, org_id, user_id, expires_at, ip, device_id, stage, verified_at, user_agent)
     values ($1, $2, $3, case when $8 = 'full'
         then least(now() + make_interval(mins => $4), now() + make_interval(hours => $5))
         else now() + make_interval(mins => $10) end,
       $6, $7, $8, case when $8 = 'full' then now() end, $9)`,
    [
      hashToken(token),
      user.orgId,
      user.id,
      times.idleMinutes,
      times.maxHours,
      ip,
      device ?? null,
      stage,
      start.userAgent?.slice(0, 200) ?? null,
      LIMITED_MINUTES,
    ],
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
  stage: SessionStage;
  /** The password was set by someone else and must be changed before anything else. */
  mustChangePassword: boolean;
}

/** The live session for a token hash, or undefined. Disabled users have none. */
export async function findSession(db: Queryable, tokenHash: string): Promise<SessionUser | undefined> {
  const [row] = await db.query<SessionUser>(
    `select u.id as "userId", u.org_id as "orgId", u.role, u.locale,
            s.expires_at <= now() as expired,
            s.last_seen_at < now() - interval '1 minute' as stale, s.stage,
            u.must_change_password as "mustChangePassword"
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
      where token_hash = $1 and stage = 'full'`,
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
