import type { Queryable } from '../../db/types.js';
import { crisisSettings } from './crisis-settings.js';

/**
 * Who an alert goes to, step by step: each active supervisor of the on-call
 * list in order (or, with no list, the supervisors of the person's CHW), then
 * the managers together. With none of these, the admins, so no alert goes nowhere.
 */
export async function escalationChain(db: Queryable, orgId: string, clientId: string): Promise<string[][]> {
  const { onCall } = await crisisSettings(db, orgId);
  const active = new Set(
    (
      await db.query<{ id: string }>(
        `select id from app_user where org_id = $1 and id = any($2::uuid[]) and role = 'supervisor'
            and disabled_at is null`,
        [orgId, onCall.map((e) => e.userId)],
      )
    ).map((r) => r.id),
  );
  const steps = onCall.filter((e) => active.has(e.userId)).map((e) => [e.userId]);
  if (steps.length === 0) {
    const supervisors = await db.query<{ id: string }>(
      `select distinct t.supervisor_id as id from client c
         join team_member tm on tm.org_id = c.org_id and tm.user_id = c.assigned_chw_id
         join team t on t.id = tm.team_id
         join app_user u on u.id = t.supervisor_id and u.disabled_at is null
        where c.org_id = $1 and c.id = $2`,
      [orgId, clientId],
    );
    if (supervisors.length > 0) steps.push(supervisors.map((s) => s.id));
  }
  for (const role of steps.length === 0 ? ['manager', 'admin'] : ['manager']) {
    const people = await db.query<{ id: string }>(
      `select id from app_user where org_id = $1 and role = $2 and disabled_at is null order by created_at`,
      [orgId, role],
    );
    if (people.length > 0) {
      steps.push(people.map((p) => p.id));
      break;
    }
  }
  return steps;
}
