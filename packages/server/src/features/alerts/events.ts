import { type alertEventKinds, uuidv7 } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import { type AuditWho, recordAudit } from '../audit/record.js';

export type AlertStep = (typeof alertEventKinds)[number];

/** The jobs act for nobody in particular: audited as the system. */
export const systemActor = (orgId: string): AuditWho => ({ orgId, actorId: null, actorRole: 'system' });

/**
 * Timestamps one step of an alert and audits it, in the caller's transaction.
 * `userId` is who the step concerns: the person alerted, emailed or acknowledging.
 */
export async function recordAlertStep(
  tx: Queryable,
  by: AuditWho,
  step: { alertId: string; kind: AlertStep; userId: string | null; at: Date },
): Promise<void> {
  await tx.query(
    'insert into alert_event (id, org_id, alert_id, kind, user_id, at) values ($1, $2, $3, $4, $5, $6)',
    [uuidv7(), by.orgId, step.alertId, step.kind, step.userId, step.at.toISOString()],
  );
  await recordAudit(tx, by, {
    action: `alert.${step.kind}`,
    subjectType: 'risk_alert',
    subjectId: step.alertId,
    ...(step.userId ? { detail: { user: step.userId } } : {}),
  });
}
