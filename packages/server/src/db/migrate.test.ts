import { afterEach, describe, expect, it } from 'vitest';
import { engine, freshDatabase, type TestDatabase } from '../test/database.js';
import { loadMigrations, migrate } from './migrate.js';

let current: TestDatabase | undefined;
afterEach(async () => {
  await current?.drop();
  current = undefined;
});

describe('migrations', () => {
  it('apply once, then find nothing left to do', async () => {
    current = await freshDatabase({ migrated: false });
    const all = await loadMigrations();
    expect(await migrate(current.db)).toEqual(all.map((m) => m.name));
    expect(await migrate(current.db)).toEqual([]);
  });

  it('every table that holds program data carries org_id', async () => {
    current = await freshDatabase();
    const tables = await current.db.query<{ table_name: string }>(
      `select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'
          -- Not program data: sign-in counters are kept per address and for everyone, before anyone
          -- is known; a passkey challenge lives for minutes, often before the person is known either.
          and table_name not in ('organization', 'schema_migration', 'schema_backfill', 'schema_late_index', 'auth_limit', 'webauthn_challenge')
          and table_name not in (select table_name from information_schema.columns
                                  where table_schema = 'public' and column_name = 'org_id')`,
    );
    expect(tables).toEqual([]);
  });

  it('refuse to run when an applied migration was edited afterwards', async () => {
    current = await freshDatabase();
    const [first, ...rest] = await loadMigrations();
    if (!first) throw new Error('no migrations');
    const edited = [{ ...first, sql: `${first.sql}\n-- changed` }, ...rest];
    await expect(migrate(current.db, edited)).rejects.toThrow(/changed after it was applied/);
  });

  it('roll back whole when one fails, leaving the database as it was', async () => {
    current = await freshDatabase({ migrated: false });
    const broken = [
      { version: 1, name: '0001_ok', sql: 'create table a_ok (org_id uuid)' },
      { version: 2, name: '0002_broken', sql: 'create table a_broken (' },
    ];
    await expect(migrate(current.db, broken)).rejects.toThrow();
    const left = await current.db.query("select 1 from information_schema.tables where table_name = 'a_ok'");
    expect(left).toEqual([]);
  });

  it('two servers migrating one database at the same moment both succeed, and each migration runs once', async () => {
    current = await freshDatabase({ migrated: false });
    // On PostgreSQL a second pool is a second server; PGlite has a single connection.
    const second = engine === 'postgres' ? await current.openAnother() : current.db;
    const [a, b] = await Promise.all([migrate(current.db), migrate(second)]);
    const all = (await loadMigrations()).map((m) => m.name);
    expect([...a, ...b].sort()).toEqual(all.sort());
    const rows = await current.db.query<{ n: number }>('select count(*)::int as n from schema_migration');
    expect(rows[0]?.n).toBe(all.length);
  });
});
