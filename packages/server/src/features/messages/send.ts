import {
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
): Promise<{ allowed: true; phone: string } | { allowed: false; reason: NoTextReason | 'textBadNumber' }> {
  if (!person.phone) return { allowed: false, reason: 'textNoPhone' };
  const phone = toE164(person.phone) ?? textNumberIn(person.phone, config);
  if (!phone) return { allowed: false, reason: 'textBadNumber' };
  const decision = mayText(
    await consentFacts(db, orgId, person.id),
    {
      hasPhone: true,
      safeToContact: person.safeToContact,
      optedOut: await optedOut(db, orgId, phone),
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
  const id = text.id ?? uuidv7();
  const { segments } = segmentCount(text.body);
  const inserted = await tx.query(
    `insert into text_message (id, org_id, client_id, direction, kind, phone, body_sealed, segments, status,
        provider, appointment_id, reminder_slot, reminder_for, template_id, sent_by, created_at, status_at, task_id)
     values ($1, $2, $3, 'out', $4, $5, $6, $7, 'queued', $8, $9, $10, $11, $12, $13, $14, $14, $15)
     on conflict do nothing returning id`,
    [
      id,
      text.orgId,
      text.clientId,
      text.kind,
      text.phone,
      sealBody(config, id, text.body),
      segments,
      config.texts?.kind ?? 'none',
      text.appointmentId ?? null,
      text.reminderSlot ?? null,
      text.reminderFor ?? null,
      text.templateId ?? null,
      text.sentBy ?? null,
      now.toISOString(),
      text.taskId ?? null,
    ],
  );
  if (inserted.length === 0) return undefined;
  const at =
    text.kind === 'keyword-reply'
      ? now
      : sendableAt(now, program.timeZone, { start: program.quietStart, end: program.quietEnd });
  await tx.query(
    `insert into outbox (id, org_id, kind, payload, next_attempt_at) values ($1, $2, 'text', $3, $4)`,
    [uuidv7(), text.orgId, JSON.stringify({ messageId: id }), at.toISOString()],
  );
  return id;
}

/** Records a message that was not sent and why (a reminder refused for want of consent), for the thread and the counts. */
export async function recordRefused(
  tx: Queryable,
  config: Config,
  text: Omit<QueuedText, 'phone' | 'body'> & { phone: string | null; reason: string },
): Promise<void> {
  const id = uuidv7();
  await tx.query(
    `insert into text_message (id, org_id, client_id, direction, kind, phone, body_sealed, status, reason, provider,
        appointment_id, reminder_slot, reminder_for, task_id)
     values ($1, $2, $3, 'out', $4, $5, $6, 'refused', $7, $8, $9, $10, $11, $12) on conflict do nothing`,
    [
      id,
      text.orgId,
      text.clientId,
      text.kind,
      text.phone,
      sealBody(config, id, ''),
      text.reason,
      config.texts?.kind ?? 'none',
      text.appointmentId ?? null,
      text.reminderSlot ?? null,
      text.reminderFor ?? null,
      text.taskId ?? null,
    ],
  );
}

/** Refuses a message over the carriers' sensible length. */
export function tooLong(body: string): { segments: number; max: number } | undefined {
  const { segments } = segmentCount(body);
  return segments > MAX_SEGMENTS ? { segments, max: MAX_SEGMENTS } : undefined;
}
