import type { Config } from '../../config.js';
import type { Database, Queryable } from '../../db/types.js';
import type { Logger } from '../../log.js';
import { backoffMs, lease, MAX_ATTEMPTS } from '../notifications/outbox.js';
import { type TextFacts, textabilityIn, textFactsOf } from './facts.js';
import { gatewayProvider } from './gateway.js';
import type { TextProvider } from './provider.js';
import { programTexting } from './queries.js';
import { openBody } from './seal.js';
import { defaultTextsPerSecond } from './settings.js';
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
 * Hands the texts that are due to the provider. A batch is claimed in a short
 * transaction (FOR UPDATE SKIP LOCKED, so two servers never take one) and
 * sent outside it. Before the attempt the batch is read again in one
 * transaction: a message the provider already reported on (its status news
 * came before a retry) is not sent again, and consent is asked again for the
 * whole batch at once, so a STOP that came meanwhile wins.
 */
export async function deliverTexts(
  db: Database,
  config: Config,
  provider: TextProvider,
  now: Date,
  log?: Logger,
  batch = 50,
  concurrency = 8,
  pace: Pace = pacing(config),
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
  if (claimed.length === 0) return report;
  const ready = await db.transaction((tx) => prepareAll(tx, config, claimed, now));
  report.skipped = claimed.length - ready.length;
  const handed: { item: Claimed; providerId: string }[] = [];
  // A few at a time: the provider's answer takes a round trip, the database's work is short.
  await inPool(ready, concurrency, async ({ item, text }) => {
    await pace();
    const outcome = await provider.send({ id: item.messageId, ...text });
    if (outcome.ok) handed.push({ item, providerId: outcome.providerId });
    else {
      report.failed++;
      await notSent(db, item, outcome, now, log);
    }
  });
  // What went is recorded together: one transaction for the batch, not one per message.
  if (handed.length > 0) await db.transaction((tx) => markSent(tx, handed, now));
  report.sent = handed.length;
  return report;
}

/** Waits for the next send's turn. */
export type Pace = () => Promise<void>;

/**
 * Turns spaced evenly at TEXTS_PER_SECOND. Sent as fast as the provider
 * answers, 10,000 reminders due together took the server's cores for 11 s
 * and doubled the promotoras' p95 (bench/scenarios/reminders.ts); spread
 * over the minute they are allowed, the API barely notices. A gateway phone
 * or a small aggregator also takes only so many a second.
 */
export function pacing(config: Config, clock: () => number = performance.now.bind(performance)): Pace {
  const gapMs = 1000 / (config.texts?.perSecond ?? defaultTextsPerSecond);
  let next = clock();
  return async () => {
    const now = clock();
    const turn = Math.max(next, now);
    next = turn + gapMs;
    if (turn > now) await new Promise((resolve) => setTimeout(resolve, turn - now));
  };
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

async function markSent(tx: Queryable, handed: { item: Claimed; providerId: string }[], now: Date) {
  await tx.query(
    `update text_message m set provider_id = coalesce(m.provider_id, x.provider_id),
            status = case when m.status = 'queued' then 'sent' else m.status end, status_at = $1
       from unnest($2::uuid[], $3::text[]) as x(id, provider_id) where m.id = x.id`,
    [now.toISOString(), handed.map((h) => h.item.messageId), handed.map((h) => h.providerId)],
  );
  await finish(
    tx,
    handed.map((h) => h.item.id),
    'sent',
    now,
  );
}

/** A failed attempt: tried again after a backoff, or given up (and the message marked failed). */
async function notSent(
  db: Database,
  item: Claimed,
  outcome: { retry: boolean; reason: string },
  now: Date,
  log?: Logger,
) {
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
 * 32 sends at once: each waits a round trip to the provider, and at 8 the
 * benchmark's 10,000 spent most of their minute waiting (bench/scenarios/reminders.ts).
 * Claimed 100 at a time, as reminders are queued: smaller bursts of database work.
 */
export async function deliverDueTexts(
  db: Database,
  config: Config,
  provider: TextProvider,
  now: Date,
  log?: Logger,
  { batch = 100, maxBatches = 200, concurrency = 32, pace = pacing(config) } = {},
): Promise<TextDeliveryReport> {
  const total: TextDeliveryReport = { sent: 0, failed: 0, skipped: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const r = await deliverTexts(db, config, provider, now, log, batch, concurrency, pace);
    total.sent += r.sent;
    total.failed += r.failed;
    total.skipped += r.skipped;
    if (r.sent + r.failed + r.skipped < batch) break;
  }
  return total;
}

async function finish(tx: Queryable, outboxIds: string[], status: 'sent' | 'skipped', now: Date) {
  if (outboxIds.length === 0) return;
  await tx.query(
    'update outbox set status = $2, done_at = $3, last_error = null where id = any($1::uuid[])',
    [outboxIds, status, now.toISOString()],
  );
}

interface Stored {
  id: string;
  orgId: string;
  status: string;
  providerId: string | null;
  phone: string;
  bodySealed: string;
  clientId: string | null;
  kind: string;
  /** For a reminder: the appointment's or visit's time while it still stands as reminded of, else null. */
  remindedAt: string | null;
  referralDoNotContact: boolean;
}

/**
 * The batch's messages as they go now; the others' outbox rows closed (and
 * each message refused, saying why, when it must not go). One read of the
 * messages, one of the people's consents and STOPs, one update of each kind.
 */
async function prepareAll(
  tx: Queryable,
  config: Config,
  claimed: Claimed[],
  now: Date,
): Promise<{ item: Claimed; text: Ready }[]> {
  const stored = await tx.query<Stored>(
    `select m.id, m.org_id as "orgId", m.status, m.provider_id as "providerId", m.phone, m.body_sealed as "bodySealed",
            m.client_id as "clientId", m.kind,
            coalesce(
              (select to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from appointment a
                where a.id = m.appointment_id and a.status = 'scheduled' and a.at = m.reminder_for),
              (select to_char(t.visit_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from task t
                where t.id = m.task_id and t.status = 'open' and t.visit_at = m.reminder_for)) as "remindedAt",
            coalesce((select r.do_not_contact from appointment a join referral r on r.id = a.referral_id
                       where a.id = m.appointment_id), false) as "referralDoNotContact"
       from text_message m where m.id = any($1::uuid[]) for update of m`,
    [claimed.map((c) => c.messageId)],
  );
  const byId = new Map(stored.map((m) => [m.id, m]));
  const skipped: string[] = [];
  const refused: { item: Claimed; reason: string }[] = [];
  const ready: { item: Claimed; text: Ready }[] = [];
  for (const orgId of new Set(claimed.map((c) => c.orgId))) {
    const items = claimed.filter((c) => c.orgId === orgId);
    const program = await programTexting(tx, orgId);
    const asked = items.flatMap((c) => {
      const m = byId.get(c.messageId);
      // A keyword's own reply is the one message that goes regardless of consent.
      return m && m.kind !== 'keyword-reply' && m.clientId ? [m.clientId] : [];
    });
    const facts = await textFactsOf(tx, config, orgId, asked);
    for (const item of items) {
      const m = byId.get(item.messageId);
      // Already handed over (status news beat the retry) or no longer wanted: never a second send.
      if (m?.orgId !== orgId || m.status !== 'queued' || m.providerId !== null) {
        skipped.push(item.id);
        continue;
      }
      const why = refusal(m, facts, config, now) ?? (program.sender ? undefined : 'textNoSender');
      if (why) refused.push({ item, reason: why });
      else
        ready.push({
          item,
          text: { to: m.phone, from: program.sender ?? '', body: openBody(config, m.id, m.bodySealed) },
        });
    }
  }
  if (refused.length > 0) {
    await tx.query(
      `update text_message m set status = 'refused', reason = x.reason, status_at = $1
         from unnest($2::uuid[], $3::text[]) as x(id, reason) where m.id = x.id`,
      [now.toISOString(), refused.map((r) => r.item.messageId), refused.map((r) => r.reason)],
    );
  }
  await finish(tx, [...skipped, ...refused.map((r) => r.item.id)], 'skipped', now);
  return ready;
}

/** Why a stored message must not go now, or undefined: consent is asked again at the last moment. */
function refusal(m: Stored, facts: TextFacts, config: Config, now: Date): string | undefined {
  // A reminder for an appointment or visit moved, cancelled, done or past is not sent.
  if (m.kind === 'reminder' && (m.remindedAt === null || Date.parse(m.remindedAt) <= now.getTime())) {
    return 'appointmentChanged';
  }
  if (m.kind === 'keyword-reply' || !m.clientId) return undefined;
  const checked = textabilityIn(facts, config, m.clientId, now, m.referralDoNotContact);
  if (!checked) return 'clientNotFound';
  return checked.may.allowed ? undefined : checked.may.reason;
}
