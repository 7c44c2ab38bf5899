import type { UnreadTexts } from '@puente/core';
import type { Config } from '../../config.js';
import { displayName, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { programTexting } from './queries.js';

/** Texts older than this are not news any more: the thread still has them. */
const NEWS_DAYS = 14;

/**
 * The people the caller holds (as their CHW or backup) who texted the
 * program since the caller last opened their thread, for Today: names,
 * counts and times, never a message's words. "Opened" is the audit log's
 * own record of the caller reading the thread (`text.thread-viewed`), so
 * reading a thread anywhere, on any device, clears the person from the list.
 */
export async function unreadTexts(tx: Queryable, config: Config, caller: Caller): Promise<UnreadTexts> {
  const { orgId, userId } = caller.actor;
  const program = await programTexting(tx, orgId);
  if (!config.texts || !program.sender) return { enabled: false, people: [] };
  const people = await tx.query<UnreadTexts['people'][number]>(
    sql`select c.id as "clientId", ${displayName} as "clientName", count(*)::int as count,
               to_char(max(m.created_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lastAt"
          from text_message m join client c on c.id = m.client_id
         where m.org_id = ${orgId} and m.client_id is not null and m.direction = 'in'
           and m.created_at > now() - make_interval(days => ${NEWS_DAYS})
           and c.merged_into is null and (c.assigned_chw_id = ${userId} or c.backup_chw_id = ${userId})
           and m.created_at > coalesce(
                 (select max(e.at) from audit_event e
                   where e.org_id = m.org_id and e.subject_type = 'client' and e.subject_id = c.id::text
                     and e.actor_id = ${userId} and e.action = 'text.thread-viewed'),
                 '-infinity'::timestamptz)
         group by c.id
         order by max(m.created_at) desc
         limit 50`,
  );
  await recordAudit(tx, who(caller), { action: 'text.unread-listed', detail: { people: people.length } });
  return { enabled: true, people };
}
