import { z } from 'zod';
import { hasNul, inputLimits } from '../input/limits.js';
import { addDays, isRealDate } from './dates.js';
import { toE164 } from './phone.js';

// Messages are catalog keys (`fields.*`): the server and the web translate them.
const today = () => new Date().toISOString().slice(0, 10);
const yearsFromNow = (years: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
};

// No NUL: PostgreSQL text cannot hold one, and it would fail the save instead of the field.
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !hasNul(v), 'fields.noNul');
export const requiredText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'fields.required')
    .max(max)
    .refine((v) => !hasNul(v), 'fields.noNul');

/** A calendar day, YYYY-MM-DD, that really exists, between 1900 and 2199 (year 0001 is a typo). */
// Each check stops the next: a field gets the one message that says what is wrong with it.
export const CalendarDate = z
  .string()
  .refine(isRealDate, { message: 'fields.date', abort: true })
  .refine((d) => d >= inputLimits.earliestDate, { message: 'fields.dateTooEarly', abort: true })
  .refine((d) => d <= inputLimits.latestDate, { message: 'fields.dateTooLate', abort: true });

/** A birth date: a real day, not in the future, not before 1900 (inside CalendarDate's range, with its own words). */
export const BirthDate = z
  .string()
  .refine(isRealDate, { message: 'fields.date', abort: true })
  .refine((d) => d >= '1900-01-01', { message: 'fields.birthDateTooOld', abort: true })
  // One day of slack: it is already tomorrow somewhere.
  .refine((d) => d <= addDays(today(), 1), { message: 'fields.birthDateFuture', abort: true });

/** A day for planning (appointments, due dates): this century, at most five years ahead. */
export const PlanningDate = CalendarDate.refine((d) => d >= '2000-01-01', 'fields.dateTooEarly').refine(
  (d) => d <= yearsFromNow(5),
  'fields.dateTooLate',
);

/** A moment that already happened (a visit), ISO 8601 with offset; a few minutes of clock skew allowed. */
export const PastMoment = z.iso
  .datetime({ offset: true, message: 'fields.dateTime' })
  .refine((v) => new Date(v).getTime() <= Date.now() + 10 * 60_000, 'fields.notInFuture')
  .refine((v) => new Date(v).getTime() >= Date.UTC(2000, 0, 1), 'fields.dateTooEarly');

/** A moment in a plan (an appointment): this century, at most five years ahead. */
export const PlannedMoment = z.iso
  .datetime({ offset: true, message: 'fields.dateTime' })
  .refine((v) => new Date(v).getTime() >= Date.UTC(2000, 0, 1), 'fields.dateTooEarly')
  .refine((v) => v.slice(0, 10) <= yearsFromNow(5), 'fields.dateTooLate');

/** A phone number, stored as E.164. */
export const Phone = z
  .string()
  .max(40)
  .transform((v, ctx) => {
    const e164 = toE164(v);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: 'fields.phone' });
      return z.NEVER;
    }
    return e164;
  });
