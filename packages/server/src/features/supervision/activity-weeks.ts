import { addDays, localDate } from '@puente/core';

/**
 * The Monday of the week that holds a YYYY-MM-DD day: weeks run Monday to
 * Sunday, as promotoras plan them.
 * @example mondayOf('2026-03-08') // '2026-03-02' (a Sunday belongs to the week before)
 */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * The Mondays of this week and the `count - 1` weeks before it, newest first,
 * in the program's time zone: a visit at 23:30 on Sunday counts in the week
 * that is ending there, wherever the server is.
 * @example weekStarts(new Date('2026-03-09T07:30:00Z'), 'America/Los_Angeles', 2) // ['2026-03-02', '2026-02-23']
 */
export function weekStarts(now: Date, timeZone: string, count: number): string[] {
  const thisWeek = mondayOf(localDate(now, timeZone));
  return Array.from({ length: count }, (_, i) => addDays(thisWeek, -7 * i));
}
