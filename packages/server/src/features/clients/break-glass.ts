import { PuenteError, uuidv7 } from '@puente/core';
import { bind, clientScope, isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';

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
    sql`select ${clientScope(actor)} as visible from client c
         where c.org_id = ${actor.orgId} and c.id = ${clientId} and c.merged_into is null`,
  );
  if (!row) throw new PuenteError(404, 'errors.clientNotFound');
  if (row.visible) throw new PuenteError(400, 'errors.breakGlassNotNeeded');
  const org = bind(actor.orgId);
  const client = bind(clientId);
  const [grant] = await tx.query<{ until: string }>(
    sql`insert into break_glass (id, org_id, user_id, client_id, reason, expires_at, team_id)
     values (${uuidv7()}, ${org}, ${actor.userId}, ${client}, ${reason}, now() + make_interval(mins => ${BREAK_GLASS_MINUTES}), (
       select tm.team_id from client c join team_member tm on tm.user_id = c.assigned_chw_id
        where c.org_id = ${org} and c.id = ${client} order by tm.team_id limit 1))
     returning ${isoColumn('expires_at')} as until`,
  );
  await recordAudit(tx, who(caller), {
    action: 'client.break-glass',
    subjectType: 'client',
    subjectId: clientId,
    detail: { minutes: BREAK_GLASS_MINUTES },
  });
  return { until: grant?.until ?? '' };
}
