import { describe, expect, it } from 'vitest';
import { catalogs, t } from './catalog.js';
import { locales, negotiateLocale } from './locales.js';
import { formatMessage, loadCatalog } from './messages.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  const namespaces = Object.keys(catalogs.en) as (keyof typeof catalogs.en)[];

  it.each(namespaces)('Spanish has every %s message, with the same placeholders', (ns) => {
    const en = catalogs.en[ns] as Record<string, string>;
    const es = catalogs.es[ns] as Record<string, string>;
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(es[key]?.trim(), `${ns}.${key} is empty in Spanish`).not.toBe('');
      expect(placeholders(es[key] ?? ''), `${ns}.${key}`).toEqual(placeholders(en[key] ?? ''));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('es', 'errors.tooManyAttempts', { seconds: 4 })).toBe(
      'Demasiados intentos. Espere 4 segundos e intente de nuevo.',
    );
    expect(t('en', 'errors.tooLarge')).toContain('{limit}');
  });

  it('loads each language on its own, the very catalog the server holds', async () => {
    for (const locale of locales) expect(await loadCatalog(locale)).toBe(catalogs[locale]);
  });

  it('takes a message a catalog lacks from the fallback, else shows its key', () => {
    const partial = { ...catalogs.es, app: {} } as unknown as typeof catalogs.es;
    expect(formatMessage(partial, 'app.name', {}, catalogs.en)).toBe('Puente');
    expect(formatMessage(partial, 'app.loading')).toBe('app.loading');
    expect(formatMessage(catalogs.es, 'errors.tooManyAttempts', { seconds: 4 })).toBe(
      t('es', 'errors.tooManyAttempts', { seconds: 4 }),
    );
  });
});

describe('negotiateLocale', () => {
  it.each([
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR, es;q=0.5', 'es'],
    ['fr', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    ['en;q=0.1, es;q=0.9', 'es'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
