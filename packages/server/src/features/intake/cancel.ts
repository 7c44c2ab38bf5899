import type { IntakeStatus } from '@puente/core';
import { sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import { recordAudit } from '../audit/record.js';
import type { ApiClient } from '../fhir/api-clients.js';
import { FhirProblem } from '../fhir/outcome.js';
import type { Cancellation } from '../fhir/task-update.js';

// A clinic withdraws a referral it sent to the program (Gravity SDOHCC: the requester cancels its
// Task). The intake item says so with the clinic's reason, the CHW it was given to hears of it,
// and the program does nothing more with it.

const CANCELLABLE: readonly IntakeStatus[] = ['received', 'accepted', 'in-progress'];

/** What the route needs after the commit: whom to tell. */
export interface Cancelled {
  clientId: string;
  chwId: string | null;
}

/**
 * Cancels the referral `id` of this client, in the caller's transaction: its row locked, the
 * If-Match version (when given) checked against it, then the status. A referral of another client,
 * or none, is not found, in the same words.
 */
export async function cancelInbound(
  tx: Queryable,
  client: ApiClient,
  ip: string,
  id: string,
  expectedVersion: number | undefined,
  cancellation: Cancellation,
): Promise<Cancelled> {
  const [row] = await tx.query<{
    status: IntakeStatus;
    version: number;
    clientId: string;
    chwId: string | null;
  }>(
    sql`select status, version, client_id as "clientId", assigned_chw_id as "chwId" from inbound_referral
         where id = ${id} and org_id = ${client.orgId} and fhir_client_id = ${client.id} for update`,
  );
  if (!row) throw notFound(id);
  if (expectedVersion !== undefined && expectedVersion !== row.version)
    throw new FhirProblem(
      412,
      'conflict',
      `Task/${id} is at version ${row.version}, not ${expectedVersion} as If-Match says: it changed since your read. Read it again, then send the update.`,
    );
  if (!CANCELLABLE.includes(row.status))
    throw new FhirProblem(
      409,
      'conflict',
      `Task/${id} is ${row.status} already: a referral can be cancelled only while it is received, accepted or in-progress.`,
    );
  await tx.query(
    sql`update inbound_referral
           set status = 'cancelled', status_reason = ${cancellation.reason}, cancelled_at = now(), updated_at = now()
         where id = ${id}`,
  );
  await recordAudit(
    tx,
    { orgId: client.orgId, actorId: client.id, actorRole: 'api-client', ip },
    {
      action: 'fhir.referral-cancelled',
      subjectType: 'inbound_referral',
      subjectId: id,
      detail: { from: row.status, clientId: row.clientId, withReason: cancellation.reason !== null },
    },
  );
  return { clientId: row.clientId, chwId: row.chwId };
}

export const notFound = (id: string) =>
  new FhirProblem(404, 'not-found', `Task/${id} is not a referral this client sent to the program.`);
