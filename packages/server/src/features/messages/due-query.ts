import { type ReminderSlot, slotKey } from '@puente/core';
import type { Queryable } from '../../db/types.js';

/** Something a person is reminded of: an appointment (of the care plan, or one a referral led to), or a follow-up visit. */
export interface Due {
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

/**
 * A time to the microsecond, as stored: the reminder keeps it as the time it reminds of, and
 * delivery sends it only while the appointment's time still equals it, so a time rounded to the
 * millisecond (one written by SQL's now(), say) read as "moved" and was never sent.
 */
const isoAt = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The slot most recently due for a time in `at`, worked out by PostgreSQL ($4–$8: the slots' keys,
 * hours, days and wall-clock times, and the program's zone), an hour early: core's `dueSlot` has
 * the last word (its DST rules may differ from PostgreSQL's by that much), this only keeps away
 * what cannot be due yet.
 */
const latestSlot = (at: string) => `cross join lateral (
  select s.key from (
    select u.key,
           case when u.hours is not null then ${at} - make_interval(hours => u.hours)
                else (((${at} at time zone $8)::date - u.days) + u.at_time) at time zone $8 end as due
      from unnest($4::text[], $5::int[], $6::int[], $7::time[]) as u(key, hours, days, at_time)) s
   where s.due <= $2::timestamptz + interval '1 hour'
   order by s.due desc limit 1) latest`;

/**
 * The appointments still scheduled and the follow-up visits still open within the window whose
 * latest slot due is not reminded yet, soonest first. A program with 10,000 appointments in the
 * next two days asks this every 5 s: reading all of them and working their times out in JS cost
 * about 0.27 s of server CPU and 0.18 s of PostgreSQL's a pass (bench/scenarios/reminders.ts).
 */
export async function dueWithin(
  db: Queryable,
  orgId: string,
  from: Date,
  to: Date,
  slots: readonly ReminderSlot[],
  zone: string,
): Promise<Due[]> {
  const params = [
    orgId,
    from.toISOString(),
    to.toISOString(),
    slots.map(slotKey),
    slots.map((s) => ('hoursBefore' in s ? s.hoursBefore : null)),
    slots.map((s) => ('daysBefore' in s ? s.daysBefore : null)),
    slots.map((s) => ('daysBefore' in s ? s.at : null)),
    zone,
  ];
  const appointments = await db.query<Due>(
    `select 'appointment' as subject, p.id, p.client_id as "clientId", ${isoAt('p.at')} as at,
            case when p.referral_id is null then p.place else '' end as place,
            coalesce(r.do_not_contact, false) as "referralDoNotContact",
            array(select m.reminder_slot from text_message m
                   where m.org_id = p.org_id and m.appointment_id = p.id and m.kind = 'reminder'
                     and m.reminder_for = p.at)::text[] as done
       from appointment p join client c on c.id = p.client_id and c.merged_into is null
            left join referral r on r.id = p.referral_id
            ${latestSlot('p.at')}
      where p.org_id = $1 and p.status = 'scheduled' and p.at > $2 and p.at <= $3
        and not exists (select 1 from text_message m
                         where m.org_id = p.org_id and m.appointment_id = p.id and m.kind = 'reminder'
                           and m.reminder_for = p.at and m.reminder_slot = latest.key)`,
    params,
  );
  const visits = await db.query<Due>(
    `select 'task' as subject, t.id, t.client_id as "clientId", ${isoAt('t.visit_at')} as at, '' as place,
            false as "referralDoNotContact",
            array(select m.reminder_slot from text_message m
                   where m.org_id = t.org_id and m.task_id = t.id and m.kind = 'reminder'
                     and m.reminder_for = t.visit_at)::text[] as done
       from task t join client c on c.id = t.client_id and c.merged_into is null
            ${latestSlot('t.visit_at')}
      where t.org_id = $1 and t.status = 'open' and t.visit_at > $2 and t.visit_at <= $3
        and not exists (select 1 from text_message m
                         where m.org_id = t.org_id and m.task_id = t.id and m.kind = 'reminder'
                           and m.reminder_for = t.visit_at and m.reminder_slot = latest.key)`,
    params,
  );
  return [...appointments, ...visits].sort((a, b) => a.at.localeCompare(b.at));
}
