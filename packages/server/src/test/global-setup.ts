import { ensurePgliteTemplate } from './pglite-template.js';

/** Vitest global setup for the server's tests: one migrated PGlite every test file starts from. */
export default async function setup() {
  if (process.env.PUENTE_TEST_PG) return;
  process.env.PUENTE_TEST_PGLITE_TEMPLATE = await ensurePgliteTemplate();
}
