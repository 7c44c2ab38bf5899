import type { RiskFlag } from '@puente/core';
import { sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { withClient } from '../clients/with-client.js';
import { flagChangedForSync, riskFlagJson } from './queries.js';

/**
 * A supervisor clears a person's risk flag, saying why: the reason stays with
 * the flag and in the audit trail. Clearing a person with no open flag changes
 * nothing and answers the same (the flag is gone either way).
 */
export function clearRiskFlag(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  reason: string,
): Promise<{ riskFlag: RiskFlag | null }> {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'risk-flag.cleared', async () => {
    const cleared = await tx.query<{ id: string }>(
      `update risk_flag set cleared_at = now(), cleared_by = $3, clear_reason = $4
        where org_id = $1 and client_id = $2 and cleared_at is null returning id`,
      [actor.orgId, clientId, actor.userId, reason],
    );
    if (cleared[0]) await flagChangedForSync(tx, actor.orgId, clientId);
    const [now] = await tx.query<{ riskFlag: RiskFlag | null }>(
      sql`select ${riskFlagJson('c')} as "riskFlag" from client c where c.org_id = ${actor.orgId} and c.id = ${clientId}`,
    );
    // The reason is free text about the person's risk: it stays on the flag (clear_reason), never in
    // the audit trail, which holds ids and codes only and cannot be edited once chained.
    return { result: { riskFlag: now?.riskFlag ?? null }, detail: { flag: cleared[0]?.id ?? null } };
  });
}
