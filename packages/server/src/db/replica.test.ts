import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../http/env.js';
import { readMostly } from '../http/scope.js';
import { engine } from '../test/database.js';
import { type StreamingPair, startStreamingPair } from '../test/streaming-pair.js';
import { openDatabase } from './open.js';
import { lsnNumber, writes } from './replica.js';
import type { Database } from './types.js';

type Routed = [to: 'replica' | 'primary', why?: string];

/** A signed-in request's context, as `readMostly` reads it, for `db` (a user's database). */
const requestOf = (db: Database, userId: string) => {
  const scope = {
    db,
    actor: { userId, orgId: 'org', role: 'chw', locale: 'en', sessionHash: 'h' } as Actor,
    ip: '127.0.0.1',
    locale: 'en' as const,
    requestId: 'r',
  };
  return { get: (_key: 'scope') => scope };
};

describe('what may go to a replica', () => {
  it('keeps writes, row locks and sequences on the primary, and lets plain reads go', () => {
    for (const text of [
      'insert into audit_event (org_id) values ($1)',
      'with moved as (update client set team_id = $1 where id = $2 returning id) select * from moved',
      'delete from sync_holding where device_id = $1',
      'UPDATE "sync_device" d SET pending_cursor = $1',
      'select id from sync_device where id = $1 for update',
      'select id from client where id = $1 for no key update',
      'select * from task for share skip locked',
      "select nextval('seq')",
      'select pg_advisory_xact_lock($1)',
      'merge into t using s on t.id = s.id when matched then delete',
    ])
      expect(writes(text), text).toBe(true);
    for (const text of [
      'select c.id from client c where c.org_id = $1',
      "select updated_at, deleted_from from client where notes = 'insert' order by updated_at",
      'with recent as (select * from encounter) select count(*) from recent',
    ])
      expect(writes(text), text).toBe(false);
  });

  it('compares WAL positions across the 4 GB boundary', () => {
    expect(lsnNumber('1/0') > lsnNumber('0/FFFFFFFF')).toBe(true);
    expect(lsnNumber('0/16B3748')).toBe(0x16b3748n);
  });
});

// A second PostgreSQL cluster streaming from a first, both started here: PostgreSQL only.
describe.skipIf(engine !== 'postgres')('reads from a streaming replica (DATABASE_READ_URL)', () => {
  let pair: StreamingPair;
  let db: Database;
  const routed: Routed[] = [];
  const changes: string[] = [];

  const bodyOf = async (user: Database) =>
    user.reading?.(async (replica) => {
      const [row] = await (replica ?? user).query<{ body: string }>('select body from note where id = 1');
      return row?.body;
    });
  const lastRouted = () => routed.at(-1);

  beforeAll(async () => {
    pair = await startStreamingPair();
    db = await openDatabase(
      {
        databaseUrl: pair.primaryUrl,
        databaseReadUrl: pair.replicaUrl,
        dataDir: '/nonexistent',
        poolSize: 4,
        readWaitMs: 200,
        readRetryMs: 300,
      },
      { routed: (to, why) => routed.push(why ? [to, why] : [to]), changed: (state) => changes.push(state) },
    );
    await db.exec(
      `create table note (id int primary key, body text not null);
       create table seen (id serial primary key, what text not null);
       insert into note values (1, 'old');`,
    );
    // Wait until the replica has the table, as a real one would have long before.
    const bob = db.forUser?.('bob');
    for (let i = 0; i < 200; i++) {
      if ((await bob?.reading?.((r) => (r ?? db).query('select 1 from note').catch(() => [])))?.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await pair?.stop();
  });

  it('never shows a user the value from before their own write, while another user reads the lagging replica', async () => {
    const alice = db.forUser?.('alice');
    const bob = db.forUser?.('bob');
    if (!alice || !bob) throw new Error('a replica was configured: every user has a database of their own');
    expect(await bodyOf(bob)).toBe('old');
    expect(lastRouted()).toEqual(['replica']);

    await pair.pauseReplay();
    await alice.transaction((tx) => tx.query(`update note set body = 'new' where id = 1`));
    // The replica has not replayed Alice's write: she reads the primary after the short wait.
    expect(await bodyOf(alice)).toBe('new');
    expect(lastRouted()).toEqual(['primary', 'behind']);
    // Bob wrote nothing: he may read the replica, which still shows the past.
    expect(await bodyOf(bob)).toBe('old');
    expect(lastRouted()).toEqual(['replica']);

    // Through the routes' helper: reads before the first write from where reads go, the audit-like write
    // on the primary, and what is read after it from the primary's transaction, which sees it.
    const seen = await readMostly(requestOf(alice, 'alice'), async (tx) => {
      const [note] = await tx.query<{ body: string }>('select body from note where id = 1');
      await tx.query('insert into seen (what) values ($1)', [note?.body]);
      return (await tx.query<{ n: number }>('select count(*)::int as n from seen'))[0]?.n;
    });
    expect(seen).toBe(1);
    expect((await db.query<{ what: string }>('select what from seen'))[0]?.what).toBe('new');

    await pair.resumeReplay();
    // Once replayed, Alice reads the replica again, and it shows her write.
    for (let i = 0; i < 100 && lastRouted()?.[0] !== 'replica'; i++) await bodyOf(alice);
    expect(lastRouted()).toEqual(['replica']);
    expect(await bodyOf(alice)).toBe('new');
  });

  it('reads each of a user’s writes back at once, one after the other and side by side, on a live replica', async () => {
    const alice = db.forUser?.('alice');
    if (!alice) throw new Error('no user database');
    for (let i = 0; i < 30; i++) {
      await alice.transaction((tx) => tx.query('update note set body = $1 where id = 1', [`v${i}`]));
      expect(await bodyOf(alice)).toBe(`v${i}`);
    }
    // Ten users at once, each writing its own row and reading it back.
    await db.exec('create table mine (owner text primary key, n int not null)');
    await Promise.all(
      Array.from({ length: 10 }, async (_, u) => {
        const user = db.forUser?.(`user${u}`);
        for (let i = 1; i <= 5; i++) {
          await user?.transaction((tx) =>
            tx.query('insert into mine values ($1, $2) on conflict (owner) do update set n = $2', [
              `u${u}`,
              i,
            ]),
          );
          const n = await user?.reading?.(async (r) => {
            const [row] = await (r ?? db).query<{ n: number }>('select n from mine where owner = $1', [
              `u${u}`,
            ]);
            return row?.n;
          });
          expect(n).toBe(i);
        }
      }),
    );
    expect(routed.some(([to]) => to === 'replica')).toBe(true);
  });

  it('a write answered by one worker holds back the same user’s replica reads in another', async () => {
    // Two processes' databases, what one tells passed to the other as the cluster's first process does.
    let hear: ((userId: string, lsn: string) => void) | undefined;
    const config = {
      databaseUrl: pair.primaryUrl,
      databaseReadUrl: pair.replicaUrl,
      dataDir: '/x',
      poolSize: 2,
    };
    const workerRouted: Routed[] = [];
    const worker1 = await openDatabase(config, { tell: (user, lsn) => hear?.(user, lsn) });
    const worker2 = await openDatabase(config, {
      listen: (heard) => {
        hear = heard;
      },
      routed: (to, why) => workerRouted.push(why ? [to, why] : [to]),
    });
    try {
      await pair.pauseReplay();
      await worker1
        .forUser?.('carla')
        .transaction((tx) => tx.query(`update note set body = 'de Carla' where id = 1`));
      const carla = worker2.forUser?.('carla');
      if (!carla) throw new Error('no user database');
      expect(await bodyOf(carla)).toBe('de Carla');
      expect(workerRouted.at(-1)).toEqual(['primary', 'behind']);
    } finally {
      await pair.resumeReplay();
      await worker1.close();
      await worker2.close();
    }
  });

  it('a fresh read (what leaves for another organization) sees anyone’s commit from before it', async () => {
    const dana = db.forUser?.('dana');
    if (!dana) throw new Error('no user database');
    const read = (fresh: boolean) =>
      dana.reading?.(
        async (replica) =>
          (await (replica ?? db).query<{ body: string }>('select body from note where id = 1'))[0]?.body,
        { fresh },
      );
    await pair.pauseReplay();
    try {
      // Someone else (a CHW withdrawing a consent, say) commits; Dana wrote nothing.
      await db
        .forUser?.('erin')
        .transaction((tx) => tx.query(`update note set body = 'retirado' where id = 1`));
      expect(await read(false)).not.toBe('retirado');
      expect(lastRouted()).toEqual(['replica']);
      expect(await read(true)).toBe('retirado');
      expect(lastRouted()).toEqual(['primary', 'behind']);
    } finally {
      await pair.resumeReplay();
    }
  });

  it('a pull’s snapshot mark can be taken on the replica', async () => {
    const bob = db.forUser?.('bob');
    const mark = await bob?.reading?.(async (r) => {
      if (!r) throw new Error('expected the replica');
      return r.query<{ xmin: string }>('select pg_snapshot_xmin(pg_current_snapshot())::text as xmin');
    });
    expect(mark?.[0]?.xmin).toMatch(/^\d+$/);
  });

  it('reads from the primary while the replica is down, says so once, and goes back when it is up', async () => {
    const bob = db.forUser?.('bob');
    if (!bob) throw new Error('no user database');
    await db.query(`update note set body = 'after' where id = 1`);
    changes.length = 0;
    await pair.stopReplica();
    for (let i = 0; i < 5; i++) expect(await bodyOf(bob)).toBe('after');
    expect(lastRouted()).toEqual(['primary', 'down']);
    expect(changes).toEqual(['down']);

    await pair.startReplica();
    for (let i = 0; i < 100 && lastRouted()?.[0] !== 'replica'; i++) {
      await bodyOf(bob);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(lastRouted()).toEqual(['replica']);
    expect(changes).toEqual(['down', 'up']);
  }, 30_000);
});
