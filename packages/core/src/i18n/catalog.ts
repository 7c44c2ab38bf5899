import { app as enApp } from './en/app.js';
import { errors as enErrors } from './en/errors.js';
import { app as esApp } from './es/app.js';
import { errors as esErrors } from './es/errors.js';
import type { Locale } from './locales.js';

// Each namespace is one file per language; Spanish files are typed against the
// English ones, so a missing Spanish message fails the build.
const en = { app: enApp, errors: enErrors };
type Catalog = { [N in keyof typeof en]: Record<keyof (typeof en)[N], string> };
const es: Catalog = { app: esApp, errors: esErrors };

export const catalogs: Record<Locale, Catalog> = { en, es };

export type Namespace = keyof Catalog;
export type MessageKey = { [N in Namespace]: `${N}.${keyof Catalog[N] & string}` }[Namespace];
export type MessageParams = Record<string, string | number>;

/**
 * Looks up a message and fills its `{placeholders}`.
 * @example t('es', 'errors.tooManyAttempts', { seconds: 4 })
 */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const [ns, name] = key.split('.') as [Namespace, string];
  const table = catalogs[locale][ns] as Record<string, string>;
  const message = table[name] ?? (catalogs.en[ns] as Record<string, string>)[name] ?? key;
  return message.replace(/\{(\w+)\}/g, (whole, p: string) => (p in params ? String(params[p]) : whole));
}

/** A translator bound to one language, for screens and responses. */
export function translator(locale: Locale) {
  return (key: MessageKey, params?: MessageParams) => t(locale, key, params);
}
