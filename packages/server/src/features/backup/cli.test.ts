import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Config, ConfigError, loadConfig, testConfig } from '../../config.js';
import { openPglite } from '../../db/pglite.js';
import { createLogger } from '../../log.js';
import { startServer } from '../../server.js';
import { seedOrg } from '../../test/app.js';
import { freshDatabase } from '../../test/database.js';
import { listBackups, takeBackup } from './backup.js';
import { backupCommand, backupKeyCommand, restoreCommand } from './cli.js';
import { controlSocket, DataDirInUseError, servedBy } from './control.js';
import { loadBackupKey } from './key.js';

// The operator's side: the key file, `backup` against a running embedded server and
// without one, `restore` refused while a server holds the folder. These run on PGlite
// whatever the run's engine: the embedded database is what they are about. Each database
// on disk is made from nothing (initdb and every migration), so these take a while.
const log = createLogger('silent');
const key = randomBytes(32);
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'puente-backup-cli-'));
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const withKey = (dataDir: string, extra: Partial<Config> = {}): Config => {
  const base = testConfig({ dataDir, databaseUrl: undefined, port: 0, ...extra });
  return { ...base, backup: { ...base.backup, key } };
};

function recorder() {
  const lines: string[] = [];
  return { say: (line: string) => void lines.push(line), text: () => lines.join('\n') };
}

describe('backup settings and key', () => {
  it('read the schedule and the key from the environment, and never print the key', () => {
    const config = loadConfig({
      PUENTE_BACKUP_DIR: '/srv/backups',
      PUENTE_BACKUP_EVERY: '6h',
      PUENTE_BACKUP_KEY: key.toString('base64'),
    });
    expect(config.backup).toMatchObject({ dir: '/srv/backups', everyMs: 6 * 3_600_000, keep: 14, key });
    expect(loadConfig({}).backup).toMatchObject({ dir: undefined, everyMs: 86_400_000, key: undefined });
    let error: unknown;
    try {
      loadConfig({
        PUENTE_BACKUP_KEY: 'c2VjcmV0LWJ1dC10b28tc2hvcnQ=',
        PUENTE_BACKUP_EVERY: '5m',
        PUENTE_BACKUP_KEEP: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PUENTE_BACKUP_KEY=(hidden) must be 32 bytes in base64');
    expect(message).toContain('PUENTE_BACKUP_EVERY="5m" must be hourly, daily, weekly');
    expect(message).toContain('PUENTE_BACKUP_KEEP="0" must be at least 1');
    expect(message).not.toContain('c2VjcmV0');
  });

  it('backup-key makes a 0600 key file once; a missing or open key file is refused with what to do', async () => {
    const keyFile = join(root, 'backup.key');
    const config = testConfig({ dataDir: join(root, 'unused') });
    const settings = { ...config.backup, keyFile };
    await expect(loadBackupKey(settings)).rejects.toThrow(/No backup key: .*puente backup-key/s);
    const said = recorder();
    expect(await backupKeyCommand({ ...config, backup: settings }, undefined, said.say)).toBe(0);
    expect(said.text()).toContain('Keep a copy of it somewhere other than the backups');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await loadBackupKey(settings)).length).toBe(32);
    const again = recorder();
    expect(await backupKeyCommand({ ...config, backup: settings }, undefined, again.say)).toBe(1);
    expect(again.text()).toContain('never replaces a backup key');
    await chmod(keyFile, 0o644);
    await expect(loadBackupKey(settings)).rejects.toThrow(/chmod 600/);
    const junk = join(root, 'junk.key');
    await writeFile(junk, 'not a key\n', { mode: 0o600 });
    await expect(loadBackupKey({ ...settings, keyFile: junk })).rejects.toThrow(/does not hold a key/);
  });

  it('backup refuses without a key and writes nothing', async () => {
    const config = testConfig({ dataDir: join(root, 'nokey'), databaseUrl: undefined });
    const said = recorder();
    const out = join(root, 'nokey-out');
    const settings = { ...config.backup, keyFile: join(root, 'absent.key') };
    expect(await backupCommand({ ...config, backup: settings }, out, said.say)).toBe(1);
    expect(said.text()).toMatch(/^No backup key/);
    expect(await listBackups(out)).toEqual([]);
  });
});

describe('the command line and a server on the embedded database', () => {
  it('asks the running server for the backup, is refused a restore meanwhile, and restores once it stops', async () => {
    const dataDir = join(root, 'data');
    const out = join(root, 'out');
    const config = withKey(dataDir);
    const server = await startServer(config, log, async (db) => {
      await seedOrg(db, 'served');
    });
    try {
      expect(await servedBy(dataDir)).toBe(true);
      expect((await stat(controlSocket(dataDir))).mode & 0o777).toBe(0o600);
      const said = recorder();
      expect(await backupCommand(config, out, said.say)).toBe(0);
      expect(said.text()).toContain('made by the running server');
      expect(said.text()).toMatch(/Backup written: .*puente-.*\.backup/);
      // A second server, or a command that opens the database itself, would corrupt it: refused.
      await expect(startServer(withKey(dataDir), log)).rejects.toThrow(DataDirInUseError);
      const refused = recorder();
      const [made] = await listBackups(out);
      if (!made) throw new Error('no backup');
      expect(await restoreCommand(config, made.path, { intoNonEmpty: true }, refused.say)).toBe(1);
      expect(refused.text()).toContain('stop it before restoring');
    } finally {
      await server.stop();
    }
    expect(await servedBy(dataDir)).toBe(false);

    // Stopped: the command line reads the folder itself, and restores into a new one.
    const direct = recorder();
    expect(await backupCommand(config, out, direct.say)).toBe(0);
    expect(direct.text()).toContain('read from the database');
    const [newest] = await listBackups(out);
    if (!newest) throw new Error('no backup');
    const elsewhere = join(root, 'new-machine');
    const restored = recorder();
    expect(await restoreCommand(withKey(elsewhere), newest.path, { intoNonEmpty: false }, restored.say)).toBe(
      0,
    );
    expect(restored.text()).toMatch(/Restored puente-.*\.backup: .* rows in \d+ tables/);
    expect(restored.text()).toMatch(/organization\s+1\s+1/);
    expect(restored.text()).toContain('Every count matches the manifest.');
    expect(restored.text()).toMatch(/Audit chain ok {6}\S+ {2}\d+ events/);
    const db = await openPglite(elsewhere);
    try {
      const orgs = await db.query<{ name: string }>('select name from organization');
      expect(orgs).toEqual([{ name: 'Org served' }]);
    } finally {
      await db.close();
    }
    // Into the same folder again: it holds data now.
    const twice = recorder();
    expect(await restoreCommand(withKey(elsewhere), newest.path, { intoNonEmpty: false }, twice.say)).toBe(1);
    expect(twice.text()).toContain('already holds data (1 organization)');
  }, 300_000);

  it('restores, but says the chains are unverified, where the old machine’s audit key was not copied', async () => {
    const source = await freshDatabase();
    await seedOrg(source.db, 'keyless');
    const made = await takeBackup(source.db, key, join(root, 'keyless-out'));
    await source.drop();
    if (!made) throw new Error('no backup');
    const target = join(root, 'keyless-target');
    const noAuditKey = withKey(target, {
      auditKey: undefined,
      auditKeyFile: join(root, 'missing-audit.key'),
    });
    const said = recorder();
    expect(await restoreCommand(noAuditKey, made.file, { intoNonEmpty: false }, said.say)).toBe(3);
    expect(said.text()).toContain('Audit chains not verified: there is no audit key');
  }, 300_000);
});
