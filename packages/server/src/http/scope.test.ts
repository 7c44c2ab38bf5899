import { describe, expect, it } from 'vitest';
import { useApp } from '../test/app.js';
import type { Scope } from './env.js';
import { singleWrite } from './scope.js';

const h = useApp();
const context = () => {
  const scope: Scope = {
    db: h.db,
    actor: { userId: 'u', orgId: 'o', role: 'chw', locale: 'es', sessionHash: 'h' },
    ip: '127.0.0.1',
    locale: 'es',
    requestId: 'r',
  };
  return { get: (_key: 'scope') => scope };
};

describe('singleWrite', () => {
  it('hands the service the database for one write and any reads', async () => {
    const answer = await singleWrite(context(), async (db) => {
      await db.query('update organization set name = name where false');
      const [row] = await db.query<{ n: number }>('select 1 as n');
      return row?.n;
    });
    expect(answer).toBe(1);
  });

  it('refuses a second statement that writes: it would not be kept together with the first', async () => {
    await expect(
      singleWrite(context(), async (db) => {
        await db.query('update organization set name = name where false');
        await db.query('delete from organization where false');
      }),
    ).rejects.toThrow(/second statement that writes/);
    await expect(singleWrite(context(), (db) => db.exec('begin'))).rejects.toThrow(/exec/);
    // The same statement sent again (after a lost primary cut it off) is still the one write.
    await singleWrite(context(), async (db) => {
      await db.query('update organization set name = name where false');
      await db.query('update organization set name = name where false');
    });
  });
});
