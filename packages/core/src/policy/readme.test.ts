import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { privacyTable } from './table.js';

describe('the README’s privacy table', () => {
  it('is the one the policy module computes (run `npm run docs:privacy` after changing the policy)', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const block = readme.split('<!-- privacy:start -->')[1]?.split('<!-- privacy:end -->')[0]?.trim();
    expect(block).toBe(privacyTable());
  });
});
