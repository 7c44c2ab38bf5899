import type { Queryable } from '../../db/types.js';

/** What waits in the outbox, every organization together: counts and ages only. */
export interface OutboxBacklog {
  pending: number;
  /** Seconds since the oldest waiting email was queued; 0 when none waits. */
  oldestAgeSeconds: number;
  /** Seconds the most overdue email has been due without anyone taking it; 0 when none is overdue. */
  overdueSeconds: number;
}

/**
 * One query over the pending rows only (the partial index `outbox_due_idx`
 * holds exactly those), for metrics and readiness. A claimed email's next
 * attempt is pushed past its lease, so only emails no sender has taken are overdue.
 */
export async function outboxBacklog(db: Queryable, now: Date): Promise<OutboxBacklog> {
  const [row] = await db.query<OutboxBacklog>(
    `select count(*)::int as pending,
            coalesce(extract(epoch from $1::timestamptz - min(created_at)), 0)::float8 as "oldestAgeSeconds",
            greatest(coalesce(extract(epoch from $1::timestamptz - min(next_attempt_at)), 0), 0)::float8
              as "overdueSeconds"
       from outbox where status = 'pending'`,
    [now.toISOString()],
  );
  return row ?? { pending: 0, oldestAgeSeconds: 0, overdueSeconds: 0 };
}
