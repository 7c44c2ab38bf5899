import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { testConfig } from '../config.js';
import { device, pullAll } from '../features/sync/testing.js';
import { createLogger } from '../log.js';
import type { Harness } from '../test/app.js';
import { caseloadWorld, register } from '../test/caseload.js';
import { engine } from '../test/database.js';
import { call } from '../test/http.js';
import {
  type Bouncer,
  type StreamingPair,
  startBouncer,
  startStreamingPair,
} from '../test/streaming-pair.js';
import { migrate } from './migrate.js';
import { openDatabase } from './open.js';
import { openPostgres } from './postgres.js';
import type { Database } from './types.js';

// PgBouncer from Debian in front of a throwaway PostgreSQL the test starts: PostgreSQL only.
describe.skipIf(engine !== 'postgres')(
  'through PgBouncer in transaction mode (DATABASE_POOLER=transaction)',
  () => {
    let pair: StreamingPair;
    let bouncer: Bouncer;
    let db: Database;

    beforeAll(async () => {
      pair = await startStreamingPair();
      bouncer = await startBouncer({ port: pair.primaryPort, dbname: 'puente' });
      db = await openDatabase({
        databaseUrl: bouncer.url,
        dataDir: '/nonexistent',
        poolSize: 6,
        pooler: 'transaction',
      });
    }, 60_000);

    afterAll(async () => {
      await db?.close();
      await bouncer?.stop();
      await pair?.stop();
    });

    it('migrates and serves a CHW’s day with many requests at once over two server connections', async () => {
      await migrate(db);
      const h = { db } as Harness;
      h.config = testConfig({ databaseUrl: bouncer.url, pooler: 'transaction', directUrl: pair.primaryUrl });
      h.app = buildApp({ db, config: h.config, log: createLogger('silent') });
      const w = await caseloadWorld(h, 'bouncer');
      // Each statement text runs far more than the three times after which it would otherwise get a name.
      const people = await Promise.all(
        Array.from({ length: 12 }, (_, i) => register(h, w.cookie.chw, { givenName: `Persona ${i}` })),
      );
      const reads = await Promise.all(
        people.flatMap((p) => [
          call(h.app, 'GET', `/api/clients/${p.id}`, { cookie: w.cookie.chw }),
          call(h.app, 'PATCH', `/api/clients/${p.id}`, { cookie: w.cookie.chw, body: { notes: 'visto' } }),
          call(h.app, 'GET', '/api/reports/figures', { cookie: w.cookie.manager }),
        ]),
      );
      expect(reads.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      const pages = await pullAll(h, device(w.cookie.chw));
      const pulled = new Set(
        pages
          .flatMap((p) => p.rows)
          .filter((r) => r.entity === 'client')
          .map((r) => r.id),
      );
      expect(people.every((p) => pulled.has(p.id))).toBe(true);
    }, 60_000);

    it('would break with named prepared statements, which is why the setting exists', async () => {
      const named = await openPostgres(bouncer.url, 4, { namedStatements: true });
      const failures: string[] = [];
      try {
        for (let round = 0; round < 50 && failures.length === 0; round++) {
          const results = await Promise.allSettled(
            Array.from({ length: 4 }, (_, i) => named.query('select $1::int + 1 as n', [round * 10 + i])),
          );
          for (const r of results) if (r.status === 'rejected') failures.push(String(r.reason));
        }
      } finally {
        await named.close();
      }
      expect(failures[0]).toMatch(/prepared statement "p\d+" (does not exist|already exists)/);
    }, 30_000);
  },
);
