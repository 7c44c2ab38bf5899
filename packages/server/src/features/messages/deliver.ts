import type { Config } from '../../config.js';
import type { Database, Queryable } from '../../db/types.js';
import type { Logger } from '../../log.js';
import { backoffMs, lease, MAX_ATTEMPTS } from '../notifications/outbox.js';
import { gatewayProvider } from './gateway.js';
import type { TextProvider } from './provider.js';
import { programTexting, textPerson } from './queries.js';
import { openBody } from './seal.js';
import { textability } from './send.js';
import { twilioProvider } from './twilio.js';

/** The provider the settings name, calling back to PUBLIC_URL; undefined when texts are off. */
export function configuredProvider(config: Config): TextProvider | undefined {
  const s = config.texts;
  if (!s) return undefined;
  return s.kind === 'twilio' ? twilioProvider(s, config.publicUrl) : gatewayProvider(s, config.publicUrl);
}

/** How long a claimed text is held before another worker may try it (a crashed worker's lease). */

interface Claimed {
  id: string;
  orgId: string;
  messageId: string;
  attempts: number;
}

interface Ready {
  to: string;
  from: string;
  body: string;
}

export interface TextDeliveryReport {
  sent: number;
  failed: number;
  skipped: number;
}

/**
 * Hands the texts that are due to the provider. Each is claimed in a short
 * transaction (FOR UPDATE SKIP LOCKED, so two servers never take one) and
 * sent outside it. Before each attempt the message is read again: one the
 * provider already reported on (its status news came before a retry) is not
 * sent again, and consent is asked again, so a STOP that came meanwhile wins.
 */
export async function deliverTexts(
  db: Database,
  config: Config,
  provider: TextProvider,
  now: Date,
  log?: Logger,
  batch = 50,
  concurrency = 8,
): Promise<TextDeliveryReport> {
  const claimed = await db.transaction(async (tx) => {
    const rows = await tx.query<Claimed>(
      `select o.id, o.org_id as "orgId", o.payload->>'messageId' as "messageId", o.attempts
         from outbox o where o.kind = 'text' and o.status = 'pending' and o.next_attempt_at <= $1
        order by o.next_attempt_at limit $2 for update of o skip locked`,
      [now.toISOString(), batch],
    );
    await lease(tx, rows, now);
    return rows;
  });
  const report: TextDeliveryReport = { sent: 0, failed: 0, skipped: 0 };
  // A few at a time: the provider's answer takes a round trip, the database's work is short.
  await inPool(claimed, concurrency, (item) => deliverOne(db, config, provider, item, now, report, log));
  return report;
}

/** Runs `work` over `items`, at most `size` at once. */
async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, lane));
}

async function deliverOne(
  db: Database,
  config: Config,
  provider: TextProvider,
  item: Claimed,
  now: Date,
  report: TextDeliveryReport,
  log?: Logger,
): Promise<void> {
  const ready = await db.transaction((tx) => prepare(tx, config, item, now));
  if (!ready) {
    report.skipped++;
    return;
  }
  const outcome = await provider.send({ id: item.messageId, ...ready });
  if (outcome.ok) {
    await db.transaction(async (tx) => {
      await tx.query(
        `update text_message set provider_id = coalesce(provider_id, $2), status = case when status = 'queued'
                  then 'sent' else status end, status_at = $3
            where id = $1`,
        [item.messageId, outcome.providerId, now.toISOString()],
      );
      await finish(tx, item.id, 'sent', now);
    });
    report.sent++;
    return;
  }
  report.failed++;
  const attempts = item.attempts + 1;
  const gaveUp = !outcome.retry || attempts >= MAX_ATTEMPTS;
  log?.warn({ outbox: item.id, attempts, kind: outcome.reason, gaveUp }, 'text not sent');
  await db.transaction(async (tx) => {
    if (gaveUp) {
      await tx.query(
        `update text_message set status = 'failed', reason = $2, status_at = $3 where id = $1 and status = 'queued'`,
        [item.messageId, outcome.reason, now.toISOString()],
      );
    }
    await tx.query('update outbox set status = $2, next_attempt_at = $3, last_error = $4 where id = $1', [
      item.id,
      gaveUp ? 'failed' : 'pending',
      new Date(now.getTime() + backoffMs(attempts)).toISOString(),
      outcome.reason,
    ]);
  });
}

/**
 * Delivers every text due at `now`, batch after batch while batches come back
 * full, up to `maxBatches` (so one pass of the jobs cannot run forever):
 * 10,000 reminders due at 6 pm go out in the same minute, not 50 per pass.
 */
export async function deliverDueTexts(
  db: Database,
  config: Config,
  provider: TextProvider,
  now: Date,
  log?: Logger,
  { batch = 200, maxBatches = 100 } = {},
): Promise<TextDeliveryReport> {
  const total: TextDeliveryReport = { sent: 0, failed: 0, skipped: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const r = await deliverTexts(db, config, provider, now, log, batch);
    total.sent += r.sent;
    total.failed += r.failed;
    total.skipped += r.skipped;
    if (r.sent + r.failed + r.skipped < batch) break;
  }
  return total;
}

async function finish(tx: Queryable, outboxId: string, status: 'sent' | 'skipped', now: Date) {
  await tx.query('update outbox set status = $2, done_at = $3, last_error = null where id = $1', [
    outboxId,
    status,
    now.toISOString(),
  ]);
}

/** The message as it goes now, or undefined (and the outbox row closed) when it must not go. */
async function prepare(tx: Queryable, config: Config, item: Claimed, now: Date): Promise<Ready | undefined> {
  const [m] = await tx.query<{
    status: string;
    providerId: string | null;
    phone: string;
    bodySealed: string;
    clientId: string | null;
    kind: string;
    /** For a reminder: the appointment's or visit's time while it still stands as reminded of, else null. */
    remindedAt: string | null;
    referralDoNotContact: boolean;
  }>(
    `select m.status, m.provider_id as "providerId", m.phone, m.body_sealed as "bodySealed", m.client_id as "clientId",
            m.kind,
            coalesce(
              (select to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from appointment a
                where a.id = m.appointment_id and a.status = 'scheduled' and a.at = m.reminder_for),
              (select to_char(t.visit_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from task t
                where t.id = m.task_id and t.status = 'open' and t.visit_at = m.reminder_for)) as "remindedAt",
            coalesce((select r.do_not_contact from appointment a join referral r on r.id = a.referral_id
                       where a.id = m.appointment_id), false) as "referralDoNotContact"
       from text_message m where m.org_id = $1 and m.id = $2 for update of m`,
    [item.orgId, item.messageId],
  );
  // Already handed over (status news beat the retry) or no longer wanted: never a second send.
  if (m?.status !== 'queued' || m.providerId !== null) {
    await finish(tx, item.id, 'skipped', now);
    return undefined;
  }
  const refuse = async (reason: string) => {
    await tx.query(`update text_message set status = 'refused', reason = $2, status_at = $3 where id = $1`, [
      item.messageId,
      reason,
      now.toISOString(),
    ]);
    await finish(tx, item.id, 'skipped', now);
    return undefined;
  };
  // A reminder for an appointment or visit moved, cancelled, done or past is not sent.
  if (m.kind === 'reminder' && (m.remindedAt === null || Date.parse(m.remindedAt) <= now.getTime())) {
    return refuse('appointmentChanged');
  }
  // Consent is asked again at the last moment; a keyword's own reply is the one message that goes regardless.
  if (m.kind !== 'keyword-reply' && m.clientId) {
    const person = await textPerson(tx, item.orgId, m.clientId);
    const may = person
      ? await textability(tx, config, item.orgId, person, now, m.referralDoNotContact)
      : undefined;
    if (!may?.allowed) return refuse(may?.reason ?? 'clientNotFound');
  }
  const program = await programTexting(tx, item.orgId);
  if (!program.sender) return refuse('textNoSender');
  return { to: m.phone, from: program.sender, body: openBody(config, item.messageId, m.bodySealed) };
}
