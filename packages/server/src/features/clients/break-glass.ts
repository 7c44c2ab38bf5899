import { PuenteError, uuidv7 } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { CLIENT_SCOPE, scopeParams } from './scope.js';

/** How long a break-the-glass opening lasts. */
export const BREAK_GLASS_MINUTES = 60;

/**
 * Opens a record outside the caller's scope for a stated reason, for a limited
 * time. Audited, and shown on the team screen of the supervisor whose team held
 * the person then (the team of their CHW; none when unassigned), wherever the
 * person goes afterwards.
 */
export async function breakGlass(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  reason: string,
): Promise<{ until: string }> {
  const { actor } = caller;
  const [row] = await tx.query<{ visible: boolean }>(
    `select ${CLIENT_SCOPE} as visible from client c where c.org_id = $1 and c.id = $4 and c.merged_into is null`,
    [...scopeParams(actor), clientId],
  );
  if (!row) throw new PuenteError(404, 'errors.clientNotFound');
  if (row.visible) throw new PuenteError(400, 'errors.breakGlassNotNeeded');
  const [grant] = await tx.query<{ until: string }>(
    `insert into break_glass (id, org_id, user_id, client_id, reason, expires_at, team_id)
     values ($1, $2, $3, $4, $5, now() + make_interval(mins => $6), (
       select tm.team_id from client c join team_member tm on tm.user_id = c.assigned_chw_id
        where c.org_id = $2 and c.id = $4 order by tm.team_id limit 1))
     returning to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as until`,
    [uuidv7(), actor.orgId, actor.userId, clientId, reason, BREAK_GLASS_MINUTES],
  );
  await recordAudit(tx, who(caller), {
    action: 'client.break-glass',
    subjectType: 'client',
    subjectId: clientId,
    detail: { minutes: BREAK_GLASS_MINUTES },
  });
  return { until: grant?.until ?? '' };
}
