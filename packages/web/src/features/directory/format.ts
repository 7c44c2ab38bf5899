import { hsdsIssueReason, type Locale, type Opening, weekDays } from '@puente/core';
import { dateFormat, numberFormat } from '../../app/formats';
import { t } from '../../app/messages';
import { languageChoices, languageName } from '../../ui/format';

const MILES_PER_KM = 0.621371;
// 1 January 2024 was a Monday: day i of the week is 1 + i January.
const dayDate = (i: number, minutes = 0) => new Date(Date.UTC(2024, 0, 1 + i, 0, minutes));
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A number as the reader writes it, with at most one decimal: "2.5" / "2,5". */
export function formatNumber(locale: Locale, n: number): string {
  return numberFormat(locale, { maximumFractionDigits: 1 }).format(n);
}

/** Kilometres and the same in miles, for programs on either side of the border. */
export function kmAndMiles(locale: Locale, km: number): { km: string; miles: string } {
  return { km: formatNumber(locale, km), miles: formatNumber(locale, km * MILES_PER_KM) };
}

/** A language code as the reader names it: `es` → "Spanish" / "Español"; unknown codes stay as they are. */
export function languageLabel(locale: Locale, code: string): string {
  if (languageChoices.some((l) => l === code.toLowerCase()))
    return languageName((key, params) => t(locale, key, params), code);
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A moment as a calendar day the reader knows: "Jan 15, 2020" / "15 ene 2020". */
export function formatDate(locale: Locale, iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat(locale, { dateStyle: 'medium' }).format(d);
}

function dayName(locale: Locale, day: number): string {
  return dateFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(dayDate(day));
}

function time(locale: Locale, hhmm: string): string {
  return dateFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    dayDate(0, minutesOf(hhmm)),
  );
}

/** Runs of three or more days in a row read "Mon–Fri"; others are listed. */
function dayRuns(locale: Locale, days: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === (days[j] ?? 0) + 1) j++;
    const [first, last] = [days[i] ?? 0, days[j] ?? 0];
    if (j - i >= 2) parts.push(`${dayName(locale, first)}–${dayName(locale, last)}`);
    else for (let k = i; k <= j; k++) parts.push(dayName(locale, days[k] ?? 0));
    i = j + 1;
  }
  return parts.join(', ');
}

/**
 * Weekly openings as lines a person reads aloud, days with the same hours together.
 * @example formatHours('en', [{ day: 'MO', opens: '09:00', closes: '13:00' }, …]) // ['Mon, Wed, Fri 9:00 AM – 1:00 PM']
 */
export function formatHours(locale: Locale, hours: readonly Opening[]): string[] {
  const byDay = new Map<number, string[]>();
  for (const o of hours) {
    const day = weekDays.indexOf(o.day);
    const list = byDay.get(day) ?? [];
    list.push(`${time(locale, o.opens)} – ${time(locale, o.closes)}`);
    byDay.set(day, list);
  }
  const groups = new Map<string, number[]>();
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const times = (byDay.get(day) ?? []).join(', ');
    groups.set(times, [...(groups.get(times) ?? []), day]);
  }
  return [...groups].map(([times, days]) => `${dayRuns(locale, days)} ${times}`);
}

/** Why an HSDS file or record was left out, in the reader's language (core says it for every screen). */
export const issueReason = hsdsIssueReason;
