import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../app.js';
import { testConfig } from '../config.js';
import type { Database } from '../db/types.js';
import { createLogger } from '../log.js';

/** The web app's types of the server's routes: checked in, so `tsc` holds every call to them. */
export const apiTypesFile = new URL('../../../web/src/app/api-schema.d.ts', import.meta.url);

const header = `// The server's routes as TypeScript types, written by \`npm run docs:api\` from the
// OpenAPI document it serves at /api/openapi.json (openapi-typescript). Do not edit:
// change the route, then run the script; a test fails while this file is stale.

`;

/** Serving the document reads no database, so the app gets one that says so if touched. */
const noDatabase = new Proxy({} as Database, {
  get(_, name) {
    throw new Error(`the API document should not need the database (it read ${String(name)})`);
  },
});

/** The OpenAPI document, as GET /api/openapi.json serves it. */
export async function apiDocument(): Promise<OpenAPI3> {
  const app = buildApp({ db: noDatabase, config: testConfig(), log: createLogger('silent') });
  const reply = await app.request('/api/openapi.json');
  if (reply.status !== 200) throw new Error(`GET /api/openapi.json answered ${reply.status}`);
  return (await reply.json()) as OpenAPI3;
}

/** What api-schema.d.ts must hold for the server as it is now. */
export async function apiTypes(): Promise<string> {
  // A field with a default may be left out of a request, so it stays optional in the types.
  return header + astToString(await openapiTS(await apiDocument(), { defaultNonNullable: false }));
}
