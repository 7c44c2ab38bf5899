import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../test/database.js';
import { countingStatements } from './counted.js';
import { sql } from './sql/index.js';
import type { Database } from './types.js';

let t: TestDatabase;
let db: Database;
let sent = 0;

beforeAll(async () => {
  t = await freshDatabase({ migrated: false });
  db = countingStatements(t.db, (n) => {
    sent += n;
  });
});

afterAll(async () => {
  await t?.drop();
});

describe('statements counted', () => {
  it('counts each query, and a transaction’s begin and commit, and answers as the database does', async () => {
    sent = 0;
    expect(await db.query<{ n: number }>('select 1 as n')).toEqual([{ n: 1 }]);
    expect(await db.query<{ n: number }>(sql`select ${2}::int as n`)).toEqual([{ n: 2 }]);
    expect(sent).toBe(2);
    const inside = await db.transaction(async (tx) => {
      await tx.query('select 1');
      return tx.query<{ n: number }>('select 3 as n');
    });
    expect(inside).toEqual([{ n: 3 }]);
    expect(sent).toBe(2 + 2 + 2);
    expect(db.kind).toBe(t.db.kind);
  });

  it('counts a transaction that fails, which still began and ended', async () => {
    sent = 0;
    await expect(db.transaction((tx) => tx.query('select 1/0'))).rejects.toThrow();
    expect(sent).toBe(3);
  });
});
