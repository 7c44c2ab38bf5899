import { PuenteError, type SafetyPlan, type SaveSafetyPlanRequest, uuidv7 } from '@puente/core';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { withClient } from '../clients/with-client.js';

const planColumns = sql`p.id, p.client_id as "clientId", p.version, p.language, p.content,
  ${isoColumn('p.saved_at')} as "savedAt", u.display_name as "savedBy"`;

/** The newest version of a person's plan, with its row id (for sharing), or undefined. */
export async function latestPlan(
  db: Queryable,
  orgId: string,
  clientId: string,
): Promise<(SafetyPlan & { id: string }) | undefined> {
  const [plan] = await db.query<SafetyPlan & { id: string }>(
    sql`select ${planColumns} from safety_plan p join app_user u on u.id = p.saved_by
         where p.org_id = ${orgId} and p.client_id = ${clientId} order by p.version desc limit 1`,
  );
  return plan;
}

const withoutId = ({ id: _id, ...plan }: SafetyPlan & { id: string }): SafetyPlan => plan;

/** Opens the person's current plan; opening it is audited like any read of the record. */
export function readPlan(tx: Queryable, caller: Caller, clientId: string): Promise<SafetyPlan> {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'safety-plan.viewed', async () => {
    const plan = await latestPlan(tx, actor.orgId, clientId);
    if (!plan) throw new PuenteError(404, 'errors.safetyPlanNotFound');
    return { result: withoutId(plan), detail: { version: plan.version } };
  });
}

/** Saves the plan as a new version: earlier versions stay, so a review can see how it changed. */
export function savePlan(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  request: SaveSafetyPlanRequest,
): Promise<SafetyPlan> {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'safety-plan.saved', async () => {
    // Serialize saves of one person's plan so two versions never get the same number.
    await tx.query('select 1 from client where org_id = $1 and id = $2 for update', [actor.orgId, clientId]);
    const version = ((await latestPlan(tx, actor.orgId, clientId))?.version ?? 0) + 1;
    await tx.query(
      `insert into safety_plan (id, org_id, client_id, version, language, content, saved_by)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [
        uuidv7(),
        actor.orgId,
        clientId,
        version,
        request.language,
        JSON.stringify(request.content),
        actor.userId,
      ],
    );
    const saved = await latestPlan(tx, actor.orgId, clientId);
    if (!saved) throw new PuenteError(500, 'errors.internal');
    return { result: withoutId(saved), detail: { version } };
  });
}
