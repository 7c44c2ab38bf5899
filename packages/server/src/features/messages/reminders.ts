import { dueSlot, type ReminderSlot, renderTemplate, slotKey, t } from '@puente/core';
import type { Config } from '../../config.js';
import type { Database, Queryable } from '../../db/types.js';
import { recordAudit } from '../audit/record.js';
import { type ProgramTexting, programTexting, type TextPerson, textPerson } from './queries.js';
import { queueText, recordRefused, textability, textLocale, tooLong } from './send.js';

interface DueAppointment {
  id: string;
  clientId: string;
  at: string;
  place: string;
  /** The slots already reminded (or refused) for the appointment at this time. */
  done: string[];
}

/** The longest a slot reaches before an appointment: the window of appointments worth looking at. */
function leadHours(slots: readonly ReminderSlot[]): number {
  return Math.max(1, ...slots.map((s) => ('hoursBefore' in s ? s.hoursBefore : (s.daysBefore + 1) * 24)));
}

/**
 * Queues the reminders that are due at `now` for every program with a
 * number: for each appointment still scheduled, the latest slot already due
 * (`dueSlot`), once — the unique index on appointment, slot and time makes a
 * second pass or a second server find it done. A person who may not be texted
 * gets a refused reminder on record, saying why, instead of a message.
 */
export async function queueDueReminders(db: Database, config: Config, now: Date): Promise<number> {
  if (!config.texts) return 0;
  const orgs = await db.query<{ orgId: string }>(
    'select org_id as "orgId" from text_setting where sender is not null order by org_id',
  );
  let queued = 0;
  for (const { orgId } of orgs) {
    const program = await programTexting(db, orgId);
    if (program.reminders.length === 0) continue;
    const horizon = new Date(now.getTime() + leadHours(program.reminders) * 3_600_000);
    const appointments = await db.query<DueAppointment>(
      `select p.id, p.client_id as "clientId", to_char(p.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at,
              p.place,
              array(select m.reminder_slot from text_message m
                     where m.org_id = p.org_id and m.appointment_id = p.id and m.kind = 'reminder'
                       and m.reminder_for = p.at)::text[] as done
         from appointment p join client c on c.id = p.client_id and c.merged_into is null
        where p.org_id = $1 and p.status = 'scheduled' and p.at > $2 and p.at <= $3
        order by p.at`,
      [orgId, now.toISOString(), horizon.toISOString()],
    );
    for (const a of appointments) {
      const due = dueSlot(new Date(a.at), program.reminders, program.timeZone, now);
      // Most passes find nothing new: the slot done already costs no transaction.
      if (!due || a.done.includes(slotKey(due.slot))) continue;
      const made = await db.transaction(async (tx) =>
        remind(tx, config, program, orgId, a, slotKey(due.slot), now),
      );
      if (made) queued++;
    }
  }
  return queued;
}

async function remind(
  tx: Queryable,
  config: Config,
  program: ProgramTexting,
  orgId: string,
  a: DueAppointment,
  slot: string,
  now: Date,
): Promise<boolean> {
  const exists = await tx.query(
    `select 1 from text_message where org_id = $1 and appointment_id = $2 and reminder_slot = $3
        and reminder_for = $4 and kind = 'reminder'`,
    [orgId, a.id, slot, a.at],
  );
  if (exists.length > 0) return false;
  const person = await textPerson(tx, orgId, a.clientId);
  if (!person) return false;
  const base = {
    orgId,
    clientId: a.clientId,
    kind: 'reminder' as const,
    appointmentId: a.id,
    reminderSlot: slot,
    reminderFor: a.at,
  };
  const may = await textability(tx, config, orgId, person, now);
  if (!may.allowed) {
    await recordRefused(tx, config, { ...base, phone: null, reason: may.reason });
    await audit(tx, orgId, a, slot, may.reason);
    return false;
  }
  const { body, templateId } = await reminderText(
    tx,
    orgId,
    person,
    program.programName,
    program.timeZone,
    a,
  );
  if (tooLong(body)) {
    await recordRefused(tx, config, { ...base, phone: may.phone, reason: 'textTooLong' });
    return false;
  }
  const id = await queueText(tx, config, program, { ...base, phone: may.phone, body, templateId }, now);
  if (id) await audit(tx, orgId, a, slot, null, id);
  return id !== undefined;
}

function audit(
  tx: Queryable,
  orgId: string,
  a: DueAppointment,
  slot: string,
  refused: string | null,
  message?: string,
) {
  return recordAudit(
    tx,
    { orgId, actorId: null, actorRole: 'system' },
    {
      action: refused ? 'text.reminder-refused' : 'text.reminder-queued',
      subjectType: 'client',
      subjectId: a.clientId,
      detail: { appointment: a.id, slot, ...(refused ? { reason: refused } : { message }) },
    },
  );
}

/**
 * The reminder in the person's language: the program's newest reminder
 * template in it, else Puente's own. Only a first name, the date, the time,
 * the place (if the template names it) and the program: never the purpose.
 */
async function reminderText(
  tx: Queryable,
  orgId: string,
  person: TextPerson,
  programName: string,
  zone: string,
  a: DueAppointment,
): Promise<{ body: string; templateId: string | null }> {
  const locale = textLocale(person.language);
  const [template] = await tx.query<{ id: string; body: string }>(
    `select id, body from text_template where org_id = $1 and kind = 'reminder' and language = $2
      order by updated_at desc limit 1`,
    [orgId, locale],
  );
  const at = new Date(a.at);
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  const body = renderTemplate(template?.body ?? t(locale, 'texts.reminder'), {
    name: person.firstName,
    date: new Intl.DateTimeFormat(tag, {
      timeZone: zone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
    }).format(at),
    time: new Intl.DateTimeFormat(tag, { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(at),
    place: a.place,
    program: programName,
  });
  return { body, templateId: template?.id ?? null };
}
