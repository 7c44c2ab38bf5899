import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config.js';
import { createLogger } from '../log.js';
import { type RunningServer, startServer } from '../server.js';
import { PASSWORD, seedOrg, type TestOrg } from '../test/app.js';
import { freshDatabase, type TestDatabase } from '../test/database.js';

// The served server, not app.request: the caller's address comes from the socket the adapter
// hands the app. Once it did not, and every caller was "unknown" to the audit trail and to the
// per-address limits (one address's wrong passwords counted against everyone's).
let root: string;
let test: TestDatabase | undefined;
let server: RunningServer;
let org: TestOrg | undefined;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'puente-address-'));
  // On PostgreSQL the run's own database; on PGlite the server's own folder, made from nothing.
  test = process.env.PUENTE_TEST_PG ? await freshDatabase() : undefined;
  const config = testConfig({
    dataDir: join(root, 'data'),
    databaseUrl: test?.url,
    host: '127.0.0.1',
    port: 0,
  });
  server = await startServer(config, createLogger('silent'), async (db) => {
    org = await seedOrg(db, 'address');
  });
});
afterAll(async () => {
  await server?.stop();
  await test?.drop();
  await rm(root, { recursive: true, force: true });
});

describe('the caller’s address on the served server', () => {
  it('is the address the connection came from, in the audit trail', async () => {
    if (!org) throw new Error('no organization');
    const reply = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email: org.chw, password: PASSWORD }),
    });
    expect(reply.status).toBe(200);
    const [row] = await server.db.query<{ ip: string | null }>(
      `select ip from audit_event where action = 'auth.signed-in' order by at desc, seq desc nulls first limit 1`,
    );
    expect(row?.ip).toBe('127.0.0.1');
  });
});
