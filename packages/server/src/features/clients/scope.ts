import { PuenteError } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';

/** SQL expressions for whose scope is asked: the organization, the user and their role. */
interface ScopeOf {
  org: string;
  user: string;
  role: string;
  /** Whether a standing break-the-glass grant counts: it opens a record to read, never to move it. */
  breakGlass: boolean;
}

/**
 * Which clients a user may see, as a SQL condition on alias `c`. A CHW sees the
 * people assigned to them (or whom they back up); a supervisor also sees their
 * teams' caseloads; with `breakGlass`, anyone sees a record they broke the glass
 * for, until it expires. Managers, admins and partners see no one by name.
 * The user may be a column (a task's assignee), so a list can ask it row by row;
 * the subqueries' aliases (stm, st, sb) leave the caller's own free.
 */
export const clientScope = ({ org, user, role, breakGlass }: ScopeOf): string =>
  `(c.org_id = ${org} and c.merged_into is null and (
  c.assigned_chw_id = ${user} or c.backup_chw_id = ${user}
  or (${role} = 'supervisor' and c.assigned_chw_id in (
        select stm.user_id from team_member stm join team st on st.id = stm.team_id
         where st.org_id = ${org} and st.supervisor_id = ${user}))${
           breakGlass
             ? `
  or exists (select 1 from break_glass sb
              where sb.org_id = ${org} and sb.client_id = c.id and sb.user_id = ${user} and sb.expires_at > now())`
             : ''
         }))`;

/** The caller's scope, reading $1 = org id, $2 = user id, $3 = role (see `scopeParams`). */
export const CLIENT_SCOPE = clientScope({ org: '$1', user: '$2', role: '$3', breakGlass: true });

/**
 * Whom the caller holds: CLIENT_SCOPE without break-the-glass, with the same
 * parameters. Moving or merging a person needs it (decide(): 'transfer').
 */
export const HOLD_SCOPE = clientScope({ org: '$1', user: '$2', role: '$3', breakGlass: false });

export const scopeParams = (actor: Actor): [string, string, string] => [
  actor.orgId,
  actor.userId,
  actor.role,
];

/** Throws "not found" unless the caller may see this client: the same answer as for an id that does not exist. */
export async function requireVisibleClient(db: Queryable, actor: Actor, clientId: string): Promise<void> {
  const rows = await db.query(`select 1 from client c where c.id = $4 and ${CLIENT_SCOPE}`, [
    ...scopeParams(actor),
    clientId,
  ]);
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
  const scope = clientScope({ org: '$1', user: 'u.id', role: 'u.role', breakGlass: true });
  const rows = await db.query(
    `select 1 from client c join app_user u on u.org_id = $1 and u.id = $2 where c.id = $3 and ${scope}`,
    [orgId, userId, clientId],
  );
  if (rows.length === 0) throw new PuenteError(400, 'errors.taskOutsideCaseload');
}
