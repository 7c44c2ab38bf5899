import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiTypes, apiTypesFile } from '../test/api-types.js';

describe('the web app’s types of the API', () => {
  it('are the ones the server’s OpenAPI document gives (run `npm run docs:api` after changing a route)', async () => {
    expect(readFileSync(apiTypesFile, 'utf8')).toBe(await apiTypes());
  });
});
