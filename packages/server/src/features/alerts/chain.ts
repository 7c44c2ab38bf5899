import { onCallAt } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import { programSettings } from '../settings/queries.js';
import { crisisSettings } from './crisis-settings.js';

/** One step of the order: who is told together, and what they are to the CHW. */
export interface ChainStep {
  target: 'onCall' | 'supervisor' | 'manager' | 'admin';
  userIds: string[];
}

/**
 * Who an alert goes to, step by step: each active supervisor of the on-call
 * rota who is on call at `now`, in order (or, with none, the supervisors of
 * the CHW's teams), then the managers together. With none of these, the
 * admins, so no alert goes nowhere.
 */
export async function chainForChw(
  db: Queryable,
  orgId: string,
  chwId: string | null,
  now: Date,
): Promise<ChainStep[]> {
  const [{ onCall }, { timeZone }] = await Promise.all([
    crisisSettings(db, orgId),
    programSettings(db, orgId),
  ]);
  const active = new Set(
    (
      await db.query<{ id: string }>(
        `select id from app_user where org_id = $1 and id = any($2::uuid[]) and role = 'supervisor'
            and disabled_at is null`,
        [orgId, onCall.map((e) => e.userId)],
      )
    ).map((r) => r.id),
  );
  const steps: ChainStep[] = onCall
    .filter((e) => active.has(e.userId) && onCallAt(e.hours, now, timeZone))
    .map((e) => ({ target: 'onCall', userIds: [e.userId] }));
  if (steps.length === 0 && chwId) {
    const supervisors = await db.query<{ id: string }>(
      `select distinct t.supervisor_id as id from team_member tm
         join team t on t.id = tm.team_id
         join app_user u on u.id = t.supervisor_id and u.disabled_at is null
        where tm.org_id = $1 and tm.user_id = $2`,
      [orgId, chwId],
    );
    if (supervisors.length > 0) steps.push({ target: 'supervisor', userIds: supervisors.map((s) => s.id) });
  }
  for (const role of steps.length === 0 ? (['manager', 'admin'] as const) : (['manager'] as const)) {
    const people = await db.query<{ id: string }>(
      `select id from app_user where org_id = $1 and role = $2 and disabled_at is null order by created_at`,
      [orgId, role],
    );
    if (people.length > 0) {
      steps.push({ target: role, userIds: people.map((p) => p.id) });
      break;
    }
  }
  return steps;
}

/** The order for an alert about a person: through the CHW the person is assigned to. */
export async function escalationChain(
  db: Queryable,
  orgId: string,
  clientId: string,
  now: Date,
): Promise<string[][]> {
  const [client] = await db.query<{ chwId: string | null }>(
    'select assigned_chw_id as "chwId" from client where org_id = $1 and id = $2',
    [orgId, clientId],
  );
  return (await chainForChw(db, orgId, client?.chwId ?? null, now)).map((s) => s.userIds);
}
