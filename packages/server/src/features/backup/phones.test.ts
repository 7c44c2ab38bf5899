import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import type { Database } from '../../db/types.js';
import { createLogger } from '../../log.js';
import { type Harness, useApp } from '../../test/app.js';
import { freshDatabase, type TestDatabase } from '../../test/database.js';
import { matrixWorld } from '../../test/matrix-world.js';
import { deliverPush, pullAll, SimDevice } from '../sync/sim-device.js';
import { takeBackup } from './backup.js';
import { restoreBackup } from './restore.js';

// Phones across a plain `puente restore`: the restored sync log has new transaction ids and the
// server lost whatever came after the backup, so every phone starts over with the restored copy
// and keeps the changes still waiting on it. Each restore migrates a database from nothing.
const SLOW = 180_000;

const h = useApp();
const key = randomBytes(32);
const log = createLogger('silent');
let dir: string;
let cookie: string;
const targets: TestDatabase[] = [];

beforeAll(async () => {
  cookie = (await matrixWorld(h)).owner.own.cookie;
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

async function push(phone: SimDevice, server: Harness): Promise<void> {
  const results = (await deliverPush(server, phone.pushRequest(phone.outbox.length))).results;
  expect(results.map((r) => r.status).filter((s) => s !== 'applied')).toEqual([]);
  phone.settle(results);
  expect(phone.outbox).toEqual([]);
}

/** A CHW's phone with people of its own (some visited), fully synced. */
async function syncedPhone(name: string, cookie: string): Promise<SimDevice> {
  const phone = new SimDevice(name, 'chw', cookie, 0);
  for (let i = 0; i < 6; i++) phone.register(`Persona ${name} ${i}`, { familyName: 'Tallowmere' });
  await push(phone, h);
  await pullAll(phone, h);
  for (const id of phone.clientIds().slice(0, 3)) phone.visit(id);
  await push(phone, h);
  await pullAll(phone, h);
  return phone;
}

const heldBy = (phone: SimDevice) =>
  [...phone.rows.entries()].map(([k, row]) => `${k} ${JSON.stringify(row)}`).sort();

/** Everything a phone new to the server pulls for the same CHW: what a phone that starts over must hold. */
async function wholeCopy(server: Harness, cookie: string): Promise<string[]> {
  const fresh = new SimDevice('fresh', 'chw', cookie, 0);
  await pullAll(fresh, server);
  return heldBy(fresh);
}

async function restored(backupFile: string): Promise<{ server: Harness; phonesStartingOver: number }> {
  const target = await freshDatabase({ migrated: false });
  targets.push(target);
  const report = await restoreBackup(target.db, backupFile, key);
  return { server: serverOn(target.db), phonesStartingOver: report.phonesStartingOver };
}

describe('phones after a plain puente restore', () => {
  it(
    'a phone that sent work after the backup starts over and holds exactly the restored copy, no ghosts',
    async () => {
      const phone = await syncedPhone('ghost', cookie);
      const backup = await takeBackup(h.db, key, dir);
      if (!backup) throw new Error('no backup');
      // After the backup's moment: a person the server accepts, then loses to the restore.
      const lost = phone.register('Persona perdida', { familyName: 'Tallowmere' });
      await push(phone, h);
      await pullAll(phone, h);
      const lostKey = `client/${String((lost as { client: { id?: string } }).client.id)}`;
      expect(phone.rows.has(lostKey)).toBe(true);

      const { server, phonesStartingOver } = await restored(backup.file);
      expect(phonesStartingOver).toBeGreaterThanOrEqual(1);
      const pages = await pullAll(phone, server);
      expect(pages[0]?.reset).toBe(true);
      expect(phone.rows.has(lostKey)).toBe(false);
      expect(heldBy(phone)).toEqual(await wholeCopy(server, cookie));

      // From then on the phone goes on from its new position, without starting over. (It may be
      // sent rows again while any older transaction runs on the cluster: a pull repeats what such
      // a transaction might still commit, as it does after any write.)
      const again = await pullAll(phone, server);
      expect(again.map((p) => p.reset)).toEqual([false]);
      expect(heldBy(phone)).toEqual(await wholeCopy(server, cookie));
    },
    SLOW,
  );

  it(
    'changes waiting on a phone at the restore are kept, sent and pulled back',
    async () => {
      const phone = await syncedPhone('waiting', cookie);
      const backup = await takeBackup(h.db, key, dir, { now: new Date(Date.now() + 2000) });
      if (!backup) throw new Error('no backup');
      const waiting = phone.register('Persona en espera', { familyName: 'Tallowmere' });
      const waitingKey = `client/${String((waiting as { client: { id?: string } }).client.id)}`;

      const { server } = await restored(backup.file);
      const pages = await pullAll(phone, server);
      expect(pages[0]?.reset).toBe(true);
      expect(phone.outbox).toHaveLength(1);
      await push(phone, server);
      await pullAll(phone, server);
      expect(phone.rows.has(waitingKey)).toBe(true);
      expect(heldBy(phone)).toEqual(await wholeCopy(server, cookie));
    },
    SLOW,
  );
});
