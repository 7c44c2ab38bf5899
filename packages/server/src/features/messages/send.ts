import {
  type ConsentFact,
  isLocale,
  type Locale,
  MAX_SEGMENTS,
  mayText,
  type NoTextReason,
  segmentCount,
  sendableAt,
  toE164,
  uuidv7,
} from '@puente/core';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/types.js';
import { consentFacts, optedOut, type ProgramTexting, type TextPerson } from './queries.js';
import { sealBody } from './seal.js';

export type Textability =
  | { allowed: true; phone: string }
  | { allowed: false; reason: NoTextReason | 'textBadNumber' };

/**
 * Whether the person may be texted now, and at which number; `referralDoNotContact`
 * when the message is about a referral that says not to contact them about it.
 */
export async function textability(
  db: Queryable,
  config: Config,
  orgId: string,
  person: TextPerson,
  now: Date,
  referralDoNotContact = false,
): Promise<Textability> {
  const phone = textNumber(person, config);
  const stopped = new Set(phone && (await optedOut(db, orgId, phone)) ? [phone] : []);
  return textabilityOf(
    person,
    await consentFacts(db, orgId, person.id),
    stopped,
    config,
    now,
    referralDoNotContact,
  );
}

/** The person's number in E.164, or undefined when it cannot receive texts as written. */
export function textNumber(person: TextPerson, config: Config): string | undefined {
  if (!person.phone) return undefined;
  return toE164(person.phone) ?? textNumberIn(person.phone, config);
}

/** `textability` from facts already read: the shared policy's `mayText` on them (for many people at once). */
export function textabilityOf(
  person: TextPerson,
  consents: readonly ConsentFact[],
  optedOutNumbers: ReadonlySet<string>,
  config: Config,
  now: Date,
  referralDoNotContact = false,
): Textability {
  if (!person.phone) return { allowed: false, reason: 'textNoPhone' };
  const phone = textNumber(person, config);
  if (!phone) return { allowed: false, reason: 'textBadNumber' };
  const decision = mayText(
    consents,
    {
      hasPhone: true,
      safeToContact: person.safeToContact,
      optedOut: optedOutNumbers.has(phone),
      referralDoNotContact,
    },
    now,
  );
  return decision.allowed ? { allowed: true, phone } : decision;
}

/** A number without `+` in a program outside North America: its country code first. */
function textNumberIn(raw: string, config: Config): string | undefined {
  const code = config.texts?.countryCode ?? '1';
  if (code === '1' || raw.trim().startsWith('+')) return undefined;
  return toE164(`+${code}${raw.replace(/\D/g, '').replace(/^0+/, '')}`);
}

/** The person's language when Puente speaks it, else the program's first. */
export const textLocale = (language: string | null | undefined): Locale =>
  language && isLocale(language) ? language : 'en';

export interface QueuedText {
  id?: string;
  orgId: string;
  clientId: string | null;
  phone: string;
  body: string;
  kind: 'reminder' | 'chw' | 'keyword-reply';
  appointmentId?: string;
  /** A reminder of a follow-up visit: its task. */
  taskId?: string;
  reminderSlot?: string;
  reminderFor?: string;
  templateId?: string | null;
  sentBy?: string;
}

/**
 * Stores a message and queues it in the outbox in the caller's transaction,
 * so it is sent only if that transaction commits, and only once: the row's
 * id is the idempotency key of every attempt. Held past the program's quiet
 * hours, except a reply to the person's own keyword, which carriers expect at once.
 * Returns the id, or undefined when the same reminder was queued already.
 */
export async function queueText(
  tx: Queryable,
  config: Config,
  program: ProgramTexting,
  text: QueuedText,
  now: Date,
): Promise<string | undefined> {
  const [id] = await queueTexts(tx, config, program, [text], now);
  return id;
}

const column = <T>(texts: readonly T[], pick: (t: T) => unknown) => texts.map((t) => pick(t) ?? null);

/**
 * `queueText` for many messages in three statements: a batch of reminders
 * due together. Returns the ids in the order given, undefined for a reminder
 * that was queued (or refused) already.
 */
export async function queueTexts(
  tx: Queryable,
  config: Config,
  program: ProgramTexting,
  texts: readonly QueuedText[],
  now: Date,
): Promise<(string | undefined)[]> {
  if (texts.length === 0) return [];
  const rows = texts.map((text) => {
    const id = text.id ?? uuidv7();
    return {
      ...text,
      id,
      sealed: sealBody(config, id, text.body),
      segments: segmentCount(text.body).segments,
    };
  });
  const inserted = await tx.query<{ id: string }>(
    `insert into text_message (id, org_id, client_id, direction, kind, phone, body_sealed, segments, status,
        provider, appointment_id, reminder_slot, reminder_for, template_id, sent_by, created_at, status_at, task_id)
     select x.id, x.org_id, x.client_id, 'out', x.kind, x.phone, x.sealed, x.segments, 'queued', $1, x.appointment_id,
            x.slot, x.reminder_for, x.template_id, x.sent_by, $2, $2, x.task_id
       from unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::int[], $10::uuid[],
                   $11::text[], $12::timestamptz[], $13::uuid[], $14::uuid[], $15::uuid[])
         as x(id, org_id, client_id, kind, phone, sealed, segments, appointment_id, slot, reminder_for, template_id,
              sent_by, task_id)
     on conflict do nothing returning id`,
    [
      config.texts?.kind ?? 'none',
      now.toISOString(),
      column(rows, (r) => r.id),
      column(rows, (r) => r.orgId),
      column(rows, (r) => r.clientId),
      column(rows, (r) => r.kind),
      column(rows, (r) => r.phone),
      column(rows, (r) => r.sealed),
      column(rows, (r) => r.segments),
      column(rows, (r) => r.appointmentId),
      column(rows, (r) => r.reminderSlot),
      column(rows, (r) => r.reminderFor),
      column(rows, (r) => r.templateId),
      column(rows, (r) => r.sentBy),
      column(rows, (r) => r.taskId),
    ],
  );
  const made = new Set(inserted.map((r) => r.id));
  const queued = rows.filter((r) => made.has(r.id));
  if (queued.length > 0) {
    const held = sendableAt(now, program.timeZone, { start: program.quietStart, end: program.quietEnd });
    await tx.query(
      `insert into outbox (id, org_id, kind, payload, next_attempt_at)
       select x.id, x.org_id, 'text', jsonb_build_object('messageId', x.message_id), x.at
         from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[]) as x(id, org_id, message_id, at)`,
      [
        queued.map(() => uuidv7()),
        column(queued, (r) => r.orgId),
        column(queued, (r) => r.id),
        queued.map((r) => (r.kind === 'keyword-reply' ? now : held).toISOString()),
      ],
    );
  }
  return rows.map((r) => (made.has(r.id) ? r.id : undefined));
}

/** A message not sent and why (a reminder refused for want of consent), for the thread and the counts. */
export type RefusedText = Omit<QueuedText, 'phone' | 'body'> & { phone: string | null; reason: string };

/** Records a message that was not sent and why (a reminder refused for want of consent), for the thread and the counts. */
export function recordRefused(tx: Queryable, config: Config, text: RefusedText): Promise<void> {
  return recordRefusals(tx, config, [text]);
}

/** `recordRefused` for many in one statement. */
export async function recordRefusals(
  tx: Queryable,
  config: Config,
  texts: readonly RefusedText[],
): Promise<void> {
  if (texts.length === 0) return;
  const ids = texts.map(() => uuidv7());
  await tx.query(
    `insert into text_message (id, org_id, client_id, direction, kind, phone, body_sealed, status, reason, provider,
        appointment_id, reminder_slot, reminder_for, task_id)
     select x.id, x.org_id, x.client_id, 'out', x.kind, x.phone, x.sealed, 'refused', x.reason, $1, x.appointment_id,
            x.slot, x.reminder_for, x.task_id
       from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[],
                   $10::text[], $11::timestamptz[], $12::uuid[])
         as x(id, org_id, client_id, kind, phone, sealed, reason, appointment_id, slot, reminder_for, task_id)
     on conflict do nothing`,
    [
      config.texts?.kind ?? 'none',
      ids,
      column(texts, (t) => t.orgId),
      column(texts, (t) => t.clientId),
      column(texts, (t) => t.kind),
      column(texts, (t) => t.phone),
      ids.map((id) => sealBody(config, id, '')),
      column(texts, (t) => t.reason),
      column(texts, (t) => t.appointmentId),
      column(texts, (t) => t.reminderSlot),
      column(texts, (t) => t.reminderFor),
      column(texts, (t) => t.taskId),
    ],
  );
}

/** Refuses a message over the carriers' sensible length. */
export function tooLong(body: string): { segments: number; max: number } | undefined {
  const { segments } = segmentCount(body);
  return segments > MAX_SEGMENTS ? { segments, max: MAX_SEGMENTS } : undefined;
}
