import { PuenteError } from '@puente/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, freshDatabase, type TestDatabase } from '../test/database.js';
import { lostPrimary, parseHosts, writableUrl } from './hosts.js';
import { openPostgres } from './postgres.js';
import type { Database } from './types.js';

describe('a DATABASE_URL with several hosts', () => {
  it('names each host with its port, 5432 when none is said, IPv6 in brackets', () => {
    const list = parseHosts('postgres://u:p%40ss@db1:5433,db2,[::1]:5434/puente?sslmode=require');
    expect(list.hosts).toEqual([
      { host: 'db1', port: 5433 },
      { host: 'db2', port: 5432 },
      { host: '::1', port: 5434 },
    ]);
    expect(list.hosts.map(list.urlFor)).toEqual([
      'postgres://u:p%40ss@db1:5433/puente?sslmode=require',
      'postgres://u:p%40ss@db2:5432/puente?sslmode=require',
      'postgres://u:p%40ss@[::1]:5434/puente?sslmode=require',
    ]);
  });

  it('looks for the host that takes writes when given several, and keeps target_session_attrs to itself', () => {
    const several = parseHosts('postgresql://u@a:1,b:2/db');
    expect(several.attrs).toBe('read-write');
    const said = parseHosts('postgres://u@a:1/db?target_session_attrs=primary&application_name=puente');
    expect(said.attrs).toBe('primary');
    expect(said.urlFor({ host: 'a', port: 1 })).toBe('postgres://u@a:1/db?application_name=puente');
    // One host and nothing asked: connected to as before, without a probe.
    expect(parseHosts('postgres://u@a/db').attrs).toBe('any');
  });

  it('refuses what the pool that writes cannot use, without quoting the password', () => {
    const refusals = [
      'postgres://u:secret@a:1,b:2/db?target_session_attrs=read-only',
      'postgres://u:secret@a:99999/db',
      'postgres://u:secret@a:1,,b/db',
      'mysql://u:secret@a/db',
    ].map((url) => {
      try {
        parseHosts(url);
        return 'taken';
      } catch (error) {
        return (error as Error).message;
      }
    });
    for (const message of refusals) {
      expect(message).toMatch(/^DATABASE_URL/);
      expect(message).not.toContain('secret');
    }
  });

  it('knows a lost primary from a refusal of the statement itself', () => {
    expect(lostPrimary({ code: '25006' })).toBe(true);
    expect(lostPrimary({ code: '57P01' })).toBe(true);
    expect(lostPrimary({ code: '08006' })).toBe(true);
    expect(lostPrimary({ code: 'ECONNREFUSED' })).toBe(true);
    expect(lostPrimary(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(lostPrimary({ code: '23505' })).toBe(false);
    expect(lostPrimary({ code: '40001' })).toBe(false);
    expect(lostPrimary(new PuenteError(404, 'errors.notFound'))).toBe(false);
  });
});

describe.skipIf(engine !== 'postgres')('work cut off by a lost connection', () => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await freshDatabase({ migrated: false });
    if (!testDb.url) throw new Error('the PostgreSQL test database has no URL');
    // The first host of the list answers nothing (a closed port): the second one is used.
    const url = new URL(testDb.url);
    db = await openPostgres(
      `${testDb.url.replace(`@${url.host}`, `@127.0.0.1:1,${url.host}`)}?target_session_attrs=read-write`,
      3,
    );
    await db.exec(`
      create table kept (id int primary key);
      create function end_own_connection() returns trigger language plpgsql as $$
        begin perform pg_terminate_backend(pg_backend_pid()); return null; end $$;
      create table cut_at_commit (id int primary key);
      -- Runs at COMMIT, so the connection ends while COMMIT is on its way.
      create constraint trigger cut after insert on cut_at_commit
        deferrable initially deferred for each row execute function end_own_connection();
    `);
  });
  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const count = async (table: string) =>
    Number((await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n);

  it('runs a transaction once more when its connection ended before COMMIT, and keeps it once', async () => {
    let runs = 0;
    const result = await db.transaction(async (tx) => {
      runs++;
      await tx.query('insert into kept values (1)');
      if (runs === 1) await tx.query('select pg_terminate_backend(pg_backend_pid())');
      return 'done';
    });
    expect({ result, runs, rows: await count('kept') }).toEqual({ result: 'done', runs: 2, rows: 1 });
  });

  it('notices a cut the work swallowed, and does not commit what is left', async () => {
    let runs = 0;
    await db.transaction(async (tx) => {
      runs++;
      await tx.query('insert into kept values (2)');
      if (runs === 1) await tx.query('select pg_terminate_backend(pg_backend_pid())').catch(() => {});
    });
    expect({ runs, rows: await count('kept') }).toEqual({ runs: 2, rows: 2 });
  });

  it('tries once more only: a second cut answers 503 "switching", nothing saved', async () => {
    let runs = 0;
    const outcome = db.transaction(async (tx) => {
      runs++;
      await tx.query('insert into kept values (3)');
      await tx.query('select pg_terminate_backend(pg_backend_pid())');
    });
    await expect(outcome).rejects.toMatchObject({
      status: 503,
      key: 'errors.databaseSwitching',
      extra: { retryAfterSeconds: 5 },
    });
    expect({ runs, rows: await count('kept') }).toEqual({ runs: 2, rows: 2 });
  });

  it('never repeats a COMMIT that was cut off: 503, the outcome not known', async () => {
    let runs = 0;
    const outcome = db.transaction(async (tx) => {
      runs++;
      await tx.query('insert into cut_at_commit values (1)');
    });
    await expect(outcome).rejects.toMatchObject({ status: 503, key: 'errors.changeNotConfirmed' });
    expect(runs).toBe(1);
    // The pool found its primary again for the next caller.
    expect(await count('kept')).toBe(2);
  });

  it('gives a connection of its own (LISTEN) the host that takes writes, not the first named', async () => {
    const url = new URL(testDb.url ?? '');
    const several = `${testDb.url?.replace(`@${url.host}`, `@127.0.0.1:1,${url.host}`)}`;
    expect(await writableUrl(several)).toBe(
      `${url.protocol}//${url.username}:${url.password}@${url.host}${url.pathname}`,
    );
    await expect(writableUrl(`postgres://puente@127.0.0.1:1,127.0.0.1:2/none`)).rejects.toMatchObject({
      status: 503,
      key: 'errors.databaseSwitching',
    });
  });

  it('leaves a refusal of the work itself alone: rolled back, not repeated', async () => {
    let runs = 0;
    const outcome = db.transaction(async (tx) => {
      runs++;
      await tx.query('insert into kept values (4)');
      await tx.query('insert into kept values (1)');
    });
    await expect(outcome).rejects.toMatchObject({ code: '23505' });
    expect({ runs, rows: await count('kept') }).toEqual({ runs: 1, rows: 2 });
  });
});
