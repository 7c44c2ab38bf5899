import {
  type AlertEvidence,
  type NewAlertRequest,
  PuenteError,
  type RiskAlert,
  strongestFinding,
} from '@puente/core';
import type { Config } from '../../config.js';
import { bind, clientScope, displayName, isoColumn as iso, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { requireVisibleClient } from '../clients/scope.js';
import { recordAlertStep } from './events.js';
import { type AlertClock, raiseAlert } from './raise.js';

export const alertClock = (config: Config, now = new Date()): AlertClock => ({
  now,
  ackMinutes: config.alertAckMinutes,
  publicUrl: config.publicUrl,
});

/**
 * Which alerts a caller sees, on alias `a` joined to client `c`: those about people
 * in their scope (`visible`, a supervisor: their teams) and those they were alerted to.
 */
const alertScope = (actor: Actor, visible: Sql) =>
  sql`a.org_id = ${actor.orgId} and (${actor.userId} = any(a.notified_ids) or ${visible})`;

/** The person's name is shown only to callers who may open the record (`visible`). */
const alertColumns = (visible: Sql) => sql`a.id, a.status, a.reason, a.client_id as "clientId",
  a.cssrs_risk as "cssrsRisk", a.phq9_item9 as "phq9Item9", a.chw_judgement as "chwJudgement",
  case when ${visible} then ${displayName} end as "clientName",
  ${iso('a.raised_at')} as "raisedAt", json_build_object('name', r.display_name, 'phone', r.phone) as "raisedBy",
  case when ${visible} then a.note end as note,
  array(select u.display_name from app_user u where u.id = any(a.notified_ids) order by u.display_name)
    as "notifiedNames",
  array(select u.display_name from app_user u where exists (select 1 from alert_event d
      where d.alert_id = a.id and d.kind = 'delivered' and d.user_id = u.id) order by u.display_name)
    as "deliveredNames",
  a.step as "escalationStep", ${iso('a.escalate_at')} as "escalateAt", ${iso('a.acknowledged_at')} as "acknowledgedAt",
  k.display_name as "acknowledgedBy", a.action_taken as "actionTaken"`;
const alertFrom = sql`risk_alert a join client c on c.id = a.client_id join app_user r on r.id = a.raised_by
  left join app_user k on k.id = a.acknowledged_by`;

type AlertRow = Omit<RiskAlert, 'finding' | 'severity'> & AlertEvidence;

/** The alert as the API gives it: titled by its strongest finding (a rule of core), without the raw evidence. */
function present({ cssrsRisk, phq9Item9, chwJudgement, ...alert }: AlertRow): RiskAlert {
  return { ...alert, ...strongestFinding({ cssrsRisk, phq9Item9, chwJudgement }) };
}

/**
 * Records that the alerts reached the caller's device, once per alert and
 * person, for the open alerts they were told of: the log says "delivered"
 * only when the device has fetched it.
 */
async function markDelivered(db: Queryable, actor: Actor, ip: string, ids: string[], now: Date) {
  const due = await db.query<{ id: string }>(
    `select a.id from risk_alert a where a.org_id = $1 and a.id = any($2::uuid[]) and a.status = 'open'
        and $3 = any(a.notified_ids)
        and not exists (select 1 from alert_event e where e.alert_id = a.id and e.kind = 'delivered'
                          and e.user_id = $3)`,
    [actor.orgId, ids, actor.userId],
  );
  for (const { id } of due)
    await recordAlertStep(db, who(actor, ip), {
      alertId: id,
      kind: 'delivered',
      userId: actor.userId,
      at: now,
    });
  return due.length > 0;
}

/**
 * Alerts for the caller, open ones first, newest first within each; only one
 * person's with `clientId`. Fetching them is what delivers them to the caller's
 * device; the listing is audited.
 */
export async function listAlerts(
  tx: Queryable,
  caller: Caller,
  filter: { status?: 'open' | 'acknowledged' | undefined; clientId?: string | undefined },
  now = new Date(),
): Promise<RiskAlert[]> {
  const { actor, ip } = caller;
  // One scope fragment named three times: its values keep one number each.
  const visible = clientScope(actor);
  const status = bind(filter.status ?? null);
  const client = bind(filter.clientId ?? null);
  const query = () =>
    tx.query<AlertRow>(
      sql`select ${alertColumns(visible)} from ${alertFrom}
           where ${alertScope(actor, visible)} and (${status}::text is null or a.status = ${status})
             and (${client}::uuid is null or a.client_id = ${client})
           order by a.status = 'open' desc, a.raised_at desc limit 200`,
    );
  let rows = await query();
  const open = rows.filter((r) => r.status === 'open').map((r) => r.id);
  if (await markDelivered(tx, actor, ip, open, now)) rows = await query();
  await recordAudit(tx, who(caller), { action: 'alert.listed', detail: { count: rows.length } });
  return rows.map(present);
}

/** One alert opened by the caller: delivered to their device, and the opening audited. */
export async function openAlert(tx: Queryable, caller: Caller, id: string): Promise<RiskAlert> {
  const alert = await alertById(tx, caller.actor, id, caller.ip);
  await recordAudit(tx, who(caller), { action: 'alert.viewed', subjectType: 'risk_alert', subjectId: id });
  return alert;
}

/** One alert with its timeline; opening it delivers it to the caller's device too. */
export async function alertById(
  db: Queryable,
  actor: Actor,
  id: string,
  ip?: string,
  now = new Date(),
): Promise<RiskAlert> {
  if (ip !== undefined) await markDelivered(db, actor, ip, [id], now);
  const visible = clientScope(actor);
  const [alert] = await db.query<AlertRow>(
    sql`select ${alertColumns(visible)} from ${alertFrom} where ${alertScope(actor, visible)} and a.id = ${id}`,
  );
  if (!alert) throw new PuenteError(404, 'errors.alertNotFound');
  const events = await db.query<NonNullable<RiskAlert['events']>[number]>(
    sql`select e.kind, ${iso('e.at')} as at, u.display_name as "userName" from alert_event e
          left join app_user u on u.id = e.user_id where e.org_id = ${actor.orgId} and e.alert_id = ${id} order by e.seq`,
  );
  return { ...present(alert), events };
}

/** An alert raised on the CHW's own judgement; the same id sent again (after reconnecting) is not a second alert. */
export async function raiseByJudgement(
  tx: Queryable,
  caller: Caller,
  request: NewAlertRequest,
  clock: AlertClock,
): Promise<{ alert: RiskAlert; created: boolean }> {
  const { actor } = caller;
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
    who(caller),
    {
      id: request.id,
      orgId: actor.orgId,
      clientId: request.clientId,
      raisedBy: actor.userId,
      reason: 'chw-judgement',
      evidence: { cssrsRisk: null, phq9Item9: false, chwJudgement: true },
      ...(request.note ? { note: request.note } : {}),
    },
    clock,
  );
  return { alert: await alertById(tx, actor, alertId), created };
}

/** The person alerted says what they did; this ends the escalation and cancels emails not yet sent. */
export async function acknowledgeAlert(
  tx: Queryable,
  caller: Caller,
  id: string,
  actionTaken: string,
  now: Date,
): Promise<RiskAlert> {
  const { actor } = caller;
  const [alert] = await tx.query<{ status: string }>(
    sql`select a.status from risk_alert a join client c on c.id = a.client_id
         where ${alertScope(actor, clientScope(actor))} and a.id = ${id} for update of a`,
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
  await recordAlertStep(tx, who(caller), {
    alertId: id,
    kind: 'acknowledged',
    userId: actor.userId,
    at: now,
  });
  return alertById(tx, actor, id);
}
