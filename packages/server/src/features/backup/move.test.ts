import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PullResponse } from '@puente/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../app.js';
import { type Config, testConfig } from '../../config.js';
import { migrate } from '../../db/migrate.js';
import { MOVED_FILE } from '../../db/moved.js';
import { openDatabase } from '../../db/open.js';
import { openPglite } from '../../db/pglite.js';
import { openPostgres } from '../../db/postgres.js';
import { createLogger } from '../../log.js';
import { type RunningServer, startServer } from '../../server.js';
import type { Harness } from '../../test/app.js';
import { seedOrg } from '../../test/app.js';
import { engine, testPgUrl } from '../../test/database.js';
import { call } from '../../test/http.js';
import { expectOk, matrixWorld, visitBody, type World } from '../../test/matrix-world.js';
import { auditSeal } from '../audit/key.js';
import { linkAllChains } from '../audit/link.js';
import { deliverPush, pullAll, SimDevice } from '../sync/sim-device.js';
import { controlSocket } from './control.js';
import { advanceTransactionIds, maskUrl, moveCommand } from './move.js';
import { fingerprint } from './testing.js';

// The move's far end is PostgreSQL: under the PGlite-only run there is none to move to,
// so this file runs under `npm run test:pg` (scripts/with-postgres.mjs), which fails
// rather than skip when PostgreSQL is not there. The embedded end is PGlite on disk,
// made from nothing (initdb and every migration), hence the long limits.
const SLOW = 300_000;
const log = createLogger('silent');
const SECRET = `pw-${randomBytes(6).toString('hex')}`;
let root: string;
const made: string[] = [];

/** An empty database of the test's own, and its address (the test role's, or one with a password to hide). */
async function emptyDatabase(): Promise<string> {
  const name = `puente_move_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPgUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  made.push(name);
  const url = new URL(testPgUrl ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropAll(): Promise<void> {
  const admin = new pg.Client({ connectionString: testPgUrl });
  await admin.connect();
  try {
    for (const name of made) await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

function recorder() {
  const lines: string[] = [];
  return { say: (line: string) => void lines.push(line), text: () => lines.join('\n') };
}

const configFor = (dataDir: string, extra: Partial<Config> = {}): Config =>
  testConfig({
    dataDir,
    databaseUrl: undefined,
    port: 0,
    auditCheckpointFile: `${dataDir}-audit-checkpoints.log`,
    ...extra,
  });

/** The app over real HTTP, as a phone reaches the server (the test helpers take an App). */
const overHttp = (base: string) =>
  ({
    request: (path: string, init: RequestInit) => fetch(new URL(path, base), init),
  }) as unknown as App;

/** The first half of a move, by hand: the snapshot's answer, and a way to drop the connection as a dying command would. */
function askToMove(dataDir: string, dir: string): Promise<{ answer: unknown; hangUp: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: controlSocket(dataDir), method: 'POST', path: '/move' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('\n')) resolve({ answer: JSON.parse(text), hangUp: () => req.destroy() });
      });
    });
    req.on('error', () => {});
    req.on('close', () => reject(new Error('closed before the snapshot')));
    req.write(`${JSON.stringify({ dir, key: randomBytes(32).toString('base64') })}\n`);
  });
}

const keysOf = (page: PullResponse) => page.rows.map((r) => `${r.entity}/${r.id}`).sort();

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'puente-move-'));
});

afterAll(async () => {
  if (engine === 'postgres') await dropAll();
  if (root) await rm(root, { recursive: true, force: true });
});

describe.skipIf(engine !== 'postgres')('puente move-to-postgres', () => {
  it('refuses what it cannot use, in words, without the password, changing nothing', {
    timeout: SLOW,
  }, async () => {
    const dataDir = join(root, 'refusals');
    const config = configFor(dataDir);
    const none = recorder();
    expect(await moveCommand(config, await emptyDatabase(), none.say)).toBe(1);
    expect(none.text()).toMatch(/There is no embedded database in .*refusals: nothing to move/);

    const db = await openPglite(dataDir);
    await migrate(db);
    await seedOrg(db, 'refusals');
    await db.close();
    const before = await readdir(dataDir);

    const tries: [string, RegExp][] = [
      [
        `mysql://root:${SECRET}@localhost/puente`,
        /mysql:\/\/root:\*\*\*@localhost\/puente is not a PostgreSQL address/,
      ],
      ['not an address', /That is not a PostgreSQL address/],
      [
        `postgres://puente:${SECRET}@127.0.0.1:1/puente`,
        /Nothing answers at 127\.0\.0\.1:1: is PostgreSQL running there/,
      ],
      [
        `postgres://puente:${SECRET}@no-such-host.invalid:5432/puente`,
        /There is no machine named no-such-host\.invalid|no-such-host\.invalid cannot be looked up/,
      ],
    ];
    const missing = new URL(testPgUrl ?? '');
    missing.pathname = '/puente_move_no_such_database';
    tries.push([missing.toString(), /There is no database "puente_move_no_such_database" at .*createdb/]);
    for (const [url, said] of tries) {
      const out = recorder();
      expect(await moveCommand(config, url, out.say), url).toBe(1);
      expect(out.text()).toMatch(said);
      expect(out.text()).toContain('Nothing was changed.');
      expect(out.text()).not.toContain(SECRET);
      expect(out.text()).not.toMatch(/\n\s+at /);
    }

    // A database holding anything (here a table of someone else's) is not a place to move into.
    const full = await emptyDatabase();
    const other = await openPostgres(full, 1);
    await other.exec(`create table notes (id int); insert into notes values (1);`);
    const out = recorder();
    expect(await moveCommand(config, full, out.say)).toBe(1);
    expect(out.text()).toMatch(/already holds data: a program moves only into an empty database/);
    expect(
      await other.query(`select relname from pg_class where relnamespace = 'public'::regnamespace`),
    ).toEqual([{ relname: 'notes' }]);
    await other.close();

    // A program already on PostgreSQL has nothing embedded to move.
    const onPg = recorder();
    expect(await moveCommand({ ...config, databaseUrl: full }, full, onPg.say)).toBe(1);
    expect(onPg.text()).toMatch(/DATABASE_URL is set/);
    expect(await readdir(dataDir)).toEqual(before);
  });

  it('masks the password wherever an address names one', () => {
    expect(maskUrl('postgres://puente:s3cr%40t@db.example.org:5432/puente')).toBe(
      'postgres://puente:***@db.example.org:5432/puente',
    );
    expect(maskUrl('postgresql://db/puente?password=s3cret&sslmode=require')).toBe(
      'postgresql://db/puente?password=***&sslmode=require',
    );
    expect(maskUrl('postgres://puente@db/puente')).toBe('postgres://puente@db/puente');
  });

  it('moves PostgreSQL’s transaction ids on past a given one, and leaves them when they are past', async () => {
    const db = await openPostgres(await emptyDatabase(), 1);
    try {
      const next = async () =>
        BigInt(
          (await db.query<{ n: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as n'))[0]
            ?.n ?? 0,
        );
      const goal = (await next()) + 2500n;
      expect(await advanceTransactionIds(db, goal)).toBeGreaterThanOrEqual(2500n - 5n);
      expect(await next()).toBeGreaterThanOrEqual(goal);
      expect(await advanceTransactionIds(db, goal)).toBe(0n);
    } finally {
      await db.close();
    }
  });

  it('moves a program no server runs on: every row, the folder marked, the old database refused', {
    timeout: SLOW,
  }, async () => {
    const dataDir = join(root, 'stopped');
    const config = configFor(dataDir);
    const source = await openPglite(dataDir);
    await migrate(source);
    const h: Harness = {
      db: source,
      config,
      app: buildApp({ db: source, config, log }),
      testDb: {
        db: source,
        openAnother: () => Promise.reject(),
        openAs: () => Promise.reject(),
        drop: () => source.close(),
      },
    };
    await matrixWorld(h);
    await linkAllChains(source, auditSeal(config));
    const expected = await fingerprint(source);
    await source.close();

    const url = await emptyDatabase();
    const out = recorder();
    expect(await moveCommand(config, url, out.say), out.text()).toBe(0);
    expect(out.text()).toContain('no server runs on the folder: this command read it');
    expect(out.text()).toMatch(/Audit chain ok +\S+ +[\d,]+ events\n {2}Audit chain ok/);
    expect(out.text()).toContain(
      `Start Puente with the settings it has now, plus DATABASE_URL:\n\n  DATA_DIR=${dataDir} DATABASE_URL='${maskUrl(url)}' puente start`,
    );
    // The move's snapshot and its folder are gone; the mark is there.
    expect((await readdir(dataDir)).filter((f) => f.startsWith('.move-'))).toEqual([]);
    expect(await readdir(dataDir)).toContain(MOVED_FILE);

    const target = await openPostgres(url, 2);
    try {
      expect(await fingerprint(target)).toEqual(expected);
    } finally {
      await target.close();
    }
    await expect(openDatabase(config)).rejects.toThrow(
      /moved to PostgreSQL .* start Puente with DATABASE_URL/s,
    );
    const again = recorder();
    expect(await moveCommand(config, await emptyDatabase(), again.say)).toBe(1);
    expect(again.text()).toMatch(/moved to PostgreSQL/);
  });

  it('moves a running program: the server pauses, and a phone’s next sync gets exactly what changed', {
    timeout: SLOW,
  }, async () => {
    const dataDir = join(root, 'running');
    const config = configFor(dataDir);
    let old: RunningServer | undefined = await startServer(config, log);
    let next: RunningServer | undefined;
    try {
      const h: Harness = {
        db: old.db,
        config,
        app: buildApp({ db: old.db, config, log }),
        testDb: {
          db: old.db,
          openAnother: () => Promise.reject(),
          openAs: () => Promise.reject(),
          drop: async () => {},
        },
      };
      const world: World = await matrixWorld(h);
      const web = { app: overHttp(old.url) } as Harness;
      const phone = new SimDevice('phone', 'chw', world.owner.own.cookie, 0);
      // A caseload of some size on the phone: people it registered, each with a visit.
      for (let i = 0; i < 40; i++) phone.register(`Persona ${i}`, { familyName: 'Tallowmere' });
      phone.settle((await deliverPush(web, phone.pushRequest(40))).results);
      await pullAll(phone, web);
      for (const id of phone.clientIds().slice(0, 20)) phone.visit(id);
      phone.settle((await deliverPush(web, phone.pushRequest(20))).results);
      await pullAll(phone, web);
      const held = phone.rows.size;
      expect(held).toBeGreaterThan(80);
      expect(phone.outbox).toEqual([]);

      // After the phone's last pull: a change on the server, and one queued on the phone.
      const before = await expectOk(
        call(h.app, 'POST', `/api/clients/${world.person.own.clientId}/encounters`, {
          cookie: world.owner.own.cookie,
          body: visitBody(),
        }),
        'visit before the move',
      );
      const queued = phone.visit(phone.clientIds()[25] ?? '');

      // A move that fails after the server paused for it (the database was set up by a newer
      // Puente, which only the restore finds out): the server serves again, nothing lost.
      const newer = await emptyDatabase();
      const other = await openPostgres(newer, 1);
      await migrate(other);
      await other.query(
        `insert into schema_migration (version, name, checksum) values (9999, '9999_future', 'x')`,
      );
      await other.close();
      const failed = recorder();
      expect(await moveCommand(config, newer, failed.say)).toBe(1);
      expect(failed.text()).toMatch(/newer Puente .*\nThe program goes on on the embedded database/s);
      expect((await call(web.app, 'GET', '/api/health/ready')).status).toBe(200);
      expect((await readdir(dataDir)).filter((f) => f.startsWith('.move-') || f === MOVED_FILE)).toEqual([]);

      // A command that dies after the snapshot (Ctrl+C during the copy) never says how the move
      // ended: its connection closes, and the server serves again on its own.
      const abandoned = await mkdtemp(join(dataDir, '.move-'));
      const { answer, hangUp } = await askToMove(dataDir, abandoned);
      expect(answer).toMatchObject({ manifest: { engine: 'pglite', xids: { next: expect.any(String) } } });
      expect((await call(web.app, 'GET', '/api/health/ready')).status).toBe(503);
      hangUp();
      await expect.poll(async () => (await call(web.app, 'GET', '/api/health/ready')).status).toBe(200);
      await rm(abandoned, { recursive: true, force: true });

      const url = await emptyDatabase();
      const out = recorder();
      expect(await moveCommand(config, url, out.say), out.text()).toBe(0);
      const text = out.text();
      expect(text).toContain('the running server paused');
      expect(text).toMatch(/ sync_change +[\d,]+ +[\d,]+\n/);
      expect(text).not.toContain('DIFFERS');
      expect(text).toContain('Every count matches the snapshot');
      expect(text).toMatch(/Audit chain ok .*\n {2}Audit chain ok/);
      expect(text).toContain('Stop the server on the data folder now');
      expect(text).toContain(`DATA_DIR=${dataDir} DATABASE_URL='${maskUrl(url)}' puente start`);
      // The files the new program goes on using where they are: here the audit checkpoints.
      expect(text).toContain(`\n  ${dataDir}-audit-checkpoints.log`);

      // The old server answers, but takes nothing: the phone keeps its change.
      const refused = await call(web.app, 'POST', '/api/sync/push', {
        cookie: phone.cookie,
        body: { device: phone.id, mutations: [queued] },
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('60');
      // Its own words, in the caller's language: not "starting up or shutting down".
      expect(JSON.stringify(refused.body)).toContain('moving to a new database');
      const enEspanol = await call(web.app, 'GET', '/api/clients', {
        cookie: phone.cookie,
        headers: { 'accept-language': 'es-US' },
      });
      expect(JSON.stringify(enEspanol.body)).toContain('trasladando a una nueva base de datos');
      expect((await call(web.app, 'GET', '/api/health/live')).status).toBe(200);
      await old.stop();
      old = undefined;
      await expect(startServer(config, log)).rejects.toThrow(/moved to PostgreSQL/);

      next = await startServer({ ...config, databaseUrl: url }, log);
      const moved = { app: overHttp(next.url) } as Harness;
      const after = await expectOk(
        call(moved.app, 'POST', `/api/clients/${world.person.own.clientId}/encounters`, {
          cookie: world.owner.own.cookie,
          body: visitBody(),
        }),
        'visit after the move',
      );
      const pushed = await deliverPush(moved, phone.pushRequest(1));
      expect(pushed.results.map((r) => r.status)).toEqual(['applied']);
      phone.settle(pushed.results);
      const cursor = phone.cursor ?? '';
      const pages = await pullAll(phone, moved);
      expect(pages.map((p) => p.reset)).toEqual([false]);
      const got = keysOf(pages[0] as PullResponse);
      // Exactly what the sync log holds after the phone's position, for the people it holds.
      const seq = cursor.split('.')[1];
      const logged = await next.db.query<{ key: string }>(
        `select distinct sc.entity || '/' || sc.entity_id as key from sync_change sc
             join sync_holding h on h.client_id = sc.client_id and h.device_id = $1
            where sc.seq > $2::bigint order by 1`,
        [phone.id, seq],
      );
      expect(got).toEqual(logged.map((r) => r.key).sort());
      expect(got).toContain(`encounter/${String(before.id)}`);
      expect(got).toContain(`encounter/${String(after.id)}`);
      expect(got).toContain(`encounter/${queued.kind === 'encounter.record' ? queued.encounter.id : ''}`);
      expect(got.length).toBeLessThan(12);
      expect(phone.rows.size).toBeGreaterThan(held);
    } finally {
      await old?.stop();
      await next?.stop();
    }
  });
});
