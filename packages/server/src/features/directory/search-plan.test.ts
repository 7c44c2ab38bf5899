import { DirectorySearchQuery } from '@puente/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/types.js';
import { seedOrg } from '../../test/app.js';
import { freshDatabase, type TestDatabase } from '../../test/database.js';
import { type PlanNode, planOf } from '../../test/plans.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';
import { places, sampleDirectory } from './sample-directory.js';
import { searchDirectory } from './search.js';

// The lexicon gives an entry a concept's token together with its need's ("despensa" is
// c_food_pantry, c_groceries and need_food, and a pantry holds all three), but the planner
// reckons each lexeme on its own. Near Fresno the search looked further away for entries
// holding exactly one of the three, because the ring held none; there are none anywhere, and
// at 100,000 services proving it ran as a parallel sequential scan of every entry, the
// planner expecting a fifth of them (p95 114 ms). The sample directory copied a few hundred
// times, half near the point and half far from it, gives the planner the same statistics.
const COPIES = 150;
const FRESNO = { lat: 36.74, lng: -119.79 };

/** A page's statement as the search sends it, with its parameters and the plan it ran with. */
interface Sent {
  sql: string;
  params: readonly unknown[];
  plan: PlanNode[];
}

/** The database as the search sees it, planning each page's statement where it runs (same transaction, same settings). */
function explaining(db: Database, sent: Sent[]): Database {
  return {
    ...db,
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          exec: (sql) => tx.exec(sql),
          query: async (sql, params = []) => {
            if (typeof sql === 'string' && sql.startsWith('with ')) {
              sent.push({ sql, params, plan: await planOf(tx, sql, params) });
            }
            return tx.query(sql, params);
          },
        }),
      ),
  };
}

const entryScans = (plan: PlanNode[]) =>
  plan.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'directory_entry');
const parallel = (plan: PlanNode[]) => plan.filter((n) => /Gather/.test(n['Node Type']));
/** The most entries one step of the plan read from the table, kept or not. */
const mostEntriesRead = (plan: PlanNode[]) =>
  Math.max(
    0,
    ...plan
      .filter((n) => n['Relation Name'] === 'directory_entry')
      .map(
        (n) =>
          ((n['Actual Rows'] ?? 0) +
            (n['Rows Removed by Filter'] ?? 0) +
            (n['Rows Removed by Index Recheck'] ?? 0)) *
          (n['Actual Loops'] ?? 1),
      ),
  );

describe('the directory search plans its pages from the indexes', () => {
  let t: TestDatabase;
  let orgId: string;

  beforeAll(async () => {
    t = await freshDatabase();
    ({ orgId } = await seedOrg(t.db, 'dir-plan'));
    await importDirectory(t.db, orgId, readJson(sampleDirectory(), 'sample.json'));
    // Each place again COPIES times within a kilometre or so, and COPIES times 100 to 600 km away.
    await t.db.query(
      `insert into directory_entry (org_id, id, service_id, location_id, name_folded, document, categories,
          languages, cost, min_age, max_age, latitude, longitude, postal_code, week_hours, last_verified_at)
       select org_id, id || '-' || g, service_id || '-' || g, location_id, name_folded, document, categories,
              languages, cost, min_age, max_age,
              case when g <= $2 then latitude + (g % 10 - 5) * 0.001 else latitude + 1 + (g % 20) * 0.25 end,
              case when g <= $2 then longitude + (g / 10 % 10 - 5) * 0.001 else longitude - 2 + (g / 20 % 20) * 0.25 end,
              postal_code, week_hours, last_verified_at
         from directory_entry, generate_series(1, 2 * $2::int) g where org_id = $1`,
      [orgId, COPIES],
    );
    await t.db.query(
      `insert into directory_card (org_id, id, service_id, card)
       select org_id, id || '-' || g, service_id || '-' || g, card
         from directory_card, generate_series(1, 2 * $2::int) g where org_id = $1`,
      [orgId, COPIES],
    );
    await t.db.query('analyze directory_entry');
    await t.db.query('analyze directory_card');
  }, 120_000);

  afterAll(async () => {
    await t?.drop();
  });

  const sentFor = async (query: Record<string, unknown>) => {
    const sent: Sent[] = [];
    const page = await searchDirectory(explaining(t.db, sent), orgId, DirectorySearchQuery.parse(query));
    return { page, sent };
  };

  it('holds the copies it plans over', async () => {
    const [row] = await t.db.query<{ n: number }>(
      'select count(*)::int as n from directory_entry where org_id = $1',
      [orgId],
    );
    expect(row?.n).toBe(places.length * (2 * COPIES + 1));
  });

  // Nothing within 10 km of this point: every level looks further, the empty one too.
  const NOWHERE = { lat: 36.2, lng: -121.4 };

  it.each([
    ['near a point with matches around it', FRESNO],
    ['near a point with none around it', NOWHERE],
  ])('"despensa" %s: no sequential or parallel scan of the entries', async (_where, point) => {
    const { page, sent } = await sentFor({ q: 'despensa', ...point, limit: 5 });
    expect(page.results.length).toBe(5);
    expect(sent.length).toBeGreaterThan(0);
    for (const { sql, plan } of sent) {
      expect(sql).toContain('near as materialized');
      expect(entryScans(plan)).toEqual([]);
      expect(parallel(plan)).toEqual([]);
    }
  });

  /** The entries within RING_KM of Fresno: the sample and its near copies. */
  const nearFresno = () => places.length * (COPIES + 1);

  it('finds "despensa" near a point among the entries there, without looking further for a level it does not need', async () => {
    const { page, sent } = await sentFor({ q: 'despensa', ...FRESNO, limit: 5 });
    expect(page.results.map((r) => r.needs.includes('food'))).toEqual([true, true, true, true, true]);
    const [first] = sent;
    if (!first) throw new Error('no page statement');
    expect(first.sql).toContain('near as materialized');
    expect(mostEntriesRead(first.plan)).toBeLessThanOrEqual(nearFresno());
  });

  it('would read the entries far away as well, counting only the level itself, as it did (the check can fail)', async () => {
    const { sent } = await sentFor({ q: 'despensa', ...FRESNO, limit: 5 });
    const [first] = sent;
    if (!first) throw new Error('no page statement');
    const before = first.sql.replaceAll('from near where level >= ', 'from near where level = ');
    expect(before).not.toBe(first.sql);
    const plan = await t.db.transaction(async (tx) => {
      await tx.query(`select set_config('enable_seqscan', 'off', true)`);
      return planOf(tx, before, first.params);
    });
    expect(mostEntriesRead(plan)).toBeGreaterThan(nearFresno());
  });

  it('would read every entry with the planner left to its estimates, as it did (the check can fail)', async () => {
    const { sent } = await sentFor({ q: 'despensa', ...NOWHERE, limit: 5 });
    const [first] = sent;
    if (!first) throw new Error('no page statement');
    const plan = await planOf(t.db, first.sql, first.params);
    expect(entryScans(plan).length).toBeGreaterThan(0);
  });
});
