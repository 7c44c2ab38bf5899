import { Writable } from 'node:stream';
import { uuidv7 } from '@puente/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { engine, freshDatabase, type TestDatabase } from '../test/database.js';
import { encounterMonthDrift } from '../test/rollups.js';
import type { Backfill } from './backfill.js';
import { companions } from './backfills/index.js';
import { checksumOf, loadMigrations, type Migration, migrate } from './migrate.js';
import type { Database } from './types.js';

// Back-fills in batches (backfill.ts), through 0010's monthly counts: a database
// made before 0010 holding people and encounters, then brought up to date.
let current: TestDatabase | undefined;
afterEach(async () => {
  await current?.drop();
  current = undefined;
});

const PEOPLE = 23;
const BATCH = 4;
/** Batches a walk of PEOPLE people takes: the last one finds fewer than BATCH. */
const BATCHES = Math.floor(PEOPLE / BATCH) + 1;

/** A database as it stood before 0010 (every migration before it), holding PEOPLE people and their encounters. */
async function beforeRollups(): Promise<{ db: TestDatabase; all: Migration[] }> {
  const db = await freshDatabase({ migrated: false });
  const all = await loadMigrations();
  await migrate(
    db.db,
    all.filter((m) => m.version < 10),
  );
  const orgId = uuidv7();
  const chw = uuidv7();
  await db.db.query(`insert into organization (id, name) values ($1, 'Before the counts')`, [orgId]);
  // Months in Chicago's zone, not the default one: the back-fill must count in the program's zone.
  await db.db.query(`insert into program_setting (org_id, time_zone) values ($1, 'America/Chicago')`, [
    orgId,
  ]);
  await db.db.query(
    `insert into app_user (id, org_id, email, display_name, role, password_hash)
     values ($1, $2, 'chw@before.test', 'CHW', 'chw', 'x')`,
    [chw, orgId],
  );
  for (let i = 0; i < PEOPLE; i++) {
    const client = uuidv7();
    await db.db.query(
      `insert into client (id, org_id, given_name, name_folded, preferred_language, created_by)
       values ($1, $2, $3, $3, 'es', $4)`,
      [client, orgId, `p${i}`, chw],
    );
    // Some people have no encounter; the others up to six, across months and month edges.
    await db.db.query(
      `insert into encounter (id, org_id, client_id, author_id, kind, occurred_at, language)
       select gen_random_uuid(), $1, $2, $3, 'home-visit',
              timestamptz '2026-01-31 23:30:00-06' + (n * ($4::int + 3)) * interval '9 days', 'es'
         from generate_series(1, $4::int % 7) n`,
      [orgId, client, chw, i],
    );
  }
  return { db, all };
}

const progress = async (db: Database, version: number) =>
  (
    await db.query<{ batches: number; done: boolean; cursor: string | null }>(
      'select batches, done_at is not null as done, cursor from schema_backfill where version = $1',
      [version],
    )
  )[0];

// Each test starts a new database and migrates it, which takes seconds on a busy machine.
describe('a migration’s back-fill', { timeout: 120_000 }, () => {
  it('counts the months of everyone already there, in batches, after the schema change commits', async () => {
    const { db, all } = await beforeRollups();
    current = db;
    expect(await migrate(db.db, all, { batchSize: BATCH })).toEqual(
      all.filter((m) => m.version >= 10).map((m) => m.name),
    );
    const counts = await encounterMonthDrift(db.db);
    expect(counts.rows).toBeGreaterThan(PEOPLE);
    expect(counts.wrong).toBe(0);
    expect(await progress(db.db, 10)).toMatchObject({ batches: BATCHES, done: true });
  });

  it('says in the log when it starts, how far it got and when it is done, with no one’s data', async () => {
    const { db, all } = await beforeRollups();
    current = db;
    const lines: Record<string, unknown>[] = [];
    const captured = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    });
    // Progress after every batch (an interval of 0) rather than every ten seconds: no clock in the test.
    await migrate(db.db, all, { batchSize: BATCH, log: createLogger('info', captured), progressEveryMs: 0 });
    const rollups = all.find((m) => m.version === 10)?.name;
    const mine = lines.filter((l) => l.migration === rollups);
    expect(mine.map((l) => l.msg)).toEqual([
      'back-fill started',
      ...Array.from({ length: BATCHES - 1 }, () => 'back-fill progress'),
      'back-fill done',
    ]);
    expect(mine[0]).toMatchObject({ batchSize: BATCH, batchesBefore: 0 });
    expect(mine.slice(1, -1).map((l) => [l.batches, l.rows])).toEqual(
      Array.from({ length: BATCHES - 1 }, (_, i) => [i + 1, (i + 1) * BATCH]),
    );
    expect(mine.at(-1)).toMatchObject({ batches: BATCHES });
    // Every back-fill that ran says so, each in its own lines; no one's name or email is in any.
    expect(lines.filter((l) => l.msg === 'back-fill done').length).toBeGreaterThanOrEqual(1);
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/chw@before\.test|"p\d+"/);
  });

  it('goes on from the last batch that committed when a start stops halfway, and nothing after it runs meanwhile', async () => {
    const { db, all } = await beforeRollups();
    current = db;
    const rollups = all.find((m) => m.version === 10);
    if (!rollups?.backfill) throw new Error('0010 has no back-fill');
    const real = rollups.backfill;
    const starts: (string | null)[] = [];
    const crashing: Backfill = {
      batchSize: real.batchSize,
      async batch(tx, after, size) {
        starts.push(after);
        if (starts.length === 3) throw new Error('the machine lost power');
        return real.batch(tx, after, size);
      },
    };
    const first = all.map((m) => (m === rollups ? { ...m, backfill: crashing } : m));
    await expect(migrate(db.db, first, { batchSize: BATCH })).rejects.toThrow('the machine lost power');
    const halfway = await progress(db.db, 10);
    expect(halfway).toMatchObject({ batches: 2, done: false });
    const applied = await db.db.query<{ version: number }>(
      'select version from schema_migration where version > 10',
    );
    expect(applied).toEqual([]);

    const resumed: (string | null)[] = [];
    const watched: Backfill = {
      batchSize: real.batchSize,
      batch: (tx, after, size) => {
        resumed.push(after);
        return real.batch(tx, after, size);
      },
    };
    const second = all.map((m) => (m === rollups ? { ...m, backfill: watched } : m));
    expect(await migrate(db.db, second, { batchSize: BATCH })).toEqual(
      all.filter((m) => m.version > 10).map((m) => m.name),
    );
    expect(resumed[0]).toBe(halfway?.cursor);
    expect(resumed).toHaveLength(BATCHES - 2);
    expect(await progress(db.db, 10)).toMatchObject({ batches: BATCHES, done: true });
    expect((await encounterMonthDrift(db.db)).wrong).toBe(0);
  });

  it('is shared by two servers starting together: every batch runs once', async () => {
    const { db, all } = await beforeRollups();
    current = db;
    // On PostgreSQL a second pool is a second server; PGlite has a single connection.
    const second = engine === 'postgres' ? await db.openAnother() : db.db;
    const [a, b] = await Promise.all([
      migrate(db.db, all, { batchSize: BATCH }),
      migrate(second, all, { batchSize: BATCH }),
    ]);
    expect([...a, ...b].sort()).toEqual(all.filter((m) => m.version >= 10).map((m) => m.name));
    expect(await progress(db.db, 10)).toMatchObject({ batches: BATCHES, done: true });
    expect((await encounterMonthDrift(db.db)).wrong).toBe(0);
  });

  it('is skipped by a database that applied an accepted earlier text of its migration, and any other text is refused', async () => {
    current = await freshDatabase({ migrated: false });
    const earlier = { version: 1, name: '0001_notes', sql: 'create table note_a (org_id uuid, body text)' };
    await migrate(current.db, [earlier]);
    const batches: (string | null)[] = [];
    const rewritten: Migration = {
      ...earlier,
      sql: 'create table note_a (org_id uuid, body text);\n-- its back-fill moved out',
      backfill: {
        batchSize: 10,
        batch: async (_tx, after) => {
          batches.push(after);
          return null;
        },
      },
    };
    await expect(migrate(current.db, [rewritten])).rejects.toThrow(/changed after it was applied/);
    const accepted = { ...rewritten, earlierChecksums: { [checksumOf(earlier.sql)]: 'the same table' } };
    expect(await migrate(current.db, [accepted])).toEqual([]);
    expect(batches).toEqual([]);
    expect(await current.db.query('select 1 from schema_backfill')).toEqual([]);
  });

  it('is registered under the name of a migration file that exists', async () => {
    const names = (await loadMigrations()).map((m) => m.name);
    expect(Object.keys(companions).filter((name) => !names.includes(name))).toEqual([]);
  });

  it('left unfinished by a version that knew it stops a version that does not, before anything else runs', async () => {
    current = await freshDatabase({ migrated: false });
    const known = { version: 1, name: '0001_a', sql: 'create table t_a (org_id uuid)' };
    await migrate(current.db, [known]);
    await current.db.query(`insert into schema_backfill (version, name) values (1, '0001_a')`);
    const later = { version: 2, name: '0002_b', sql: 'create table t_b (org_id uuid)' };
    await expect(migrate(current.db, [known, later])).rejects.toThrow(/0001_a left a back-fill/);
    expect(await current.db.query("select 1 from schema_migration where name = '0002_b'")).toEqual([]);
  });
});
