import type { Locale } from '@puente/core';

// Making an Intl formatter costs far more than using one, and lists format a
// value per row (Today's follow-ups, a directory card's opening hours): each
// kind of formatter is made once per language and kept.
const dates = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();

function kept<F>(made: Map<string, F>, locale: Locale, options: object, make: () => F): F {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = made.get(key);
  if (!format) {
    format = make();
    made.set(key, format);
  }
  return format;
}

/** A date/time formatter for the reader's language, made once. */
export const dateFormat = (locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  kept(dates, locale, options, () => new Intl.DateTimeFormat(locale, options));

/** A number formatter for the reader's language, made once. */
export const numberFormat = (locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat =>
  kept(numbers, locale, options, () => new Intl.NumberFormat(locale, options));
