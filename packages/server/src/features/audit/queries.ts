import type { Queryable } from '../../db/types.js';

/** One event as the admin's audit list shows it: who did what, to which record, from where; no detail. */
export interface AuditEventView {
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
}

/** An organization's audit events, newest first, `limit` of them before `before` (a seq) when given. */
export function recentEvents(
  db: Queryable,
  orgId: string,
  page: { before?: number | undefined; limit: number },
): Promise<AuditEventView[]> {
  return db.query<AuditEventView>(
    `select seq::float8 as seq, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
            actor_id as "actorId", actor_role as "actorRole", action,
            subject_type as "subjectType", subject_id as "subjectId", ip
       from audit_event where org_id = $1 and ($2::bigint is null or seq < $2)
      order by seq desc limit $3`,
    [orgId, page.before ?? null, page.limit],
  );
}
