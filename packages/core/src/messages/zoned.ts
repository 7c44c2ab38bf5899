import { formatterFor } from '../caseload/dates.js';

/** Minutes of the day, from 'HH:MM'. */
export const minutesOfDay = (hhmm: string): number => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

// Kept per zone (formatterFor): 10,000 reminders due together ask for the wall clock several
// times each (the slot's day, its time, the quiet hours), and a new formatter costs ~50 µs.
const clocks = new Map<string, Intl.DateTimeFormat>();
const clockOf = (zone: string) =>
  formatterFor(
    clocks,
    zone,
    (timeZone) =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      }),
  );

/** The wall-clock date and time at `at` in `zone`. */
export function wallClock(at: Date, zone: string): { y: number; mo: number; d: number; minutes: number } {
  const parts = clockOf(zone).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  return { y: n('year'), mo: n('month'), d: n('day'), minutes: n('hour') * 60 + n('minute') };
}

/** The moment the wall clock in `zone` reads `minutes` past midnight on y-mo-d (a DST gap moves it forward). */
export function zonedMoment(y: number, mo: number, d: number, minutes: number, zone: string): Date {
  const wanted = Date.UTC(y, mo - 1, d, 0, minutes);
  let guess = wanted;
  // Two corrections settle the zone's offset at that moment, also across a change of offset.
  for (let i = 0; i < 2; i++) {
    const w = wallClock(new Date(guess), zone);
    guess += wanted - Date.UTC(w.y, w.mo - 1, w.d, 0, w.minutes);
  }
  return new Date(guess);
}

/** Hours of the day when no message is sent, in the program's zone: from `start` to `end` ('21:00'–'08:00'). */
export interface QuietHours {
  start: string;
  end: string;
}

/**
 * When a message due at `at` may go: `at` itself, or the end of the quiet
 * hours it falls in, in `zone`. A reply to the person's own message (HELP,
 * STOP) is not held: carriers expect it at once.
 * @example sendableAt(new Date('2026-03-02T06:30:00Z'), 'America/Los_Angeles', { start: '21:00', end: '08:00' })
 */
export function sendableAt(at: Date, zone: string, quiet: QuietHours): Date {
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  if (start === end) return at;
  const now = wallClock(at, zone);
  const inQuiet =
    start < end ? now.minutes >= start && now.minutes < end : now.minutes >= start || now.minutes < end;
  if (!inQuiet) return at;
  const day =
    now.minutes >= end
      ? new Date(Date.UTC(now.y, now.mo - 1, now.d + 1))
      : new Date(Date.UTC(now.y, now.mo - 1, now.d));
  return zonedMoment(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), end, zone);
}

/** When a reminder goes out: a number of days before at a wall-clock time, or a number of hours before. */
export type ReminderSlot = { daysBefore: number; at: string } | { hoursBefore: number };

/** The program's reminders unless it sets others: the day before at 6 pm, and 2 hours before. */
export const defaultReminderSlots: readonly ReminderSlot[] = [
  { daysBefore: 1, at: '18:00' },
  { hoursBefore: 2 },
];

/** A slot's name, stable while the program keeps it: what makes "this reminder for this appointment" one. */
export const slotKey = (slot: ReminderSlot): string =>
  'hoursBefore' in slot ? `h${slot.hoursBefore}` : `d${slot.daysBefore}@${slot.at}`;

/** The moment a slot's reminder is due for an appointment at `appointment`, in `zone`. */
export function reminderDue(appointment: Date, slot: ReminderSlot, zone: string): Date {
  if ('hoursBefore' in slot) return new Date(appointment.getTime() - slot.hoursBefore * 3_600_000);
  const w = wallClock(appointment, zone);
  const day = new Date(Date.UTC(w.y, w.mo - 1, w.d - slot.daysBefore));
  return zonedMoment(
    day.getUTCFullYear(),
    day.getUTCMonth() + 1,
    day.getUTCDate(),
    minutesOfDay(slot.at),
    zone,
  );
}

/**
 * The one reminder to send now for an appointment, if any: of the slots
 * already due, the latest (an appointment booked late gets one reminder, not
 * every one it missed), and only while the appointment is still ahead.
 */
export function dueSlot(
  appointment: Date,
  slots: readonly ReminderSlot[],
  zone: string,
  now: Date,
): { slot: ReminderSlot; due: Date } | undefined {
  if (appointment.getTime() <= now.getTime()) return undefined;
  return slots
    .map((slot) => ({ slot, due: reminderDue(appointment, slot, zone) }))
    .filter((s) => s.due.getTime() <= now.getTime())
    .sort((a, b) => b.due.getTime() - a.due.getTime())[0];
}
