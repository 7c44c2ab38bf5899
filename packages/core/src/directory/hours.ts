/**
 * Opening hours from HSDS schedules (RFC 5545 style: freq, byday, opens_at,
 * closes_at), as weekly intervals in the program's local time.
 */

import { weekTime } from '../caseload/dates.js';

export const weekDays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type WeekDay = (typeof weekDays)[number];

/** The schedule fields that decide opening hours. */
export interface ScheduleLike {
  freq?: string | undefined;
  byday?: string | undefined;
  opens_at?: string | undefined;
  closes_at?: string | undefined;
  valid_from?: string | undefined;
  valid_to?: string | undefined;
}

/** One opening: a day and local times "HH:MM"; closes ≤ opens means it closes after midnight. */
export interface Opening {
  day: WeekDay;
  opens: string;
  closes: string;
}

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$/;
const freqs = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

/** Minutes since midnight of "HH:MM[:SS]", or undefined when it is not a time. */
export function minutesOf(time: string): number | undefined {
  const m = timePattern.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** A schedule's fault: the field, the English reason, and its code and values for the catalogs. */
export interface ScheduleProblem {
  field: string;
  reason: string;
  code: 'notTime' | 'sameOpenClose' | 'badFreq' | 'badDay' | 'endsBeforeStart';
  params?: Record<string, string>;
}

/**
 * Why a schedule cannot be right, as `{ field, reason }`, or undefined when it can.
 * @example scheduleProblem({ opens_at: '25:00' }) // { field: 'opens_at', reason: ... }
 */
export function scheduleProblem(s: ScheduleLike): ScheduleProblem | undefined {
  for (const field of ['opens_at', 'closes_at'] as const) {
    const v = s[field];
    if (v !== undefined && minutesOf(v) === undefined)
      return {
        field,
        reason: `"${v}" is not a time of day (HH:MM or HH:MM:SS)`,
        code: 'notTime',
        params: { value: v },
      };
  }
  if (s.opens_at && s.closes_at && minutesOf(s.opens_at) === minutesOf(s.closes_at))
    return { field: 'closes_at', reason: 'closes at the same time it opens', code: 'sameOpenClose' };
  if (s.freq !== undefined && !freqs.has(s.freq.toUpperCase()))
    return {
      field: 'freq',
      reason: `"${s.freq}" is not a recurrence frequency (DAILY, WEEKLY, MONTHLY, ...)`,
      code: 'badFreq',
      params: { value: s.freq },
    };
  if (s.byday !== undefined) {
    const bad = s.byday.split(',').find((d) => !/^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/i.test(d.trim()));
    if (bad !== undefined)
      return {
        field: 'byday',
        reason: `"${bad}" is not a day (MO, TU, ... SU)`,
        code: 'badDay',
        params: { value: bad },
      };
  }
  if (s.valid_from && s.valid_to && s.valid_to < s.valid_from)
    return { field: 'valid_to', reason: 'ends before it starts', code: 'endsBeforeStart' };
  return undefined;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The weekly openings of a set of schedules. Only daily and weekly
 * recurrences with times give openings; anything else is left to its description.
 */
export function weeklyOpenings(schedules: readonly ScheduleLike[]): Opening[] {
  const out: Opening[] = [];
  for (const s of schedules) {
    if (scheduleProblem(s) || !s.opens_at || !s.closes_at) continue;
    const freq = (s.freq ?? 'WEEKLY').toUpperCase();
    if (freq !== 'WEEKLY' && freq !== 'DAILY') continue;
    const days =
      freq === 'DAILY' || !s.byday
        ? weekDays
        : s.byday.split(',').map((d) => d.trim().toUpperCase().slice(-2) as WeekDay);
    const [opens, closes] = [minutesOf(s.opens_at) ?? 0, minutesOf(s.closes_at) ?? 0];
    for (const day of days) out.push({ day, opens: hhmm(opens), closes: hhmm(closes) });
  }
  return out.sort(
    (a, b) => weekDays.indexOf(a.day) - weekDays.indexOf(b.day) || a.opens.localeCompare(b.opens),
  );
}

const WEEK = 7 * 24 * 60;

/** Openings as [start, end) minute-of-week ranges (Monday 00:00 = 0), overnight ones split. */
export function weekRanges(openings: readonly Opening[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const o of openings) {
    const base = weekDays.indexOf(o.day) * 24 * 60;
    const start = base + (minutesOf(o.opens) ?? 0);
    let end = base + (minutesOf(o.closes) ?? 0);
    if (end <= start) end += 24 * 60;
    if (end <= WEEK) ranges.push([start, end]);
    else ranges.push([start, WEEK], [0, end - WEEK]);
  }
  return ranges;
}

/** Minute of the week (Monday 00:00 = 0) of an instant, in a time zone. */
export function minuteOfWeek(at: Date, timeZone: string): number {
  const { day, time } = weekTime(at, timeZone);
  const [hour, minute] = time.split(':').map(Number);
  return ((day + 6) % 7) * 24 * 60 + (hour ?? 0) * 60 + (minute ?? 0);
}

/**
 * Whether a service is open at an instant; undefined when its hours are not known.
 * @example isOpenAt([{ day: 'MO', opens: '09:00', closes: '17:00' }], new Date('2026-11-30T18:00:00Z'), 'America/Los_Angeles') // true
 */
export function isOpenAt(openings: readonly Opening[], at: Date, timeZone: string): boolean | undefined {
  if (openings.length === 0) return undefined;
  const minute = minuteOfWeek(at, timeZone);
  return weekRanges(openings).some(([start, end]) => minute >= start && minute < end);
}
