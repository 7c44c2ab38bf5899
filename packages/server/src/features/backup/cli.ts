import { access } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Config } from '../../config.js';
import { openDatabase } from '../../db/open.js';
import { auditSeal, withAuditKey } from '../audit/key.js';
import { verifyAuditChains } from '../audit/verify.js';
import { BackupError, type BackupResult, takeBackup } from './backup.js';
import { backupThroughServer, servedBy } from './control.js';
import { BackupKeyError, loadBackupKey, makeBackupKeyFile } from './key.js';
import { totalRows } from './manifest.js';
import { RestoreError, restoreBackup } from './restore.js';
import { BackupFileError, backupKeyId } from './sealed.js';
import { UnfinishedRestoreError } from './spread.js';

type Say = (line: string) => void;

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const n = (count: number) => count.toLocaleString('en');

/** A refusal the operator can act on: printed as is, exit code 1. */
function refused(error: unknown, say: Say): number {
  const known = [BackupKeyError, BackupError, BackupFileError, RestoreError, UnfinishedRestoreError].some(
    (k) => error instanceof k,
  );
  if (!known) throw error;
  say((error as Error).message);
  return 1;
}

/** `puente backup-key [file]`: a new key file, mode 0600, and what to do with it. */
export async function backupKeyCommand(config: Config, file: string | undefined, say: Say): Promise<number> {
  const path = resolve(file ?? config.backup.keyFile);
  try {
    await makeBackupKeyFile(path);
  } catch (error) {
    return refused(error, say);
  }
  say(`A new backup key is in ${path} (mode 0600).`);
  if (file && resolve(file) !== config.backup.keyFile)
    say(`Point Puente at it: PUENTE_BACKUP_KEY_FILE=${path}`);
  say(
    'Keep a copy of it somewhere other than the backups (a password manager, a safe): a backup opens only with its key,\n' +
      'and a key kept beside the backups protects nothing if both are taken.',
  );
  return 0;
}

/**
 * `puente backup [--to DIR]`: one sealed file. On PGlite, while a server runs
 * on the data folder, the server makes it (the folder is its alone); otherwise
 * this process reads the database itself.
 */
export async function backupCommand(config: Config, to: string | undefined, say: Say): Promise<number> {
  try {
    const key = await loadBackupKey(config.backup);
    const dir = to ? resolve(to) : config.backup.dir;
    if (!dir) {
      say('Say where to write the backup: puente backup --to <folder> (or set PUENTE_BACKUP_DIR).');
      return 2;
    }
    const started = performance.now();
    let made: BackupResult | undefined;
    let by = 'read from the database';
    if (!config.databaseUrl) {
      made = await backupThroughServer(config.dataDir, dir, key);
      if (made) by = 'made by the running server';
    }
    if (!made) {
      const db = await openDatabase(config);
      try {
        made = await takeBackup(db, key, dir);
      } finally {
        await db.close();
      }
    }
    if (!made) throw new BackupError('Another backup is under way; try again when it is done.');
    const m = made.manifest;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    say(`Backup written: ${made.file}`);
    say(
      `  ${mb(made.bytes)}, ${n(totalRows(m))} rows in ${m.tables.length} tables, ${m.auditHeads.length} audit chain${m.auditHeads.length === 1 ? '' : 's'}, as of ${m.createdAt}`,
    );
    say(`  ${by} (${m.engine}, Puente ${m.puente}) in ${seconds} s; sealed with key id ${backupKeyId(key)}`);
    return 0;
  } catch (error) {
    return refused(error, say);
  }
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * `puente restore FILE [--into-nonempty]`: restores, prints each table's rows
 * beside the manifest's, the migrations that brought it up to date and each
 * audit chain's verification. Exit 0 when all holds; 1 when refused (nothing
 * changed); 3 when restored but an audit chain did not verify or could not be.
 */
export async function restoreCommand(
  config: Config,
  file: string,
  options: { intoNonEmpty: boolean },
  say: Say,
): Promise<number> {
  try {
    const key = await loadBackupKey(config.backup);
    if (!config.databaseUrl && (await servedBy(config.dataDir))) {
      say(`A Puente server is running on ${config.dataDir}: stop it before restoring into its database.`);
      return 1;
    }
    const started = performance.now();
    const db = await openDatabase(config);
    try {
      const report = await restoreBackup(db, resolve(file), key, options);
      const m = report.manifest;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      say(
        `Restored ${basename(file)}: ${n(totalRows(m))} rows in ${m.tables.length} tables, as of ${m.createdAt} ` +
          `(a ${m.engine} backup by Puente ${m.puente}) in ${seconds} s.`,
      );
      if (report.undidUnfinished)
        say('An earlier restore into this database had stopped half-way: it was undone first.');
      if (report.replaced) say('Everything the database held before was replaced (--into-nonempty).');
      const width = Math.max(...report.tables.map((t) => t.name.length), 5);
      say(`  ${'table'.padEnd(width)}  ${'backup'.padStart(10)}  ${'restored'.padStart(10)}`);
      for (const t of report.tables.filter((x) => x.rows > 0 || x.expected > 0)) {
        const mark = t.rows === t.expected ? '' : '  DIFFERS';
        say(`  ${t.name.padEnd(width)}  ${n(t.expected).padStart(10)}  ${n(t.rows).padStart(10)}${mark}`);
      }
      const empty = report.tables.filter((x) => x.rows === 0 && x.expected === 0).length;
      say(`  … and ${empty} empty tables, empty in the backup too. Every count matches the manifest.`);
      say(
        report.upgraded.length > 0
          ? `Brought up to this version: ${report.upgraded.join(', ')}.`
          : 'The backup was made by this version: no migration to apply.',
      );
      if (report.phonesStartingOver > 0) {
        say(
          `${n(report.phonesStartingOver)} phone${report.phonesStartingOver === 1 ? '' : 's'} will download the restored caseload again at the next sync; ` +
            'changes still waiting on a phone are kept and sent.',
        );
      }
      // The chains were sealed with the old machine's audit key. Without it here, starting Puente
      // would make a new key and every restored chain would then fail: say so before anything does.
      if (!config.auditKey && !(await exists(config.auditKeyFile))) {
        say(
          `Audit chains not verified: there is no audit key (AUDIT_KEY, or the file ${config.auditKeyFile}).\n` +
            'Copy the key file from the machine the backup came from (chmod 600) before starting Puente, then run `puente audit-verify`.',
        );
        return 3;
      }
      const reports = await verifyAuditChains(db, auditSeal(await withAuditKey(config)));
      for (const r of reports) {
        say(
          r.ok
            ? `Audit chain ok      ${r.orgId}  ${r.events} events`
            : `Audit chain BROKEN  ${r.orgId}  at place ${r.brokenAt?.position} (${r.brokenAt?.reason}) after ${r.events} good events`,
        );
      }
      if (reports.some((r) => r.brokenAt?.reason === 'tail-deleted')) {
        say(
          'tail-deleted: this machine’s checkpoints remember events newer than the backup, which are not in it.\n' +
            'That is expected when restoring an older backup over a newer program; every event up to the backup holds.',
        );
      }
      if (reports.some((r) => r.brokenAt?.reason === 'edited' && r.brokenAt.position === 1)) {
        say(
          'Broken at its first event: the audit key here is not the one the backup’s chains were sealed with.',
        );
      }
      return reports.every((r) => r.ok) ? 0 : 3;
    } finally {
      await db.close();
    }
  } catch (error) {
    return refused(error, say);
  }
}
