import { en } from './en/index.js';
import { es } from './es/index.js';
import type { Locale } from './locales.js';
import { type Catalog, formatMessage, type MessageKey, type MessageParams } from './messages.js';

/** Every language's catalog at once, for the server; the web loads one at a time (see `loadCatalog`). */
export const catalogs: Record<Locale, Catalog> = { en, es };

/**
 * Looks up a message and fills its `{placeholders}`.
 * @example t('es', 'errors.tooManyAttempts', { seconds: 4 })
 */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return formatMessage(catalogs[locale], key, params, catalogs.en);
}

/** A translator bound to one language, for screens and responses. */
export function translator(locale: Locale) {
  return (key: MessageKey, params?: MessageParams) => t(locale, key, params);
}
