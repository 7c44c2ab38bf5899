import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../log.js';
import { seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { engine } from '../../test/database.js';
import { backupFileName, listBackups } from './backup.js';
import { backupPass, type ScheduleState } from './schedule.js';

const h = useApp();
const key = randomBytes(32);
const log = createLogger('silent');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let org: TestOrg;
let root: string;

beforeAll(async () => {
  org = await seedOrg(h.db, 'backups');
  root = await mkdtemp(join(tmpdir(), 'puente-schedule-'));
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const settings = (dir: string) => ({ dir, everyMs: DAY, keep: 2, key: undefined, keyFile: '' });

/** The backup emails waiting in the outbox, by subject. */
async function alertsQueued(): Promise<{ to: string; subject: string }[]> {
  const rows = await h.db.query<{ payload: { to: string; subject: string } }>(
    `select payload from outbox where payload->>'subject' like 'Puente: %backup%' order by created_at, id`,
  );
  return rows.map((r) => ({ to: r.payload.to, subject: r.payload.subject }));
}

describe('scheduled backups', () => {
  it('make one when the newest is an interval old, and keep the newest few', async () => {
    const dir = join(root, 'kept');
    const deps = { db: h.db, settings: settings(dir), key, log };
    const state: ScheduleState = {};
    const t0 = Date.parse('2026-11-01T02:00:00Z');
    const first = await backupPass(deps, state, new Date(t0));
    expect(first.made?.file).toBe(join(dir, backupFileName(new Date(t0))));
    expect(first.problem).toBeUndefined();
    // An hour later nothing is due.
    expect((await backupPass(deps, state, new Date(t0 + HOUR))).made).toBeUndefined();
    await backupPass(deps, state, new Date(t0 + DAY));
    // Someone else's file in the folder is neither counted nor deleted.
    await writeFile(join(dir, 'notes.txt'), 'not a backup');
    const third = await backupPass(deps, state, new Date(t0 + 2 * DAY));
    expect(third.pruned).toEqual([backupFileName(new Date(t0))]);
    expect((await listBackups(dir)).map((b) => b.at.getTime())).toEqual([t0 + 2 * DAY, t0 + DAY]);
    expect((await readdir(dir)).sort()).toEqual(
      [...(await listBackups(dir)).map((b) => b.name), 'notes.txt'].sort(),
    );
    expect(await alertsQueued()).toEqual([]);
  });

  it('email every admin when a backup fails: at once, not again within the day, again the next day', async () => {
    // A folder that cannot be made: its parent is a file.
    await writeFile(join(root, 'a-file'), '');
    const deps = { db: h.db, settings: settings(join(root, 'a-file', 'backups')), key, log };
    const state: ScheduleState = {};
    const t0 = Date.parse('2026-11-05T02:00:00Z');
    const failed = await backupPass(deps, state, new Date(t0));
    expect(failed).toMatchObject({ problem: 'failed', alerted: 1 });
    expect(await alertsQueued()).toEqual([{ to: org.admin, subject: 'Puente: the backup failed' }]);
    expect((await backupPass(deps, state, new Date(t0 + HOUR))).alerted).toBe(0);
    expect((await backupPass(deps, state, new Date(t0 + DAY + HOUR))).alerted).toBe(1);
    expect((await alertsQueued()).length).toBe(2);
    const [body] = await h.db.query<{ text: string }>(
      `select payload->>'text' as text from outbox where payload->>'subject' = 'Puente: the backup failed' limit 1`,
    );
    expect(body?.text).toContain('There is no backup yet.');
    // The kind of failure, not where the server keeps its files.
    expect(body?.text).toContain('(ENOTDIR)');
    expect(body?.text).not.toContain(root);
  });

  it('say the newest is late when another server’s backup holds the lock and it passes its hour', async () => {
    const dir = join(root, 'late');
    const deps = { db: h.db, settings: settings(dir), key, log };
    const t0 = Date.parse('2026-11-10T02:00:00Z');
    await backupPass(deps, {}, new Date(t0));
    const late = new Date(t0 + DAY + 2 * HOUR);
    if (engine === 'pglite') {
      // One process holds the embedded database: no other server can hold the lock, so the backup is made.
      expect((await backupPass(deps, {}, late)).made).toBeDefined();
      return;
    }
    const other = await h.testDb.openAnother();
    try {
      await other.transaction(async (tx) => {
        await tx.query('select pg_advisory_xact_lock(7263003)');
        const report = await backupPass(deps, {}, late);
        expect(report).toMatchObject({ problem: 'stale', alerted: 1 });
        expect(report.made).toBeUndefined();
      });
    } finally {
      await other.close();
    }
    const subjects = (await alertsQueued()).map((a) => a.subject);
    expect(subjects).toContain('Puente: no recent backup');
  });
});
