import { PuenteError } from '@puente/core';
import { bind, clientScope, identifier, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';

/** Throws "not found" unless the caller may see this client: the same answer as for an id that does not exist. */
export async function requireVisibleClient(db: Queryable, actor: Actor, clientId: string): Promise<void> {
  const rows = await db.query(sql`select 1 from client c where c.id = ${clientId} and ${clientScope(actor)}`);
  if (rows.length === 0) throw new PuenteError(404, 'errors.clientNotFound');
}

/**
 * Whether `chwId` is an active CHW (or supervisor) of the caller's organization
 * who works in the caller's own teams: a CHW of a team they lead, or themself.
 * For an admin every such user counts as within. Refuses anyone else as "not assignable".
 */
export async function assignableChw(
  db: Queryable,
  actor: Actor,
  chwId: string,
): Promise<{ withinTeams: boolean }> {
  const [row] = await db.query<{ withinTeams: boolean }>(
    `select ($3 = 'admin' or u.id = $4 or u.id in (
              select tm.user_id from team_member tm join team t on t.id = tm.team_id
               where t.org_id = $1 and t.supervisor_id = $4)) as "withinTeams"
       from app_user u
      where u.org_id = $1 and u.id = $2 and u.disabled_at is null and u.role in ('chw', 'supervisor')`,
    [actor.orgId, chwId, actor.role, actor.userId],
  );
  if (!row) throw new PuenteError(400, 'errors.chwNotAssignable');
  return row;
}

/** Users in the org a supervisor may give work to: the CHWs of their teams (admins: every CHW). */
export async function requireAssignableChw(db: Queryable, actor: Actor, chwId: string): Promise<void> {
  const { withinTeams } = await assignableChw(db, actor, chwId);
  if (!withinTeams) throw new PuenteError(400, 'errors.chwNotAssignable');
}

/**
 * Refuses work on a person for a user who does not have them in scope: a task
 * given to a CHW about someone outside their caseload would put the person's
 * name on that CHW's Today.
 */
export async function requireInScopeOf(
  db: Queryable,
  orgId: string,
  userId: string,
  clientId: string,
): Promise<void> {
  const org = bind(orgId);
  const scope = clientScope({ org, user: identifier('u.id'), role: identifier('u.role') });
  const rows = await db.query(
    sql`select 1 from client c join app_user u on u.org_id = ${org} and u.id = ${userId} where c.id = ${clientId} and ${scope}`,
  );
  if (rows.length === 0) throw new PuenteError(400, 'errors.taskOutsideCaseload');
}
