import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, freshDatabase, type TestDatabase } from '../test/database.js';
import { relayTo } from '../test/relay.js';
import { lostPrimary, refusedBeforeRunning } from './hosts.js';
import { openPostgres } from './postgres.js';
import { primaryOf } from './primary.js';

/**
 * A host that hangs instead of failing (db/hosts.ts HangBounds), on a real
 * PostgreSQL reached through a relay that stops answering (test/relay.ts).
 * The whole failover with a frozen primary is db/failover-frozen.test.ts.
 */

/** Short bounds, so a hung host is found in a few seconds. */
const BOUNDS = { stallMs: 1000, connectTimeoutMs: 1000 };

describe.skipIf(engine !== 'postgres')('a host that hangs', () => {
  let testDb: TestDatabase;
  let target: URL;
  const urlThrough = (...hosts: string[]) => {
    const url = new URL(target);
    return `${target.protocol}//${url.username}:${url.password}@${hosts.join(',')}${url.pathname}?target_session_attrs=read-write`;
  };
  beforeAll(async () => {
    testDb = await freshDatabase({ migrated: false });
    if (!testDb.url) throw new Error('the PostgreSQL test database has no URL');
    target = new URL(testDb.url);
    await testDb.db.exec('create table kept (id int primary key)');
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('passes over a host that takes connections and never answers, to the next one', async () => {
    const hung = await relayTo(target.hostname, Number(target.port || 5432));
    hung.freeze();
    const db = await openPostgres(urlThrough(`127.0.0.1:${hung.port}`, target.host), 2, BOUNDS);
    try {
      expect(await db.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
      await hung.close();
    }
  });

  it('cuts the work out on a host that stopped answering, and runs it again on the next host, kept once', async () => {
    const relay = await relayTo(target.hostname, Number(target.port || 5432));
    const db = await openPostgres(urlThrough(`127.0.0.1:${relay.port}`, target.host), 2, BOUNDS);
    let runs = 0;
    try {
      const result = await db.transaction(async (tx) => {
        runs++;
        await tx.query('insert into kept values (1)');
        // The first run's host freezes while it waits for an answer.
        if (runs === 1) relay.freeze();
        await tx.query('select 1');
        return 'done';
      });
      const rows = await testDb.db.query<{ n: number }>('select count(*)::int as n from kept where id = 1');
      expect({ result, runs, rows }).toEqual({ result: 'done', runs: 2, rows: [{ n: 1 }] });
    } finally {
      await db.close();
      await relay.close();
    }
  });

  it('closes in a bounded time when its host froze with connections open', async () => {
    const relay = await relayTo(target.hostname, Number(target.port || 5432));
    const db = await openPostgres(urlThrough(`127.0.0.1:${relay.port}`), 2, BOUNDS);
    try {
      await db.query('select 1');
      // One connection idle, one waiting for its answer when the host froze.
      const busy = db.query('select pg_sleep(0.5)').catch(() => 'cut off');
      await new Promise((resolve) => setTimeout(resolve, 100));
      relay.freeze();
      // A stopping server must not wait for ever on a host that never answers its goodbye.
      const closed = await Promise.race([
        Promise.all([db.close(), busy]).then(() => 'closed'),
        new Promise((resolve) => setTimeout(resolve, 8000, 'still closing')),
      ]);
      expect(closed).toBe('closed');
    } finally {
      await relay.close();
    }
  });

  it('leaves a slow statement alone on a host that answers', async () => {
    const db = await openPostgres(urlThrough(target.host), 2, BOUNDS);
    try {
      // Three times the stall bound: the host is asked about it and answers, so nothing is cut.
      const slow = await db.transaction((tx) =>
        tx.query<{ slept: string }>('select pg_sleep(3)::text as slept'),
      );
      expect(slow).toEqual([{ slept: '' }]);
    } finally {
      await db.close();
    }
  });

  it('fails a caller waiting for a connection when its pool is dropped, as work that never ran', async () => {
    const primary = primaryOf(urlThrough(target.host), 1);
    try {
      const pool = await primary.pool();
      const held = await primary.connect(pool);
      const waiting = primary.connect(pool);
      primary.lost(pool);
      const error = await waiting.then(
        () => undefined,
        (e: unknown) => e,
      );
      held.release();
      expect({ lost: lostPrimary(error), neverRan: refusedBeforeRunning(error) }).toEqual({
        lost: true,
        neverRan: true,
      });
    } finally {
      await primary.end();
    }
  });
});
