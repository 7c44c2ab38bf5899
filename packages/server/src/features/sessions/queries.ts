import type { SessionView } from '@puente/core';
import type { Queryable } from '../../db/types.js';

/** A person's live sessions, newest use first; `current` marks the one asking. */
export async function sessionsOf(
  db: Queryable,
  userId: string,
  orgId: string,
  currentHash?: string,
): Promise<SessionView[]> {
  return db.query<SessionView>(
    `select id, user_agent as "userAgent", created_at::text as "createdAt", last_seen_at::text as "lastSeenAt",
            token_hash = $3 as current
       from session where user_id = $1 and org_id = $2 and expires_at > now() and stage = 'full'
      order by last_seen_at desc`,
    [userId, orgId, currentHash ?? ''],
  );
}

/** Ends one of the person's sessions by its id; false when it was not theirs, not of the organization, or is gone. */
export async function endSession(db: Queryable, userId: string, orgId: string, id: string): Promise<boolean> {
  const rows = await db.query(
    'delete from session where user_id = $1 and org_id = $2 and id = $3 returning 1',
    [userId, orgId, id],
  );
  return rows.length === 1;
}

/** Ends every session of a person in the organization, except optionally one; how many ended. */
export async function endSessions(db: Queryable, userId: string, orgId: string, keepHash?: string) {
  const rows = await db.query(
    'delete from session where user_id = $1 and org_id = $2 and token_hash is distinct from $3 returning 1',
    [userId, orgId, keepHash ?? null],
  );
  return rows.length;
}

export async function userInOrg(db: Queryable, userId: string, orgId: string): Promise<boolean> {
  const rows = await db.query('select 1 from app_user where id = $1 and org_id = $2', [userId, orgId]);
  return rows.length === 1;
}
