import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '../../db/sql/index.js';
import { seedOrg } from '../../test/app.js';
import { freshDatabase, type TestDatabase } from '../../test/database.js';
import { type PlanNode, planOf } from '../../test/plans.js';
import { changeStatements } from './pull.js';

// A program's change log of 30,000 writes (write g has seq g and is one of ten in transaction
// 1000 + g / 10, for person g % 5000); at the phone's last pull, writes 29,700 to 29,800 were
// still running. Every server connection prepares the pull's statements, and after five runs
// PostgreSQL may keep one plan for all values (a generic plan): it must not read the log.
const LOG = 30_000;
const SINCE = 300;
const HELD = 25;
/** The person of write `g` (an SQL expression), as the log names them. */
const person = (g: string) => `md5((${g} % 5000)::text)::uuid`;

/** Rows one step of the plan read from `table`, kept or filtered out, over all its loops. */
const read = (plan: PlanNode[], table: string) =>
  plan
    .filter((n) => n['Relation Name'] === table)
    .reduce(
      (n, step) =>
        n +
        ((step['Actual Rows'] ?? 0) +
          (step['Rows Removed by Filter'] ?? 0) +
          (step['Rows Removed by Index Recheck'] ?? 0)) *
          (step['Actual Loops'] ?? 1),
      0,
    );

describe('a pull reads the changes since its cursor, not the whole change log', () => {
  let t: TestDatabase;
  let orgId: string;
  const device = randomUUID();
  const top = String(LOG);
  const from = { seq: String(LOG - 200), xid: String(1_000 + (LOG - SINCE) / 10) };

  beforeAll(async () => {
    t = await freshDatabase();
    const org = await seedOrg(t.db, 'pull-plan');
    orgId = org.orgId;
    await t.db.query('insert into sync_device (id, org_id, user_id) values ($1, $2, $3)', [
      device,
      orgId,
      org.ids[org.chw],
    ]);
    // The phone holds the people of writes 29,700, 29,712, … 29,988: nine late, sixteen after.
    await t.db.query(
      `insert into sync_change (seq, org_id, client_id, entity, entity_id, xid) overriding system value
       select g, $1, ${person('g')}, 'encounter', gen_random_uuid(), (1000 + g / 10)::text::xid8
         from generate_series(1, $2::int) g`,
      [orgId, LOG],
    );
    await t.db.query(
      `insert into sync_holding (org_id, device_id, client_id, state)
       select $1, $2, ${person(`(${LOG - SINCE} + 12 * k)`)}, 'held' from generate_series(0, $3::int - 1) k`,
      [orgId, device, HELD],
    );
    await t.db.query('analyze sync_change');
    await t.db.query('analyze sync_holding');
  }, 120_000);

  afterAll(async () => {
    await t?.drop();
  });

  /** Whom the phone holds, as the pull reads them on the primary. */
  const held = async () =>
    (
      await t.db.query<{ id: string }>('select client_id as id from sync_holding where device_id = $1', [
        device,
      ])
    ).map((r) => r.id);

  /** The plan of `statement` as a prepared statement planned once for every value. */
  const genericPlan = (statement: Sql) =>
    t.db.transaction(async (tx) => {
      const literal = statement.values
        .map((v) => (Array.isArray(v) ? `'{${v.join(',')}}'` : `'${String(v)}'`))
        .join(', ');
      await tx.query(`select set_config('plan_cache_mode', 'force_generic_plan', true)`);
      await tx.query(`prepare pull_plan as ${statement.text}`);
      try {
        return await planOf(tx, `execute pull_plan(${literal})`);
      } finally {
        await tx.query('deallocate pull_plan');
      }
    });

  it('the writes still running at the last pull: those since its xid, found by the xid', async () => {
    const { late } = changeStatements(orgId, await held(), from, top, 100);
    expect(await t.db.query(late)).toHaveLength(9);
    expect(read(await genericPlan(late), 'sync_change')).toBeLessThanOrEqual(2 * SINCE);
  });

  it('the writes after the cursor: those after its seq', async () => {
    const { next } = changeStatements(orgId, await held(), from, top, 100);
    expect(await t.db.query(next)).toHaveLength(16);
    expect(read(await genericPlan(next), 'sync_change')).toBeLessThanOrEqual(2 * SINCE);
  });
});
