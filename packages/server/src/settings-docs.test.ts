import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Env } from './config.js';
import { envExample, settingDocs, settingsTable } from './settings-docs.js';

const repo = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('the documents of the settings', () => {
  it('.env.example is the one the settings schema writes (run `npm run docs:env` after changing config.ts)', () => {
    expect(repo('.env.example')).toBe(envExample());
  });

  it('the README’s table of variables is the one the schema writes', () => {
    const block = repo('README.md').split('<!-- settings:start -->')[1]?.split('<!-- settings:end -->')[0];
    expect(block?.trim()).toBe(settingsTable());
  });

  it('name every setting with its default and meaning', () => {
    const docs = settingDocs();
    expect(docs.map((s) => s.name)).toEqual(Object.keys(Env.shape));
    expect(docs.find((s) => s.name === 'PORT')).toMatchObject({ default: '8080', computed: false });
    expect(docs.find((s) => s.name === 'PUBLIC_URL')).toMatchObject({
      default: 'http://HOST:PORT',
      computed: true,
    });
    expect(docs.find((s) => s.name === 'DATABASE_URL')?.default).toBe('');
    for (const s of docs) expect(s.meaning.length, s.name).toBeGreaterThan(10);
    expect(envExample()).toContain('# PORT=8080\n');
    expect(envExample()).toContain('# TRUST_PROXY=false\n');
  });
});
