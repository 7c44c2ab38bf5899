import { catalogs } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { loadMessages, messagesLoaded, t } from './messages';

// Every module of the web app as text, read by Vite at test time.
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('messages, one language at a time', () => {
  it('says nothing in a language before one has loaded, then falls back to what has', async () => {
    expect(t('es', 'app.loading')).toBe('app.loading');
    await loadMessages('en');
    expect(messagesLoaded('es')).toBe(false);
    expect(t('es', 'app.loading')).toBe(catalogs.en.app.loading);
    await loadMessages('es');
    expect(t('es', 'errors.tooManyAttempts', { seconds: 4 })).toBe(
      'Demasiados intentos. Espere 4 segundos e intente de nuevo.',
    );
  });

  // Core's `t`, `translator` and `catalogs` hold every language at once: importing one would
  // put both catalogs back in whichever chunk imports it (the first load, for app/api.ts).
  it('is the only way the web reads a catalog', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(100);
    const statement = /import\s*\{([^}]*)\}\s*from\s*'@puente\/core'/g;
    const offenders = Object.entries(sources).flatMap(([path, source]) =>
      [...source.matchAll(statement)]
        .flatMap(([, names = '']) => names.split(',').map((n) => n.trim().split(/\s+as\s+/)[0]))
        .filter((name) => name === 't' || name === 'translator' || name === 'catalogs')
        .map((name) => `${path}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });
});
