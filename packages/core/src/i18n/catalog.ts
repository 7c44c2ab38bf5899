import { en } from './en/index.js';
import { es } from './es/index.js';
import type { Locale } from './locales.js';

// Each namespace is one file per language (en/, es/); Spanish files are typed
// against the English ones, so a missing Spanish message fails the build.
type Catalog = { [N in keyof typeof en]: Record<keyof (typeof en)[N], string> };

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
