import { dueSlot, type ReminderSlot, renderTemplate, slotKey, t } from '@puente/core';
import type { Config } from '../../config.js';
import type { Database, Queryable } from '../../db/types.js';
import { type AuditEntry, recordAudits } from '../audit/record.js';
import { type Due, dueWithin } from './due-query.js';
import { textabilityIn, textFactsOf } from './facts.js';
import { type ProgramTexting, programTexting, type TextPerson } from './queries.js';
import {
  type QueuedText,
  queueTexts,
  type RefusedText,
  recordRefusals,
  textLocale,
  tooLong,
} from './send.js';

/** The longest a slot reaches before an appointment: the window of appointments worth looking at. */
function leadHours(slots: readonly ReminderSlot[]): number {
  return Math.max(1, ...slots.map((s) => ('hoursBefore' in s ? s.hoursBefore : (s.daysBefore + 1) * 24)));
}

/**
 * Reminders queued in one transaction: a few statements for the batch, not several per reminder.
 * 100, not 500: each batch is a burst of work on PostgreSQL, whose processes are not niced like
 * the jobs worker, and 500 at a time held the promotoras' p95 at 48–80 ms while 10,000 went;
 * 100 at a time, 32–46 ms, with the same minute (bench/scenarios/reminders.ts, 2026-12-07).
 */
const BATCH = 100;

/**
 * Queues the reminders that are due at `now` for every program with a
 * number: for each appointment still scheduled and each follow-up visit
 * still open, the latest slot already due (`dueSlot`), once — the unique
 * indexes on appointment (or task), slot and time make a second pass or a
 * second server find it done. A person who may not be texted gets a refused
 * reminder on record, saying why, instead of a message. Due reminders go in
 * batches: 10,000 due at 6 pm are a few hundred statements each way.
 * `afterBatch` runs after each batch commits (the jobs send it meanwhile).
 */
export async function queueDueReminders(
  db: Database,
  config: Config,
  now: Date,
  afterBatch?: () => Promise<void>,
): Promise<number> {
  if (!config.texts) return 0;
  const orgs = await db.query<{ orgId: string }>(
    'select org_id as "orgId" from text_setting where sender is not null order by org_id',
  );
  let queued = 0;
  for (const { orgId } of orgs) {
    const program = await programTexting(db, orgId);
    if (program.reminders.length === 0) continue;
    const horizon = new Date(now.getTime() + leadHours(program.reminders) * 3_600_000);
    const todo: { item: Due; slot: string }[] = [];
    for (const item of await dueWithin(db, orgId, now, horizon, program.reminders, program.timeZone)) {
      const due = dueSlot(new Date(item.at), program.reminders, program.timeZone, now);
      // Most passes find nothing new: the slot done already costs no transaction.
      if (due && !item.done.includes(slotKey(due.slot))) todo.push({ item, slot: slotKey(due.slot) });
    }
    for (let i = 0; i < todo.length; i += BATCH) {
      const batch = todo.slice(i, i + BATCH);
      queued += await db.transaction((tx) => remindAll(tx, config, program, orgId, batch, now));
      await afterBatch?.();
    }
  }
  return queued;
}

/** Queues (or refuses, saying why) one batch of due reminders; returns how many were queued. */
async function remindAll(
  tx: Queryable,
  config: Config,
  program: ProgramTexting,
  orgId: string,
  batch: { item: Due; slot: string }[],
  now: Date,
): Promise<number> {
  const facts = await textFactsOf(
    tx,
    config,
    orgId,
    batch.map((b) => b.item.clientId),
  );
  const templates = await reminderTemplates(tx, orgId);
  const queue: { text: QueuedText; item: Due; slot: string }[] = [];
  const refused: { text: RefusedText; item: Due; slot: string }[] = [];
  for (const { item, slot } of batch) {
    const checked = textabilityIn(facts, config, item.clientId, now, item.referralDoNotContact);
    if (!checked) continue;
    const base = {
      orgId,
      clientId: item.clientId,
      kind: 'reminder' as const,
      ...(item.subject === 'task' ? { taskId: item.id } : { appointmentId: item.id }),
      reminderSlot: slot,
      reminderFor: item.at,
    };
    const { may, person } = checked;
    if (!may.allowed) {
      refused.push({ text: { ...base, phone: null, reason: may.reason }, item, slot });
      continue;
    }
    const { body, templateId } = reminderText(templates, person, program, item);
    if (tooLong(body)) {
      refused.push({ text: { ...base, phone: may.phone, reason: 'textTooLong' }, item, slot });
      continue;
    }
    queue.push({ text: { ...base, phone: may.phone, body, templateId }, item, slot });
  }
  await recordRefusals(
    tx,
    config,
    refused.map((r) => r.text),
  );
  const ids = await queueTexts(
    tx,
    config,
    program,
    queue.map((q) => q.text),
    now,
  );
  const entries: AuditEntry[] = refused
    .filter((r) => r.text.reason !== 'textTooLong')
    .map((r) => auditEntry(r.item, r.slot, r.text.reason));
  queue.forEach((q, i) => {
    const id = ids[i];
    if (id) entries.push(auditEntry(q.item, q.slot, null, id));
  });
  await recordAudits(tx, { orgId, actorId: null, actorRole: 'system' }, entries);
  return ids.filter((id) => id !== undefined).length;
}

function auditEntry(item: Due, slot: string, refused: string | null, message?: string): AuditEntry {
  return {
    action: refused ? 'text.reminder-refused' : 'text.reminder-queued',
    subjectType: 'client',
    subjectId: item.clientId,
    detail: { [item.subject]: item.id, slot, ...(refused ? { reason: refused } : { message }) },
  };
}

/** The program's newest reminder template of each kind (appointment, visit) in each language it wrote one in. */
async function reminderTemplates(
  tx: Queryable,
  orgId: string,
): Promise<Map<string, { id: string; body: string }>> {
  const rows = await tx.query<{ id: string; body: string; kind: string; language: string }>(
    `select distinct on (kind, language) id, body, kind, language from text_template
      where org_id = $1 and kind in ('reminder', 'visit-reminder')
      order by kind, language, updated_at desc`,
    [orgId],
  );
  return new Map(rows.map((r) => [`${r.kind} ${r.language}`, r]));
}

/**
 * The reminder in the person's language: the program's newest template of
 * its kind (an appointment's, a follow-up visit's) in it, else Puente's own.
 * Only a first name, the date, the time, the place (if the template names it;
 * never a visit's or a referral appointment's) and the program: never the purpose.
 */
function reminderText(
  templates: Map<string, { id: string; body: string }>,
  person: TextPerson,
  program: ProgramTexting,
  a: Due,
): { body: string; templateId: string | null } {
  const locale = textLocale(person.language);
  const template = templates.get(`${a.subject === 'task' ? 'visit-reminder' : 'reminder'} ${locale}`);
  const fallback = t(locale, a.subject === 'task' ? 'texts.visitReminder' : 'texts.reminder');
  const at = new Date(a.at);
  const { date, time } = formats(locale === 'es' ? 'es-US' : 'en-US', program.timeZone);
  const body = renderTemplate(template?.body ?? fallback, {
    name: person.firstName,
    date: date.format(at),
    time: time.format(at),
    place: a.place,
    program: program.programName,
  });
  return { body, templateId: template?.id ?? null };
}

const formatters = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();
/** A language's date and time formats in a zone, made once: making them costs more than using them. */
function formats(tag: string, zone: string) {
  const key = `${tag} ${zone}`;
  let f = formatters.get(key);
  if (!f) {
    f = {
      date: new Intl.DateTimeFormat(tag, { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long' }),
      time: new Intl.DateTimeFormat(tag, { timeZone: zone, hour: 'numeric', minute: '2-digit' }),
    };
    formatters.set(key, f);
  }
  return f;
}
