import { bind, isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { AuditRow } from './record.js';

/** One event as the admin's audit list shows it: who did what, to which record, from where; no detail. */
export type AuditEventView = Omit<AuditRow, 'orgId' | 'detail' | 'prevHash' | 'hash'>;

/** An organization's audit events, newest first, `limit` of them before `before` (a seq) when given. */
export function recentEvents(
  db: Queryable,
  orgId: string,
  page: { before?: number | undefined; limit: number },
): Promise<AuditEventView[]> {
  const before = bind(page.before ?? null);
  return db.query<AuditEventView>(
    sql`select seq::float8 as seq, ${isoColumn('at', { milliseconds: true })} as at,
               actor_id as "actorId", actor_role as "actorRole", action,
               subject_type as "subjectType", subject_id as "subjectId", ip
          from audit_event where org_id = ${orgId} and (${before}::bigint is null or seq < ${before})
         order by seq desc limit ${page.limit}`,
  );
}
