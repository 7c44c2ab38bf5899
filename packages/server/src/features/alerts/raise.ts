import { type AlertEvidence, type AlertReason, cssrsRiskOrder, isLocale } from '@puente/core';
import type { Database, Queryable } from '../../db/types.js';
import type { AuditWho } from '../audit/record.js';
import { alertEmail } from '../notifications/email-text.js';
import { enqueueEmail } from '../notifications/outbox.js';
import { escalationChain } from './chain.js';
import { crisisSettings } from './crisis-settings.js';
import { recordAlertStep, systemActor } from './events.js';

/** What alert work needs besides the database; `now` is injected so tests move time, not sleep. */
export interface AlertClock {
  now: Date;
  ackMinutes: number;
  publicUrl: string;
}

export interface NewAlert {
  id: string;
  orgId: string;
  clientId: string;
  raisedBy: string;
  reason: AlertReason;
  /** What this trigger found; joined to what the person's open alert already knew. */
  evidence: AlertEvidence;
  screeningId?: string;
  note?: string;
}

/**
 * Raises a risk alert in the caller's transaction and alerts the first step
 * of the on-call order. While the person already has an open alert, a new
 * trigger joins it (one crisis, one alert) instead of paging everyone again;
 * only if that alert's escalation already ran out does the order start again.
 */
export async function raiseAlert(
  tx: Queryable,
  by: AuditWho,
  alert: NewAlert,
  clock: AlertClock,
): Promise<{ alertId: string; created: boolean }> {
  // Serialize triggers per person: with no open alert there is no alert row
  // for `for update` to lock, so two triggers at once would each raise one.
  // The person's row is there to lock. `no key update` (not `update`) so it
  // does not wait on, or deadlock with, the key-share lock a screening's
  // insert in the same transaction already holds on it.
  await tx.query('select 1 from client where org_id = $1 and id = $2 for no key update', [
    alert.orgId,
    alert.clientId,
  ]);
  const [open] = await tx.query<{ id: string; escalateAt: Date | null }>(
    `select id, escalate_at as "escalateAt" from risk_alert
      where org_id = $1 and client_id = $2 and status = 'open'
      order by raised_at limit 1 for update`,
    [alert.orgId, alert.clientId],
  );
  if (open) {
    await joinEvidence(tx, open.id, alert.evidence);
    await recordAlertStep(tx, by, {
      alertId: open.id,
      kind: 'repeated',
      userId: alert.raisedBy,
      at: clock.now,
    });
    // Open with no escalation time left: every step was told and nobody
    // acknowledged. A new trigger is a new chance to reach someone, so the
    // order starts again from its first step rather than paging nobody.
    if (open.escalateAt === null) {
      await notifyNext(tx, by, { id: open.id, orgId: alert.orgId, clientId: alert.clientId }, clock);
    }
    return { alertId: open.id, created: false };
  }
  await tx.query(
    `insert into risk_alert (id, org_id, client_id, screening_id, reason, note, raised_by, raised_at,
        cssrs_risk, phq9_item9, chw_judgement)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      alert.id,
      alert.orgId,
      alert.clientId,
      alert.screeningId ?? null,
      alert.reason,
      alert.note ?? null,
      alert.raisedBy,
      clock.now.toISOString(),
      alert.evidence.cssrsRisk,
      alert.evidence.phq9Item9,
      alert.evidence.chwJudgement,
    ],
  );
  await recordAlertStep(tx, by, { alertId: alert.id, kind: 'raised', userId: alert.raisedBy, at: clock.now });
  await notifyNext(tx, by, { id: alert.id, orgId: alert.orgId, clientId: alert.clientId }, clock);
  return { alertId: alert.id, created: true };
}

/**
 * Adds a trigger's findings to an open alert: the highest C-SSRS level stands
 * (see `cssrsRiskOrder`), the rest accumulate. Never the last to arrive: an
 * older screen synced late must not lower an alert nobody has acted on yet.
 */
async function joinEvidence(tx: Queryable, alertId: string, e: AlertEvidence): Promise<void> {
  await tx.query(
    `update risk_alert set
        cssrs_risk = case
          when cssrs_risk is null or array_position($5::text[], $2::text) > array_position($5::text[], cssrs_risk)
            then coalesce($2, cssrs_risk)
          else cssrs_risk end,
        phq9_item9 = phq9_item9 or $3, chw_judgement = chw_judgement or $4
      where id = $1`,
    [alertId, e.cssrsRisk, e.phq9Item9, e.chwJudgement, cssrsRiskOrder],
  );
}

/**
 * A screen that raises nothing on its own (a C-SSRS at low or moderate risk)
 * still tells the person's open alert what it found (recorded as 'assessed');
 * it raises the alert's level, never lowers it. Returns the alert it joined, if any.
 */
export async function assessOpenAlert(
  tx: Queryable,
  by: AuditWho,
  orgId: string,
  clientId: string,
  evidence: AlertEvidence,
  now: Date,
): Promise<string | null> {
  const [open] = await tx.query<{ id: string }>(
    `select id from risk_alert where org_id = $1 and client_id = $2 and status = 'open'
      order by raised_at limit 1 for update`,
    [orgId, clientId],
  );
  if (!open) return null;
  await joinEvidence(tx, open.id, evidence);
  await recordAlertStep(tx, by, { alertId: open.id, kind: 'assessed', userId: by.actorId ?? null, at: now });
  return open.id;
}

/**
 * Alerts the next step of the on-call order in the app and by email, and sets
 * when to escalate if nobody acknowledges. The order is the one in force now
 * (the rota may have changed since the alert was raised), and the next step
 * is its first with someone not yet told in this round, from the alert's own
 * 'notified' steps; a round ends with 'exhausted'. So a step is never skipped
 * because the order got shorter, and the alert runs out only once everyone
 * in the current order has been told.
 */
async function notifyNext(
  tx: Queryable,
  by: AuditWho,
  alert: { id: string; orgId: string; clientId: string },
  clock: AlertClock,
): Promise<void> {
  const chain = await escalationChain(tx, alert.orgId, alert.clientId, clock.now);
  const told = new Set(
    (
      await tx.query<{ userId: string }>(
        `select user_id as "userId" from alert_event
          where alert_id = $1 and kind = 'notified' and seq > coalesce(
            (select max(seq) from alert_event where alert_id = $1 and kind = 'exhausted'), 0)`,
        [alert.id],
      )
    ).map((r) => r.userId),
  );
  const step = chain.findIndex((ids) => ids.some((id) => !told.has(id)));
  const recipients = chain[step]?.filter((id) => !told.has(id));
  if (!recipients) {
    await tx.query('update risk_alert set escalate_at = null where id = $1', [alert.id]);
    await recordAlertStep(tx, by, { alertId: alert.id, kind: 'exhausted', userId: null, at: clock.now });
    return;
  }
  const people = await tx.query<{ id: string; email: string; locale: string }>(
    'select id, email, locale from app_user where org_id = $1 and id = any($2::uuid[])',
    [alert.orgId, recipients],
  );
  for (const person of people) {
    // Put in their alerts and emailed: not yet delivered, which only their device fetching it shows.
    await recordAlertStep(tx, by, { alertId: alert.id, kind: 'notified', userId: person.id, at: clock.now });
    const locale = isLocale(person.locale) ? person.locale : 'en';
    await enqueueEmail(
      tx,
      {
        orgId: alert.orgId,
        email: alertEmail(person.email, locale, clock.publicUrl, alert.id),
        alertId: alert.id,
        recipientId: person.id,
      },
      clock.now,
    );
  }
  // The program's own escalation time, else the server's.
  const { escalationMinutes } = await crisisSettings(tx, alert.orgId);
  const escalateAt = new Date(clock.now.getTime() + (escalationMinutes ?? clock.ackMinutes) * 60_000);
  await tx.query(
    `update risk_alert set step = $2, escalate_at = $3,
            notified_ids = array(select distinct unnest(notified_ids || $4::uuid[]))
      where id = $1`,
    [alert.id, step, escalateAt.toISOString(), recipients],
  );
}

/**
 * Moves every open alert whose time to acknowledge has run out to the next
 * step of the on-call order not yet told. Claims them with SKIP LOCKED so two servers never
 * escalate one alert twice. Returns how many alerts moved.
 */
export async function escalateOverdue(db: Database, clock: AlertClock, batch = 50): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx.query<{ id: string; orgId: string; clientId: string }>(
      `select id, org_id as "orgId", client_id as "clientId" from risk_alert
        where status = 'open' and escalate_at <= $1 order by escalate_at limit $2 for update skip locked`,
      [clock.now.toISOString(), batch],
    );
    for (const alert of due) {
      const by = systemActor(alert.orgId);
      await recordAlertStep(tx, by, { alertId: alert.id, kind: 'escalated', userId: null, at: clock.now });
      await notifyNext(tx, by, alert, clock);
    }
    return due.length;
  });
}
