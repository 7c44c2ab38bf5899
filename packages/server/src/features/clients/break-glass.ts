import { PuenteError, uuidv7 } from '@puente/core';
import type { Database } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { CLIENT_SCOPE, scopeParams } from './scope.js';

/** How long a break-the-glass opening lasts. */
export const BREAK_GLASS_MINUTES = 60;

/**
 * Opens a record outside the caller's scope for a stated reason, for a limited
 * time. Audited, and shown on the supervisor's team screen.
 */
export async function breakGlass(
  db: Database,
  actor: Actor,
  clientId: string,
  reason: string,
  ip: string,
): Promise<{ until: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ visible: boolean }>(
      `select ${CLIENT_SCOPE} as visible from client c where c.org_id = $1 and c.id = $4 and c.merged_into is null`,
      [...scopeParams(actor), clientId],
    );
    if (!row) throw new PuenteError(404, 'errors.clientNotFound');
    if (row.visible) throw new PuenteError(400, 'errors.breakGlassNotNeeded');
    const [grant] = await tx.query<{ until: string }>(
      `insert into break_glass (id, org_id, user_id, client_id, reason, expires_at)
       values ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))
       returning to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as until`,
      [uuidv7(), actor.orgId, actor.userId, clientId, reason, BREAK_GLASS_MINUTES],
    );
    await recordAudit(tx, who(actor, ip), {
      action: 'client.break-glass',
      subjectType: 'client',
      subjectId: clientId,
      detail: { minutes: BREAK_GLASS_MINUTES },
    });
    return { until: grant?.until ?? '' };
  });
}
