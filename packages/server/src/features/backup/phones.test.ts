import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PullResponse } from '@puente/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import type { Database } from '../../db/types.js';
import { createLogger } from '../../log.js';
import { type Harness, useApp } from '../../test/app.js';
import { freshDatabase, type TestDatabase } from '../../test/database.js';
import { call } from '../../test/http.js';
import { expectOk, matrixWorld, visitBody, type World } from '../../test/matrix-world.js';
import { deliverPull, deliverPush, SimDevice } from '../sync/sim-device.js';
import { takeBackup } from './backup.js';
import { restoreBackup } from './restore.js';

// Phones' sync positions across `puente restore`, on the engine this run tests: a phone
// synced before the backup goes on from its position; one synced after it starts over.
// Each restore migrates a database from nothing, hence the long limits.
const SLOW = 180_000;

const h = useApp();
const key = randomBytes(32);
const log = createLogger('silent');
let w: World;
let dir: string;
const targets: TestDatabase[] = [];

beforeAll(async () => {
  w = await matrixWorld(h);
  dir = await mkdtemp(join(tmpdir(), 'puente-phones-'));
}, SLOW);

afterEach(async () => {
  await Promise.all(targets.splice(0).map((t) => t.drop()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The app on a database, with the same configuration (sessions and keys) as the source's. */
const serverOn = (db: Database) => ({ app: buildApp({ db, config: h.config, log }) }) as Harness;

async function pullAll(phone: SimDevice, server: Harness): Promise<PullResponse[]> {
  const pages: PullResponse[] = [];
  do {
    const page = await deliverPull(server, phone.pullRequest(200));
    phone.store(page);
    pages.push(page);
  } while (pages.at(-1)?.more);
  return pages;
}

const keysOf = (pages: PullResponse[]) =>
  [...new Set(pages.flatMap((p) => p.rows.map((r) => `${r.entity}/${r.id}`)))].sort();

/** What the sync log holds after a position, for the people the phone holds: exactly what it should pull. */
async function loggedAfter(db: Database, phone: SimDevice, cursor: string): Promise<string[]> {
  const rows = await db.query<{ key: string }>(
    `select distinct sc.entity || '/' || sc.entity_id as key from sync_change sc
         join sync_holding h on h.client_id = sc.client_id and h.device_id = $1
        where sc.seq > $2::bigint order by 1`,
    [phone.id, cursor.split('.')[1]],
  );
  return rows.map((r) => r.key).sort();
}

const visit = async (server: Harness, what: string) =>
  String(
    (
      await expectOk(
        call(server.app, 'POST', `/api/clients/${w.person.own.clientId}/encounters`, {
          cookie: w.owner.own.cookie,
          body: visitBody(),
        }),
        what,
      )
    ).id,
  );

/** A phone with a caseload of its own (people it registered, some visited), fully synced. */
async function syncedPhone(name: string): Promise<SimDevice> {
  const phone = new SimDevice(name, 'chw', w.owner.own.cookie, 0);
  for (let i = 0; i < 12; i++) phone.register(`Persona ${name} ${i}`, { familyName: 'Tallowmere' });
  phone.settle((await deliverPush(h, phone.pushRequest(12))).results);
  await pullAll(phone, h);
  for (const id of phone.clientIds().slice(0, 6)) phone.visit(id);
  phone.settle((await deliverPush(h, phone.pushRequest(6))).results);
  await pullAll(phone, h);
  expect(phone.outbox).toEqual([]);
  return phone;
}

/** Everything a phone new to the restored server pulls: what a phone that starts over must end up holding. */
async function wholeCopy(server: Harness): Promise<string[]> {
  const fresh = new SimDevice('fresh', 'chw', w.owner.own.cookie, 0);
  await pullAll(fresh, server);
  return [...fresh.rows.entries()].map(([k, row]) => `${k} ${JSON.stringify(row)}`).sort();
}
const heldBy = (phone: SimDevice) =>
  [...phone.rows.entries()].map(([k, row]) => `${k} ${JSON.stringify(row)}`).sort();

describe('phones after puente restore', () => {
  it(
    'a phone synced before the backup pulls exactly what changed after its position, then goes on',
    async () => {
      const phone = await syncedPhone('before');
      const held = phone.rows.size;
      const beforeBackup = await visit(h, 'visit before the backup');
      const backup = await takeBackup(h.db, key, dir);
      if (!backup) throw new Error('no backup');
      expect(backup.manifest.xids?.next).toMatch(/^\d+$/);

      const target = await freshDatabase({ migrated: false });
      targets.push(target);
      const report = await restoreBackup(target.db, backup.file, key);
      expect(report.xidsSpent).toBeDefined();
      expect(report.phonesReset).toBe(0);
      // Past the backup's ids: every transaction from now on is newer than anything restored.
      const [next] = await target.db.query<{ next: string }>(
        'select pg_snapshot_xmax(pg_current_snapshot())::text as next',
      );
      expect(BigInt(next?.next ?? 0)).toBeGreaterThanOrEqual(BigInt(backup.manifest.xids?.next ?? 0));

      const restored = serverOn(target.db);
      const afterRestore = await visit(restored, 'visit after the restore');
      const cursor = phone.cursor ?? '';
      const pages = await pullAll(phone, restored);
      expect(pages.map((p) => p.reset)).toEqual([false]);
      const got = keysOf(pages);
      // Nothing missed, nothing sent again: the sync log after the phone's position, no more.
      expect(got).toEqual(await loggedAfter(target.db, phone, cursor));
      expect(got).toContain(`encounter/${beforeBackup}`);
      expect(got).toContain(`encounter/${afterRestore}`);
      expect(got.length).toBeLessThan(8);
      expect(phone.rows.size).toBeGreaterThan(held);

      // The next pull's position is the restored database's own: again only what changed.
      const later = await visit(restored, 'a later visit');
      const second = phone.cursor ?? '';
      const again = await pullAll(phone, restored);
      expect(again.map((p) => p.reset)).toEqual([false]);
      expect(keysOf(again)).toEqual(await loggedAfter(target.db, phone, second));
      expect(keysOf(again)).toContain(`encounter/${later}`);
      expect(keysOf(again)).not.toContain(`encounter/${afterRestore}`);
      expect(keysOf(again).length).toBeLessThan(5);
      expect(heldBy(phone)).toEqual(await wholeCopy(restored));
    },
    SLOW,
  );

  it(
    'a phone synced after the backup was taken starts over on the restored server, and holds what it holds',
    async () => {
      const phone = await syncedPhone('after');
      const backup = await takeBackup(h.db, key, dir, { now: new Date(Date.now() + 2000) });
      if (!backup) throw new Error('no backup');
      // After the backup: a visit the phone pulls, so its position is past the backup's log.
      const lost = await visit(h, 'visit the restore takes back');
      await pullAll(phone, h);
      expect(phone.rows.has(`encounter/${lost}`)).toBe(true);

      const target = await freshDatabase({ migrated: false });
      targets.push(target);
      await restoreBackup(target.db, backup.file, key);
      const restored = serverOn(target.db);
      const afterRestore = await visit(restored, 'visit after the restore');
      const pages = await pullAll(phone, restored);
      expect(pages[0]?.reset).toBe(true);
      expect(pages.slice(1).map((p) => p.reset)).toEqual(pages.slice(1).map(() => false));
      expect(phone.rows.has(`encounter/${lost}`)).toBe(false);
      expect(phone.rows.has(`encounter/${afterRestore}`)).toBe(true);
      expect(heldBy(phone)).toEqual(await wholeCopy(restored));
    },
    SLOW,
  );

  it(
    'a backup without the sync log’s transaction ids (an older Puente’s) starts every phone over',
    async () => {
      const phone = await syncedPhone('legacy');
      const backup = await takeBackup(h.db, key, dir, { now: new Date(Date.now() + 4000), xids: false });
      if (!backup) throw new Error('no backup');
      expect(backup.manifest.xids).toBeUndefined();

      const target = await freshDatabase({ migrated: false });
      targets.push(target);
      const report = await restoreBackup(target.db, backup.file, key);
      expect(report.xidsSpent).toBeUndefined();
      expect(report.phonesReset).toBeGreaterThanOrEqual(1);
      const restored = serverOn(target.db);
      const afterRestore = await visit(restored, 'visit after the restore');
      const pages = await pullAll(phone, restored);
      expect(pages[0]?.reset).toBe(true);
      expect(phone.rows.has(`encounter/${afterRestore}`)).toBe(true);
      expect(heldBy(phone)).toEqual(await wholeCopy(restored));
    },
    SLOW,
  );
});
