import type { PullResponse } from '@puente/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { testConfig } from '../../config.js';
import { countingStatements } from '../../db/counted.js';
import { migrate } from '../../db/migrate.js';
import { openDatabase } from '../../db/open.js';
import type { Database } from '../../db/types.js';
import { createLogger } from '../../log.js';
import type { Harness } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { engine } from '../../test/database.js';
import { call } from '../../test/http.js';
import { type StreamingPair, startStreamingPair } from '../../test/streaming-pair.js';
import { closeNews, newsHub, newsUrl } from '../news/hub.js';
import { device, pullAll, type TestDevice } from './testing.js';

type Routed = [to: 'replica' | 'primary', why?: string];

const notesIn = (pages: PullResponse[], clientId: string) =>
  pages
    .flatMap((p) => p.rows)
    .filter((r) => r.entity === 'client' && r.id === clientId)
    .map((r) => (r.data as { notes?: string | null }).notes);

// The whole server on a primary and a streaming replica the test starts: PostgreSQL only.
describe.skipIf(engine !== 'postgres')('sync pulls through a lagging read replica', () => {
  let pair: StreamingPair;
  let db: Database;
  let w: CaseloadWorld;
  const h = {} as Harness;
  const routed: Routed[] = [];

  /** Waits until the replica has replayed everything the primary has written so far. */
  async function replicaCaughtUp() {
    const [{ lsn }] = (await db.query<{ lsn: string }>(
      'select pg_current_wal_insert_lsn()::text as lsn',
    )) as [{ lsn: string }];
    const replica = await openDatabase({
      databaseUrl: pair.replicaUrl,
      dataDir: '/nonexistent',
      poolSize: 1,
    });
    try {
      for (let i = 0; i < 200; i++) {
        const [row] = await replica.query<{ ok: boolean }>(
          'select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok',
          [lsn],
        );
        if (row?.ok) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error('the replica did not catch up');
    } finally {
      await replica.close();
    }
  }

  beforeAll(async () => {
    pair = await startStreamingPair();
    db = countingStatements(
      await openDatabase(
        {
          databaseUrl: pair.primaryUrl,
          databaseReadUrl: pair.replicaUrl,
          dataDir: '/nonexistent',
          poolSize: 5,
        },
        { routed: (to, why) => routed.push(why ? [to, why] : [to]) },
      ),
      () => {},
    );
    await migrate(db);
    h.db = db;
    h.config = testConfig({ databaseUrl: pair.primaryUrl, databaseReadUrl: pair.replicaUrl });
    h.app = buildApp({ db, config: h.config, log: createLogger('silent') });
    w = await caseloadWorld(h, 'replica');
  }, 60_000);

  afterAll(async () => {
    await closeNews(db);
    await db?.close();
    await pair?.stop();
  });

  it('shows a CHW their own edit at their next pull, while the supervisor’s pull reads the replica’s past', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Réplica', notes: 'antes' });
    const phone: TestDevice = device(w.cookie.chw);
    const supervisorPhone: TestDevice = device(w.cookie.supervisor);
    expect(notesIn(await pullAll(h, phone), person.id)).toEqual(['antes']);
    expect(notesIn(await pullAll(h, supervisorPhone), person.id)).toEqual(['antes']);
    await replicaCaughtUp();

    await pair.pauseReplay();
    try {
      const changed = await call(h.app, 'PATCH', `/api/clients/${person.id}`, {
        cookie: w.cookie.chw,
        body: { notes: 'después' },
      });
      expect(changed.status).toBe(200);
      // Her own write is not on the replica: her pull waits a moment, then reads the primary.
      routed.length = 0;
      expect(notesIn(await pullAll(h, phone), person.id)).toEqual(['después']);
      expect(routed).toContainEqual(['primary', 'behind']);
      // The supervisor wrote nothing since: his pull reads the replica, which has not replayed the edit yet.
      routed.length = 0;
      expect(notesIn(await pullAll(h, supervisorPhone), person.id)).toEqual([]);
      expect(routed).toEqual([['replica']]);
    } finally {
      await pair.resumeReplay();
    }
    // Replayed: his next pull brings the edit, from the replica.
    await replicaCaughtUp();
    routed.length = 0;
    expect(notesIn(await pullAll(h, supervisorPhone), person.id)).toEqual(['después']);
    expect(routed).toContainEqual(['replica']);
  });

  it('keeps one news hub per process, not one per user’s request', () => {
    const url = newsUrl(h.config);
    expect(newsHub(db.forUser?.('someone') ?? db, url)).toBe(newsHub(db, url));
    expect(newsHub(db.forUser?.('someone else') ?? db, url)).toBe(newsHub(db, url));
  });

  it('answers reports and directory search from the replica, and never with a 5xx when it is down', async () => {
    await replicaCaughtUp();
    routed.length = 0;
    const figures = await call(h.app, 'GET', '/api/reports/figures', { cookie: w.cookie.manager });
    expect(figures.status).toBe(200);
    const search = await call(h.app, 'GET', '/api/directory/search?q=food', { cookie: w.cookie.chw });
    expect(search.status).toBe(200);
    expect(routed.filter(([to]) => to === 'replica').length).toBeGreaterThanOrEqual(2);

    await pair.stopReplica();
    try {
      routed.length = 0;
      const down = await call(h.app, 'GET', '/api/reports/figures', { cookie: w.cookie.manager });
      expect(down.status).toBe(200);
      const phone = device(w.cookie.chw);
      expect((await pullAll(h, phone)).length).toBeGreaterThan(0);
      expect(routed.every(([to]) => to === 'primary')).toBe(true);
      expect(routed.length).toBeGreaterThanOrEqual(2);
    } finally {
      await pair.startReplica();
    }
  }, 30_000);
});
