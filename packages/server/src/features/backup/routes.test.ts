import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { hashToken } from '../../http/tokens.js';
import { createLogger } from '../../log.js';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { call, signIn } from '../../test/http.js';
import { listBackups } from './backup.js';
import type { BackupSettings } from './settings.js';

// The admin screen's routes, on whichever engine the run names: who may read
// the status and make a backup, the refusals in words, one backup at a time,
// and the status after one.

const h = useApp();
const key = randomBytes(32);
let root: string;
let a: TestOrg;
let b: TestOrg;
const cookie: Record<string, string> = {};

/** The app with these backup settings, on the test's one database. */
function appWith(backup: Partial<BackupSettings>) {
  const settings: BackupSettings = {
    key: undefined,
    keyFile: join(root, 'no-such.key'),
    dir: undefined,
    everyMs: 86_400_000,
    keep: 14,
    ...backup,
  };
  return buildApp({ db: h.db, config: { ...h.config, backup: settings }, log: createLogger('silent') });
}

type Status = {
  folder: string | null;
  key: string;
  scheduled: boolean;
  running: boolean;
  newest: { name: string; at: string; bytes: number } | null;
  olderThanADay: boolean;
  lastFailure: { at: string; reason: string } | null;
  nextRunAt: string | null;
  files: { name: string; at: string; bytes: number }[];
  restoreCommand: string | null;
};

async function auditActions(orgId: string): Promise<string[]> {
  const rows = await h.db.query<{ action: string }>(
    `select action from audit_event where org_id = $1 and action like 'backup.%' order by seq`,
    [orgId],
  );
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'puente-backup-routes-'));
  a = await seedOrg(h.db, 'backup-a');
  b = await seedOrg(h.db, 'backup-b');
  for (const role of ['admin', 'supervisor', 'chw', 'manager', 'partner'] as const) {
    cookie[role] = await signIn(h.app, a[role], PASSWORD);
  }
  cookie.otherAdmin = await signIn(h.app, b.admin, PASSWORD);
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the backups routes', () => {
  it('refuse every role but admin, and make nothing for them', async () => {
    const dir = join(root, 'refused');
    const app = appWith({ dir, key });
    for (const role of ['chw', 'supervisor', 'manager', 'partner'] as const) {
      for (const method of ['GET', 'POST']) {
        const reply = await call(app, method, '/api/backups', { cookie: cookie[role] });
        expect(reply.status, `${role} ${method}`).toBe(403);
        expect(reply.body.code).toBe('forbidden');
      }
    }
    expect((await call(app, 'GET', '/api/backups')).status).toBe(401);
    expect((await call(app, 'POST', '/api/backups')).status).toBe(401);
    expect(await listBackups(dir)).toEqual([]);
  });

  it('say so in words when no folder is set', async () => {
    const app = appWith({ key });
    const status = (await call(app, 'GET', '/api/backups', { cookie: cookie.admin })).body as Status;
    expect(status).toMatchObject({ folder: null, key: 'environment', scheduled: false, nextRunAt: null });
    expect(status.files).toEqual([]);
    const reply = await call(app, 'POST', '/api/backups', { cookie: cookie.admin });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('backupNoFolder');
    expect(String(reply.body.title)).toMatch(/PUENTE_BACKUP_DIR/);
  });

  it('refuse to back up without a key, and never make one', async () => {
    const dir = join(root, 'keyless');
    const app = appWith({ dir });
    const status = (await call(app, 'GET', '/api/backups', { cookie: cookie.admin })).body as Status;
    expect(status).toMatchObject({ folder: dir, key: 'missing', scheduled: false, newest: null });
    const reply = await call(app, 'POST', '/api/backups', { cookie: cookie.admin });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('backupNoKey');
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(await listBackups(dir)).toEqual([]);
    await expect(stat(join(root, 'no-such.key'))).rejects.toThrow();
    // A key file others can read is there but cannot be used.
    const loose = join(root, 'loose.key');
    await writeFile(loose, `${randomBytes(32).toString('base64')}\n`, { mode: 0o644 });
    const looseStatus = (
      await call(appWith({ dir, keyFile: loose }), 'GET', '/api/backups', {
        cookie: cookie.admin,
      })
    ).body as Status;
    expect(looseStatus.key).toBe('unusable');
  });

  it('ask for a step-up check before backing up', async () => {
    const dir = join(root, 'step-up');
    const app = appWith({ dir, key });
    const stale = await signIn(h.app, a.admin, PASSWORD);
    await h.db.query(`update session set verified_at = now() - interval '1 hour' where token_hash = $1`, [
      hashToken(stale.split('=')[1] ?? ''),
    ]);
    const reply = await call(app, 'POST', '/api/backups', { cookie: stale });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('stepUpRequired');
    expect(await listBackups(dir)).toEqual([]);
  });

  it('say why a backup failed, remember it in the status, and audit it', async () => {
    // A folder under a plain file cannot be made.
    const blocker = join(root, 'a-file');
    await writeFile(blocker, 'not a folder');
    const app = appWith({ dir: join(blocker, 'backups'), key });
    const reply = await call(app, 'POST', '/api/backups', { cookie: cookie.admin });
    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('backupFailedNoAccess');
    const status = (await call(app, 'GET', '/api/backups', { cookie: cookie.admin })).body as Status;
    expect(status.lastFailure?.reason).toBe('noAccess');
    expect(status.files).toEqual([]);
    expect(await auditActions(a.orgId)).toEqual(['backup.failed']);
  });

  it('make one backup at a time, list it, and audit it in the admin’s organization only', async () => {
    const dir = join(root, 'kept');
    const app = appWith({ dir, key });
    const empty = (await call(app, 'GET', '/api/backups', { cookie: cookie.admin })).body as Status;
    expect(empty).toMatchObject({ folder: dir, key: 'environment', scheduled: true, newest: null });
    expect(empty.files).toEqual([]);
    expect(empty.restoreCommand).toBeNull();

    const replies = await Promise.all(
      [1, 2, 3].map(() => call(app, 'POST', '/api/backups', { cookie: cookie.admin })),
    );
    const made = replies.filter((r) => r.status === 201);
    expect(made).toHaveLength(1);
    for (const refused of replies.filter((r) => r.status !== 201)) {
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('backupRunning');
    }
    const files = await listBackups(dir);
    expect(files.map((f) => f.name)).toEqual([made[0]?.body.name]);
    expect((await readdir(dir)).filter((n) => n.endsWith('.partial'))).toEqual([]);

    const status = (await call(app, 'GET', '/api/backups', { cookie: cookie.admin })).body as Status;
    const file = files[0];
    if (!file) throw new Error('no backup file');
    expect(status.newest).toEqual({
      name: file.name,
      at: file.at.toISOString(),
      bytes: (await stat(file.path)).size,
    });
    expect(status.files).toEqual([status.newest]);
    expect(status).toMatchObject({ running: false, olderThanADay: false, lastFailure: null });
    expect(status.restoreCommand).toBe(`puente restore ${file.path} --into-nonempty`);
    // The next scheduled one is an interval after the newest.
    expect(Date.parse(status.nextRunAt ?? '')).toBe(file.at.getTime() + 86_400_000);
    // Never the key, in any form.
    const text = JSON.stringify(status);
    expect(text).not.toContain(key.toString('base64'));
    expect(text).not.toContain(key.toString('hex'));

    expect(await auditActions(a.orgId)).toEqual(['backup.failed', 'backup.made']);
    expect(await auditActions(b.orgId)).toEqual([]);
    const events = (await call(h.app, 'GET', '/api/audit', { cookie: cookie.otherAdmin })).body as {
      events: { action: string }[];
    };
    expect(events.events.map((e) => e.action)).not.toContain('backup.made');
  });

  it('show another organization’s admin the server’s files, and nothing of who made them', async () => {
    const dir = join(root, 'kept');
    const app = appWith({ dir, key });
    const reply = await call(app, 'GET', '/api/backups', { cookie: cookie.otherAdmin });
    expect(reply.status).toBe(200);
    const text = JSON.stringify(reply.body);
    expect((reply.body as Status).files).toHaveLength(1);
    for (const secret of [a.orgId, a.ids[a.admin] ?? 'no id', a.admin, 'admin of backup-a']) {
      expect(text).not.toContain(secret);
    }
  });

  it('keep only the newest PUENTE_BACKUP_KEEP files, however often it is pressed', async () => {
    const dir = join(root, 'pruned');
    const app = appWith({ dir, key, keep: 2 });
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const made = await call(app, 'POST', '/api/backups', { cookie: cookie.admin });
      expect(made.status).toBe(201);
      names.push(String(made.body.name));
      // File names carry the time to the millisecond: keep them apart.
      await new Promise((r) => setTimeout(r, 5));
    }
    expect((await listBackups(dir)).map((f) => f.name)).toEqual([names[2], names[1]]);
  });

  it('warn when the newest backup is more than a day old', async () => {
    const dir = join(root, 'old');
    const app = appWith({ dir, key });
    const made = await call(app, 'POST', '/api/backups', { cookie: cookie.admin });
    expect(made.status).toBe(201);
    const fresh = (await call(app, 'GET', '/api/backups', { cookie: cookie.admin })).body as Status;
    expect(fresh.olderThanADay).toBe(false);
    // The file's name is its time: the same backup, named two days earlier.
    const old = new Date(Date.now() - 2 * 86_400_000);
    await rename(
      join(dir, String(made.body.name)),
      join(dir, `puente-${old.toISOString().replace(/[:.]/g, '-')}.backup`),
    );
    const asked = Date.now();
    const stale = (await call(app, 'GET', '/api/backups', { cookie: cookie.admin })).body as Status;
    expect(stale.olderThanADay).toBe(true);
    // Overdue: the schedule makes the next one at its next look, not in the past.
    expect(Date.parse(stale.nextRunAt ?? '')).toBeGreaterThanOrEqual(asked);
  });
});
