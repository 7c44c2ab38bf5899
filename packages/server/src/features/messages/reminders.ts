import { dueSlot, type ReminderSlot, renderTemplate, slotKey, t } from '@puente/core';
import type { Config } from '../../config.js';
import type { Database, Queryable } from '../../db/types.js';
import { recordAudit } from '../audit/record.js';
import { type ProgramTexting, programTexting, type TextPerson, textPerson } from './queries.js';
import { queueText, recordRefused, textability, textLocale, tooLong } from './send.js';

/** Something a person is reminded of: an appointment (of the care plan, or one a referral led to), or a follow-up visit. */
interface Due {
  subject: 'appointment' | 'task';
  id: string;
  clientId: string;
  at: string;
  /** Where, for a template that names it: never for a referral's appointment, whose place can name the service. */
  place: string;
  /** The appointment came from a referral that says not to contact the person about it. */
  referralDoNotContact: boolean;
  /** The slots already reminded (or refused) for it at this time. */
  done: string[];
}

const isoAt = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The appointments still scheduled and the follow-up visits still open within the window, soonest first. */
async function dueWithin(db: Queryable, orgId: string, from: Date, to: Date): Promise<Due[]> {
  const window = [orgId, from.toISOString(), to.toISOString()];
  const appointments = await db.query<Due>(
    `select 'appointment' as subject, p.id, p.client_id as "clientId", ${isoAt('p.at')} as at,
            case when p.referral_id is null then p.place else '' end as place,
            coalesce(r.do_not_contact, false) as "referralDoNotContact",
            array(select m.reminder_slot from text_message m
                   where m.org_id = p.org_id and m.appointment_id = p.id and m.kind = 'reminder'
                     and m.reminder_for = p.at)::text[] as done
       from appointment p join client c on c.id = p.client_id and c.merged_into is null
            left join referral r on r.id = p.referral_id
      where p.org_id = $1 and p.status = 'scheduled' and p.at > $2 and p.at <= $3`,
    window,
  );
  const visits = await db.query<Due>(
    `select 'task' as subject, t.id, t.client_id as "clientId", ${isoAt('t.visit_at')} as at, '' as place,
            false as "referralDoNotContact",
            array(select m.reminder_slot from text_message m
                   where m.org_id = t.org_id and m.task_id = t.id and m.kind = 'reminder'
                     and m.reminder_for = t.visit_at)::text[] as done
       from task t join client c on c.id = t.client_id and c.merged_into is null
      where t.org_id = $1 and t.status = 'open' and t.visit_at > $2 and t.visit_at <= $3`,
    window,
  );
  return [...appointments, ...visits].sort((a, b) => a.at.localeCompare(b.at));
}

/** The longest a slot reaches before an appointment: the window of appointments worth looking at. */
function leadHours(slots: readonly ReminderSlot[]): number {
  return Math.max(1, ...slots.map((s) => ('hoursBefore' in s ? s.hoursBefore : (s.daysBefore + 1) * 24)));
}

/**
 * Queues the reminders that are due at `now` for every program with a
 * number: for each appointment still scheduled and each follow-up visit
 * still open, the latest slot already due (`dueSlot`), once — the unique
 * indexes on appointment (or task), slot and time make a second pass or a
 * second server find it done. A person who may not be texted gets a refused
 * reminder on record, saying why, instead of a message.
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
    for (const item of await dueWithin(db, orgId, now, horizon)) {
      const due = dueSlot(new Date(item.at), program.reminders, program.timeZone, now);
      // Most passes find nothing new: the slot done already costs no transaction.
      if (!due || item.done.includes(slotKey(due.slot))) continue;
      const made = await db.transaction(async (tx) =>
        remind(tx, config, program, orgId, item, slotKey(due.slot), now),
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
  item: Due,
  slot: string,
  now: Date,
): Promise<boolean> {
  const column = item.subject === 'task' ? 'task_id' : 'appointment_id';
  const exists = await tx.query(
    `select 1 from text_message where org_id = $1 and ${column} = $2 and reminder_slot = $3
        and reminder_for = $4 and kind = 'reminder'`,
    [orgId, item.id, slot, item.at],
  );
  if (exists.length > 0) return false;
  const person = await textPerson(tx, orgId, item.clientId);
  if (!person) return false;
  const base = {
    orgId,
    clientId: item.clientId,
    kind: 'reminder' as const,
    ...(item.subject === 'task' ? { taskId: item.id } : { appointmentId: item.id }),
    reminderSlot: slot,
    reminderFor: item.at,
  };
  const may = await textability(tx, config, orgId, person, now, item.referralDoNotContact);
  if (!may.allowed) {
    await recordRefused(tx, config, { ...base, phone: null, reason: may.reason });
    await audit(tx, orgId, item, slot, may.reason);
    return false;
  }
  const { body, templateId } = await reminderText(
    tx,
    orgId,
    person,
    program.programName,
    program.timeZone,
    item,
  );
  if (tooLong(body)) {
    await recordRefused(tx, config, { ...base, phone: may.phone, reason: 'textTooLong' });
    return false;
  }
  const id = await queueText(tx, config, program, { ...base, phone: may.phone, body, templateId }, now);
  if (id) await audit(tx, orgId, item, slot, null, id);
  return id !== undefined;
}

function audit(
  tx: Queryable,
  orgId: string,
  item: Due,
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
      subjectId: item.clientId,
      detail: { [item.subject]: item.id, slot, ...(refused ? { reason: refused } : { message }) },
    },
  );
}

/**
 * The reminder in the person's language: for an appointment the program's
 * newest reminder template in it, else Puente's own; for a follow-up visit
 * Puente's own. Only a first name, the date, the time, the place (if the
 * template names it) and the program: never the purpose.
 */
async function reminderText(
  tx: Queryable,
  orgId: string,
  person: TextPerson,
  programName: string,
  zone: string,
  a: Due,
): Promise<{ body: string; templateId: string | null }> {
  const locale = textLocale(person.language);
  const [template] =
    a.subject === 'task'
      ? []
      : await tx.query<{ id: string; body: string }>(
          `select id, body from text_template where org_id = $1 and kind = 'reminder' and language = $2
            order by updated_at desc limit 1`,
          [orgId, locale],
        );
  const fallback = t(locale, a.subject === 'task' ? 'texts.visitReminder' : 'texts.reminder');
  const at = new Date(a.at);
  const tag = locale === 'es' ? 'es-US' : 'en-US';
  const body = renderTemplate(template?.body ?? fallback, {
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
