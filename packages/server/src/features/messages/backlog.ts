import type { TextBacklog } from '@puente/core';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/types.js';

/**
 * How the program's texts stand in the outbox, for the admin: how many wait,
 * how long the oldest one that should have gone has waited since it was
 * queued (a provider that is down makes it grow, retries and all), and how many failed for good this week. Counts only, this
 * organization's only. A text held by quiet hours is waiting but not late.
 */
export async function textBacklog(
  db: Queryable,
  config: Config,
  orgId: string,
  now: Date,
): Promise<TextBacklog> {
  const [row] = await db.query<Omit<TextBacklog, 'enabled'>>(
    `select count(*) filter (where o.status = 'pending')::int as waiting,
            -- Tried and not yet sent, or due and not yet tried: held by quiet hours is not late.
            coalesce(extract(epoch from $2::timestamptz - min(o.created_at)
              filter (where o.attempts > 0 or o.next_attempt_at <= $2)), 0)::int as "oldestDueSeconds",
            (select count(*) from text_message m where m.org_id = $1 and m.direction = 'out'
                and m.status = 'failed' and m.status_at > $2::timestamptz - interval '7 days')::int as "failedThisWeek"
       from outbox o where o.org_id = $1 and o.kind = 'text' and o.status = 'pending'`,
    [orgId, now.toISOString()],
  );
  return {
    enabled: config.texts !== undefined,
    waiting: row?.waiting ?? 0,
    oldestDueSeconds: row?.oldestDueSeconds ?? 0,
    failedThisWeek: row?.failedThisWeek ?? 0,
  };
}
