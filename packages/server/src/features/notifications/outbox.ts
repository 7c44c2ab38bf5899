import { uuidv7 } from '@puente/core';
import type { Database, Queryable } from '../../db/types.js';
import type { Logger } from '../../log.js';
import { recordAlertStep, systemActor } from '../alerts/events.js';
import type { Email, Mailer } from './mailer.js';

/** After this many failed attempts an email is given up on (about a day of retries). */
export const MAX_ATTEMPTS = 10;
/** How long a claimed email is held before another worker may try it (a crashed worker's lease). */
const LEASE_MS = 5 * 60_000;

/**
 * Counts an attempt on claimed outbox rows and hides them for a lease, in the
 * claiming transaction: a process that dies mid-send leaves them to be tried
 * again after it, and no other process takes them meanwhile. Email and texts alike.
 */
export async function lease(tx: Queryable, rows: readonly { id: string }[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    'update outbox set attempts = attempts + 1, next_attempt_at = $2 where id = any($1::uuid[])',
    [rows.map((r) => r.id), new Date(now.getTime() + LEASE_MS).toISOString()],
  );
}

/** Wait before attempt n + 1: 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

export interface QueuedEmail {
  orgId: string;
  email: Email;
  alertId?: string;
  recipientId?: string;
}

/** Queues an email in the caller's transaction: it is sent only if that transaction commits. */
export async function enqueueEmail(tx: Queryable, item: QueuedEmail, now: Date): Promise<void> {
  await tx.query(
    `insert into outbox (id, org_id, kind, payload, alert_id, recipient_id, next_attempt_at)
     values ($1, $2, 'email', $3, $4, $5, $6)`,
    [
      uuidv7(),
      item.orgId,
      JSON.stringify(item.email),
      item.alertId ?? null,
      item.recipientId ?? null,
      now.toISOString(),
    ],
  );
}

interface Claimed {
  id: string;
  orgId: string;
  payload: Email;
  alertId: string | null;
  recipientId: string | null;
  attempts: number;
  alertOpen: boolean | null;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  skipped: number;
}

/**
 * Sends the emails that are due. Each is claimed in a short transaction
 * (FOR UPDATE SKIP LOCKED, so several servers never send one twice) and sent
 * outside it, so a slow mail server never holds a lock or PGlite's one connection.
 */
export async function deliverOutbox(
  db: Database,
  mailer: Mailer,
  now: Date,
  log?: Logger,
  batch = 20,
): Promise<DeliveryReport> {
  const claimed = await db.transaction(async (tx) => {
    const rows = await tx.query<Claimed>(
      `select o.id, o.org_id as "orgId", o.payload, o.alert_id as "alertId", o.recipient_id as "recipientId",
              o.attempts, (select a.status = 'open' from risk_alert a where a.id = o.alert_id) as "alertOpen"
         from outbox o where o.kind = 'email' and o.status = 'pending' and o.next_attempt_at <= $1
        order by o.next_attempt_at limit $2 for update of o skip locked`,
      [now.toISOString(), batch],
    );
    await lease(tx, rows, now);
    return rows;
  });
  const report: DeliveryReport = { sent: 0, failed: 0, skipped: 0 };
  for (const item of claimed) {
    // An alert acknowledged meanwhile needs nobody else: do not call someone for nothing.
    if (item.alertOpen === false) {
      await finish(db, item, 'skipped', now);
      report.skipped++;
      continue;
    }
    try {
      await mailer.send(item.payload);
      await finish(db, item, 'sent', now);
      report.sent++;
    } catch (error) {
      report.failed++;
      await retryLater(db, item, error, now, log);
    }
  }
  return report;
}

async function finish(db: Database, item: Claimed, status: 'sent' | 'skipped', now: Date) {
  await db.transaction(async (tx) => {
    await tx.query('update outbox set status = $2, done_at = $3, last_error = null where id = $1', [
      item.id,
      status,
      now.toISOString(),
    ]);
    if (status === 'sent') await alertEvent(tx, item, 'emailed', now);
  });
}

async function retryLater(db: Database, item: Claimed, error: unknown, now: Date, log?: Logger) {
  // Keep the kind of failure only: a mail server's message can quote the address.
  const code = (error as { code?: unknown }).code;
  const kind = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown';
  const attempts = item.attempts + 1;
  const gaveUp = attempts >= MAX_ATTEMPTS;
  log?.warn({ outbox: item.id, attempts, kind, gaveUp }, 'email not sent');
  await db.transaction(async (tx) => {
    await tx.query('update outbox set status = $2, next_attempt_at = $3, last_error = $4 where id = $1', [
      item.id,
      gaveUp ? 'failed' : 'pending',
      new Date(now.getTime() + backoffMs(attempts)).toISOString(),
      kind,
    ]);
    if (gaveUp) await alertEvent(tx, item, 'email-failed', now);
  });
}

async function alertEvent(tx: Queryable, item: Claimed, kind: 'emailed' | 'email-failed', now: Date) {
  if (!item.alertId) return;
  await recordAlertStep(tx, systemActor(item.orgId), {
    alertId: item.alertId,
    kind,
    userId: item.recipientId,
    at: now,
  });
}
