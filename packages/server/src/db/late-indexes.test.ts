import { afterEach, describe, expect, it } from 'vitest';
import { engine, freshDatabase, type TestDatabase } from '../test/database.js';
import { type Migration, migrate } from './migrate.js';

// Indexes a migration builds after it commits (late-indexes.ts), on migrations of the test's own.
let current: TestDatabase | undefined;
afterEach(async () => {
  await current?.drop();
  current = undefined;
});

const step = (version: number, sql: string, extra: Partial<Migration> = {}): Migration => ({
  version,
  name: `000${version}_step`,
  sql,
  ...extra,
});

const indexState = async (db: TestDatabase, name: string) =>
  (
    await db.db.query<{ valid: boolean; built: boolean }>(
      `select (select x.indisvalid from pg_index x where x.indexrelid = to_regclass($1)) as valid,
              (select built_at is not null from schema_late_index where name = $1) as built`,
      [name],
    )
  )[0];

describe(`late indexes (${engine})`, () => {
  it('are built once their migration commits, before the next migration, and never again', async () => {
    current = await freshDatabase({ migrated: false });
    const all = [
      step(1, 'create table t (a int); insert into t select g from generate_series(1, 1000) g;', {
        indexes: [{ name: 't_a_idx', unique: true, on: 't (a)' }],
      }),
      // Needs the index: a later migration sees its migration's schema whole.
      step(2, `create table u as select indexname from pg_indexes where indexname = 't_a_idx';`),
    ];
    expect(await migrate(current.db, all)).toEqual(['0001_step', '0002_step']);
    expect(await indexState(current, 't_a_idx')).toEqual({ valid: true, built: true });
    expect(await current.db.query('select indexname from u')).toEqual([{ indexname: 't_a_idx' }]);
    await expect(current.db.query('insert into t values (1)')).rejects.toThrow(/duplicate key/);
    expect(await migrate(current.db, all)).toEqual([]);
  });

  it('a build that failed is tried again at the next start, and then holds', async () => {
    current = await freshDatabase({ migrated: false });
    const all = [
      step(1, 'create table t (a int); insert into t values (1), (1), (2);', {
        indexes: [{ name: 't_a_idx', unique: true, on: 't (a)' }],
      }),
      step(2, 'create table u (b int);'),
    ];
    await expect(migrate(current.db, all)).rejects.toThrow(/t_a_idx|duplicate|unique/i);
    // Refused whole at the next step: the migration after it waits for the index.
    expect(await current.db.query(`select to_regclass('u') is null as waits`)).toEqual([{ waits: true }]);
    if (engine === 'postgres') {
      // A concurrent build that failed leaves its index behind, invalid.
      expect(await indexState(current, 't_a_idx')).toEqual({ valid: false, built: false });
    }
    await current.db.query('delete from t where ctid = (select max(ctid) from t where a = 1)');
    expect(await migrate(current.db, all)).toEqual(['0002_step']);
    expect(await indexState(current, 't_a_idx')).toEqual({ valid: true, built: true });
  });

  it('a start refuses an index it does not know, left due by another version', async () => {
    current = await freshDatabase({ migrated: false });
    const all = [step(1, 'create table t (a int);')];
    await migrate(current.db, all);
    await current.db.query(`insert into schema_late_index (name, version) values ('t_newer_idx', 1)`);
    await expect(migrate(current.db, all)).rejects.toThrow(
      'Migration 0001_step left an index (t_newer_idx) this version of Puente cannot build',
    );
  });

  it.runIf(engine === 'postgres')('the table takes writes while its late index is built', async () => {
    current = await freshDatabase({ migrated: false });
    const { db } = current;
    // Each row costs the build a fifth of a second: long enough to write during it.
    const all = [
      step(
        1,
        `create function slow(n int) returns int language plpgsql immutable as $$
           begin perform pg_sleep(0.2); return n; end $$;
         create table t (a int);
         insert into t select g from generate_series(1, 10) g;`,
        { indexes: [{ name: 't_slow_idx', on: 't (slow(a))' }] },
      ),
    ];
    const building = async () => {
      const [row] = await db.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where state = 'active' and query like 'create index%t_slow_idx%'`,
      );
      return (row?.n ?? 0) > 0;
    };
    const migrating = migrate(db, all);
    while (!(await building())) await new Promise((resolve) => setTimeout(resolve, 20));
    // A build that locks the table out would hold this insert until it ended.
    await db.transaction((tx) => tx.query('insert into t values (11)'));
    expect(await building()).toBe(true);
    await migrating;
    expect(await indexState(current, 't_slow_idx')).toEqual({ valid: true, built: true });
    expect(await db.query('select count(*)::int as n from t')).toEqual([{ n: 11 }]);
  });
});
