import type { en } from './en/index.js';
import type { Locale } from './locales.js';

// Each namespace is one file per language (en/, es/); Spanish files are typed
// against the English ones, so a missing Spanish message fails the build.
export type Catalog = { [N in keyof typeof en]: Record<keyof (typeof en)[N], string> };

export type Namespace = keyof Catalog;
export type MessageKey = { [N in Namespace]: `${N}.${keyof Catalog[N] & string}` }[Namespace];
export type MessageParams = Record<string, string | number>;

// One entry per language, so adding a locale without its loader fails the build.
const loaders: Record<Locale, () => Promise<Catalog>> = {
  en: () => import('./en/index.js').then((m) => m.en),
  es: () => import('./es/index.js').then((m) => m.es),
};

/**
 * One language's catalog, loaded when asked for: a bundler makes each language a chunk of its
 * own, so a phone downloads only the language it shows (the server uses `t`, which holds both).
 * @example const es = await loadCatalog('es'); formatMessage(es, 'app.name');
 */
export function loadCatalog(locale: Locale): Promise<Catalog> {
  return loaders[locale]();
}

/**
 * A message of `catalog` with its `{placeholders}` filled; a key it lacks comes from
 * `fallback`, else shows as the key itself. Unknown placeholders stay visible.
 * @example formatMessage(es, 'errors.tooManyAttempts', { seconds: 4 })
 */
export function formatMessage(
  catalog: Catalog,
  key: MessageKey,
  params: MessageParams = {},
  fallback?: Catalog,
): string {
  const [ns, name] = key.split('.') as [Namespace, string];
  const message =
    (catalog[ns] as Record<string, string>)[name] ??
    (fallback?.[ns] as Record<string, string> | undefined)?.[name] ??
    key;
  return message.replace(/\{(\w+)\}/g, (whole, p: string) => (p in params ? String(params[p]) : whole));
}
