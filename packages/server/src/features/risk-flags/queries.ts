import { identifier, isoColumn, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';

/** Whether the person on alias `c` carries an open risk flag (SQL boolean). */
export function hasRiskFlag(alias = 'c'): Sql {
  const c = identifier(alias);
  return sql`exists (select 1 from risk_flag f where f.org_id = ${c}.org_id and f.client_id = ${c}.id and f.cleared_at is null)`;
}

/** The open risk flag of the person on alias `c`, as the JSON the person's page shows, or null. */
export function riskFlagJson(alias = 'c'): Sql {
  const c = identifier(alias);
  return sql`(select jsonb_build_object('level', f.level, 'raisedAt', ${isoColumn('f.raised_at')}, 'screeningId', f.screening_id)
      from risk_flag f where f.org_id = ${c}.org_id and f.client_id = ${c}.id and f.cleared_at is null)`;
}

/**
 * Logs a change of the person's row for sync: the flag travels inside the
 * client row, and risk_flag has no trigger of its own, so without this a
 * phone that already holds the person never learns of a flag raised or cleared.
 */
export async function flagChangedForSync(tx: Queryable, orgId: string, clientId: string): Promise<void> {
  await tx.query(
    `insert into sync_change (org_id, client_id, entity, entity_id) values ($1, $2, 'client', $2)`,
    [orgId, clientId],
  );
}
