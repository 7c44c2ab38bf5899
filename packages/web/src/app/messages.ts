import {
  type Catalog,
  formatMessage,
  type Locale,
  loadCatalog,
  type MessageKey,
  type MessageParams,
} from '@puente/core';

// The catalogs this page has loaded. The first arrives before the first render (main.tsx);
// another only when the person switches, or a screen shows something in another language.
const loaded = new Map<Locale, Catalog>();
const loading = new Map<Locale, Promise<void>>();

/**
 * Loads a language's messages once; a failed load (no signal, nothing cached) may be tried again.
 * @example await loadMessages('es');
 */
export function loadMessages(locale: Locale): Promise<void> {
  if (loaded.has(locale)) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    pending = loadCatalog(locale).then(
      (catalog) => {
        loaded.set(locale, catalog);
        loading.delete(locale);
      },
      (error: unknown) => {
        loading.delete(locale);
        throw error;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}

/** Whether a language's messages are here, so `t` can say things in it. */
export const messagesLoaded = (locale: Locale): boolean => loaded.has(locale);

/**
 * Looks up a message in a loaded language and fills its `{placeholders}`. Until a language
 * arrives, its words come from one that has (never a bare key on screen).
 * @example t('es', 'errors.tooManyAttempts', { seconds: 4 })
 */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const catalog = loaded.get(locale) ?? loaded.get('en') ?? loaded.values().next().value;
  return catalog ? formatMessage(catalog, key, params, loaded.get('en')) : key;
}
