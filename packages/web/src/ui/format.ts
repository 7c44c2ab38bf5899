import type { Locale, MessageKey, MessageParams } from '@puente/core';
import { dateFormat } from '../app/formats';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Languages offered when registering; any other BCP 47 tag still displays by its code. */
export const languageChoices = ['es', 'en', 'pt', 'mix', 'zap', 'quc', 'ht', 'vi', 'zh', 'ar'] as const;

/** A person's language in the reader's words: `es` → "Spanish" / "Español". */
export function languageName(t: Translate, tag: string): string {
  const known = languageChoices.find((l) => l === tag.toLowerCase());
  return known ? t(`vocab.lang_${known}`) : tag;
}

/** A calendar day (YYYY-MM-DD) as the reader writes dates, e.g. "Nov 26, 2026" / "26 nov 2026". */
export function formatDay(locale: Locale, day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** A moment (ISO with offset) in the reader's time zone, with the time. */
export function formatMoment(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/**
 * An appointment's or a visit's hour on the program's clock (`zone`), the one
 * it was entered in and the person's text reminder names: a phone set to
 * another zone shows the same "10:00", with the zone said so no one is misled.
 */
export function formatPlanned(locale: Locale, iso: string, zone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    if (zone === here) return formatMoment(locale, iso);
    return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone })
      .format(d)
      .concat(` (${zoneShort(locale, zone, d)})`);
  } catch {
    // A zone this browser does not know: the phone's own clock rather than nothing.
    return formatMoment(locale, iso);
  }
}

const zoneShort = (locale: Locale, zone: string, d: Date) =>
  dateFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(d)
    .find((p) => p.type === 'timeZoneName')?.value ?? zone;

const pad = (n: number) => String(n).padStart(2, '0');

/** Now, as a `datetime-local` input wants it: YYYY-MM-DDTHH:mm in this device's time. */
export function nowForInput(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** A `datetime-local` value as ISO 8601 with offset; unreadable input goes through as typed for the server to refuse. */
export function inputToIso(value: string): string {
  const d = new Date(value);
  return value && !Number.isNaN(d.getTime()) ? d.toISOString() : value;
}

/** Optional text for a request: trimmed, or left out when empty. */
export function optional(value: string): string | undefined {
  const v = value.trim();
  return v ? v : undefined;
}
