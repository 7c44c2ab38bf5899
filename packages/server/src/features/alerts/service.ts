import { type NewAlertRequest, PuenteError, type RiskAlert } from '@puente/core';
import type { Config } from '../../config.js';
import type { Database, Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { who } from '../audit/record.js';
import { clientDisplayName, isoColumn as iso } from '../clients/queries.js';
import { CLIENT_SCOPE, requireVisibleClient, scopeParams } from '../clients/scope.js';
import { recordAlertStep } from './events.js';
import { type AlertClock, raiseAlert } from './raise.js';

export const alertClock = (config: Config, now = new Date()): AlertClock => ({
  now,
  ackMinutes: config.alertAckMinutes,
  publicUrl: config.publicUrl,
});

/**
 * Which alerts a caller sees, on alias `a` joined to client `c` ($1 org, $2 user, $3 role):
 * those about people in their scope (a supervisor: their teams) and those they were alerted to.
 * The person's name is shown only to callers who may open the record.
 */
const ALERT_SCOPE = `a.org_id = $1 and ($2 = any(a.notified_ids) or ${CLIENT_SCOPE})`;

const alertColumns = `a.id, a.status, a.reason, a.client_id as "clientId",
  case when ${CLIENT_SCOPE} then ${clientDisplayName} end as "clientName",
  ${iso('a.raised_at')} as "raisedAt", json_build_object('name', r.display_name) as "raisedBy",
  case when ${CLIENT_SCOPE} then a.note end as note,
  array(select u.display_name from app_user u where u.id = any(a.notified_ids) order by u.display_name)
    as "notifiedNames",
  a.step as "escalationStep", ${iso('a.acknowledged_at')} as "acknowledgedAt",
  k.display_name as "acknowledgedBy", a.action_taken as "actionTaken"`;
const alertFrom = `risk_alert a join client c on c.id = a.client_id join app_user r on r.id = a.raised_by
  left join app_user k on k.id = a.acknowledged_by`;

/** Alerts for the caller, open ones first, newest first within each. */
export async function listAlerts(db: Queryable, actor: Actor, status?: 'open' | 'acknowledged') {
  return db.query<RiskAlert>(
    `select ${alertColumns} from ${alertFrom} where ${ALERT_SCOPE} and ($4::text is null or a.status = $4)
      order by a.status = 'open' desc, a.raised_at desc limit 200`,
    [...scopeParams(actor), status ?? null],
  );
}

export async function alertById(db: Queryable, actor: Actor, id: string): Promise<RiskAlert> {
  const [alert] = await db.query<RiskAlert>(
    `select ${alertColumns} from ${alertFrom} where ${ALERT_SCOPE} and a.id = $4`,
    [...scopeParams(actor), id],
  );
  if (!alert) throw new PuenteError(404, 'errors.alertNotFound');
  const events = await db.query<NonNullable<RiskAlert['events']>[number]>(
    `select e.kind, ${iso('e.at')} as at, u.display_name as "userName" from alert_event e
       left join app_user u on u.id = e.user_id where e.org_id = $1 and e.alert_id = $2 order by e.seq`,
    [actor.orgId, id],
  );
  return { ...alert, events };
}

/** An alert raised on the CHW's own judgement; the same id sent again (after reconnecting) is not a second alert. */
export async function raiseByJudgement(
  db: Database,
  actor: Actor,
  request: NewAlertRequest,
  clock: AlertClock,
  ip: string,
): Promise<{ alert: RiskAlert; created: boolean }> {
  return db.transaction(async (tx) => {
    await requireVisibleClient(tx, actor, request.clientId);
    const [existing] = await tx.query<{ clientId: string }>(
      'select client_id as "clientId" from risk_alert where org_id = $1 and id = $2',
      [actor.orgId, request.id],
    );
    if (existing) {
      if (existing.clientId !== request.clientId) throw new PuenteError(409, 'errors.idTaken');
      return { alert: await alertById(tx, actor, request.id), created: false };
    }
    const { alertId, created } = await raiseAlert(
      tx,
      who(actor, ip),
      {
        id: request.id,
        orgId: actor.orgId,
        clientId: request.clientId,
        raisedBy: actor.userId,
        reason: 'chw-judgement',
        ...(request.note ? { note: request.note } : {}),
      },
      clock,
    );
    return { alert: await alertById(tx, actor, alertId), created };
  });
}

/** The person alerted says what they did; this ends the escalation and cancels emails not yet sent. */
export async function acknowledgeAlert(
  db: Database,
  actor: Actor,
  id: string,
  actionTaken: string,
  now: Date,
  ip: string,
): Promise<RiskAlert> {
  return db.transaction(async (tx) => {
    const [alert] = await tx.query<{ status: string }>(
      `select a.status from risk_alert a join client c on c.id = a.client_id
        where ${ALERT_SCOPE} and a.id = $4 for update of a`,
      [...scopeParams(actor), id],
    );
    if (!alert) throw new PuenteError(404, 'errors.alertNotFound');
    if (alert.status !== 'open') throw new PuenteError(409, 'errors.alertAlreadyAcknowledged');
    await tx.query(
      `update risk_alert set status = 'acknowledged', acknowledged_by = $2, acknowledged_at = $3,
              action_taken = $4, escalate_at = null where id = $1`,
      [id, actor.userId, now.toISOString(), actionTaken],
    );
    await tx.query(
      `update outbox set status = 'skipped', done_at = $2 where alert_id = $1 and status = 'pending'`,
      [id, now.toISOString()],
    );
    await recordAlertStep(tx, who(actor, ip), {
      alertId: id,
      kind: 'acknowledged',
      userId: actor.userId,
      at: now,
    });
    return alertById(tx, actor, id);
  });
}
