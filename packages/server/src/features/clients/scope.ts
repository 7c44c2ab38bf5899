import { PuenteError } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';

/**
 * Which clients a caller may see, as a SQL condition on alias `c`, reading
 * $1 = org id, $2 = user id, $3 = role (see `scopeParams`). A CHW sees the
 * people assigned to them (or whom they back up); a supervisor also sees their
 * teams' caseloads; anyone sees a record they broke the glass for, until it
 * expires. Managers, admins and partners see no one by name.
 */
export const CLIENT_SCOPE = `(c.org_id = $1 and c.merged_into is null and (
  c.assigned_chw_id = $2 or c.backup_chw_id = $2
  or ($3 = 'supervisor' and c.assigned_chw_id in (
        select tm.user_id from team_member tm join team t on t.id = tm.team_id
         where t.org_id = $1 and t.supervisor_id = $2))
  or exists (select 1 from break_glass b
              where b.org_id = $1 and b.client_id = c.id and b.user_id = $2 and b.expires_at > now())))`;

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

/** Users in the org a supervisor may hand clients to: the CHWs of their teams (admins: every CHW). */
export async function requireAssignableChw(db: Queryable, actor: Actor, chwId: string): Promise<void> {
  const rows = await db.query(
    `select 1 from app_user u
      where u.org_id = $1 and u.id = $2 and u.disabled_at is null and u.role in ('chw', 'supervisor')
        and ($3 = 'admin' or u.id = $4 or u.id in (
              select tm.user_id from team_member tm join team t on t.id = tm.team_id
               where t.org_id = $1 and t.supervisor_id = $4))`,
    [actor.orgId, chwId, actor.role, actor.userId],
  );
  if (rows.length === 0) throw new PuenteError(400, 'errors.chwNotAssignable');
}
