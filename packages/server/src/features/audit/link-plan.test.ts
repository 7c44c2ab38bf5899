import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, freshDatabase, type TestDatabase } from '../../test/database.js';
import { type PlanNode, planOf } from '../../test/plans.js';
import { chainHeadSql, storedEventsSql, unlinkedWhere, waitingOrgsSql } from './link.js';

// The linker runs every couple of seconds in every server process, for as long as
// the program keeps its trail: its queries must read a few index entries however
// long the trail is, never sort it. A million events, as a program of a few
// hundred CHWs writes in some months; PGlite has the same planner, but a million
// rows in memory there is slow for nothing.
const EVENTS = 1_000_000;
const WAITING = 50;

describe.skipIf(engine !== 'postgres')('the audit linker on a long trail', () => {
  let t: TestDatabase;
  const orgId = randomUUID();

  const sorts = (all: PlanNode[]) => all.filter((n) => /Sort/.test(n['Node Type']));
  const tableScans = (all: PlanNode[]) =>
    all.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'audit_event');
  const indexes = (all: PlanNode[]) => all.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : []));
  /** Nodes that handled more rows than there are events waiting: a pass that reads the linked trail. */
  const beyondWaiting = (all: PlanNode[]) => all.filter((n) => (n['Actual Rows'] ?? 0) > WAITING);

  beforeAll(async () => {
    t = await freshDatabase();
    await t.db.query(`insert into organization (id, name) values ($1, 'A long trail')`, [orgId]);
    // Linked events 1…EVENTS, then a few committed but not yet linked.
    await t.db.query(
      `insert into audit_event (org_id, seq, at, action, link, prev_hash, hash)
       select $1, g, now(), 'client.viewed', g, 'prev', 'hash' from generate_series(1, $2::int) g`,
      [orgId, EVENTS],
    );
    await t.db.query(
      `insert into audit_event (org_id, seq, at, action)
       select $1, g, now(), 'client.viewed' from generate_series($2::int + 1, $2::int + $3::int) g`,
      [orgId, EVENTS, WAITING],
    );
    await t.db.query('analyze audit_event');
  }, 180_000);

  afterAll(async () => {
    await t?.drop();
  });

  it('holds the trail it is asked about', async () => {
    const [row] = await t.db.query<{ n: number }>(
      'select count(*)::int as n from audit_event where org_id = $1',
      [orgId],
    );
    expect(row?.n).toBe(EVENTS + WAITING);
  });

  it("reads the chain's head from the end of its index, without sorting the trail", async () => {
    const head = await planOf(t.db, chainHeadSql, [orgId]);
    expect(indexes(head)).toEqual(['audit_event_link_idx']);
    expect(sorts(head)).toEqual([]);
    expect(tableScans(head)).toEqual([]);
    expect(head.every((n) => n['Actual Rows'] === 1)).toBe(true);
    const [last] = await t.db.query<{ link: number }>(chainHeadSql, [orgId]);
    expect(Number(last?.link)).toBe(EVENTS);
  });

  // The planner may take the waiting from either index (both hold them apart from the
  // linked), and sort those few by seq: what matters is that it never touches the linked.
  it('reads only the waiting events, from an index', async () => {
    const batch = await planOf(t.db, storedEventsSql(unlinkedWhere), [orgId, 1000]);
    expect(indexes(batch).length).toBeGreaterThan(0);
    expect(tableScans(batch)).toEqual([]);
    expect(beyondWaiting(batch)).toEqual([]);
    const waiting = await planOf(t.db, waitingOrgsSql);
    expect(tableScans(waiting)).toEqual([]);
    expect(beyondWaiting(waiting)).toEqual([]);
  });

  it('would sort the whole trail if ordered by a cast of the link, as it was (the check can fail)', async () => {
    const before = await planOf(
      t.db,
      `select link::float8 as link, hash from audit_event
        where org_id = $1 and link is not null order by link desc limit 1`,
      [orgId],
    );
    expect(sorts(before).length).toBeGreaterThan(0);
    expect(beyondWaiting(before).length).toBeGreaterThan(0);
  });
});
