import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { PuenteError } from '@puente/core';
import type { Database } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import type { Logger } from '../../log.js';
import { recordAudit, who } from '../audit/record.js';
import { recordBackupFinished } from '../metrics/registry.js';
import { listBackups, pruneBackups, takeBackup } from './backup.js';
import { BackupKeyError, loadBackupKey } from './key.js';
import { backupRunning, type FailureReason, lastFailure, oneBackupAtATime, reasonOf } from './runs.js';
import type { BackupSettings } from './settings.js';

const DAY_MS = 86_400_000;

export interface BackupFileView {
  name: string;
  at: string;
  bytes: number;
}

/** Where the key comes from, never the key: the environment, the key file, no key file, or one that cannot be used. */
export type KeyState = 'environment' | 'file' | 'missing' | 'unusable';

/** The admin screen's view of the backups: settings, the files in the folder, and what went wrong. */
export interface BackupStatusView {
  folder: string | null;
  /** Readable when the folder is set; false when it is there but cannot be listed. */
  folderReadable: boolean;
  key: KeyState;
  /** Where the key file is looked for (a path, not a secret), for the operator to make or fix it. */
  keyFile: string;
  everyMinutes: number;
  keep: number;
  /** A folder and a usable key: what the server's schedule needs. */
  scheduled: boolean;
  running: boolean;
  newest: BackupFileView | null;
  olderThanADay: boolean;
  /** The last failure in this server since its last success (the schedule's or an admin's). */
  lastFailure: { at: string; reason: FailureReason } | null;
  /** When the schedule makes the next one (it looks each minute); null without a schedule. */
  nextRunAt: string | null;
  /** Newest first. */
  files: BackupFileView[];
  /** The command that restores the newest backup over this database, to run on the server. */
  restoreCommand: string | null;
}

async function keyState(settings: BackupSettings): Promise<KeyState> {
  if (settings.key) return 'environment';
  try {
    await loadBackupKey(settings);
    return 'file';
  } catch (error) {
    if (!(error instanceof BackupKeyError)) return 'unusable';
    const there = await stat(settings.keyFile).then(
      () => true,
      () => false,
    );
    return there ? 'unusable' : 'missing';
  }
}

async function filesIn(dir: string): Promise<BackupFileView[] | undefined> {
  let listed: Awaited<ReturnType<typeof listBackups>>;
  try {
    listed = await listBackups(dir);
  } catch {
    return undefined;
  }
  const files: BackupFileView[] = [];
  for (const file of listed) {
    // A file the schedule pruned between the listing and here is simply not shown.
    const size = await stat(file.path).then(
      (s) => s.size,
      () => undefined,
    );
    if (size !== undefined) files.push({ name: file.name, at: file.at.toISOString(), bytes: size });
  }
  return files;
}

/** A path as one shell word: quoted unless it is plain letters, digits and / . _ - */
const shellWord = (text: string) => (/^[\w/.-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`);

/**
 * The backups as an admin sees them. Nothing here is a person's data or a
 * secret, and nothing fails: a folder that cannot be read or a key that cannot
 * be used is said so in the answer.
 */
export async function backupStatus(settings: BackupSettings, now = new Date()): Promise<BackupStatusView> {
  const key = await keyState(settings);
  const listed = settings.dir ? await filesIn(settings.dir) : [];
  const files = listed ?? [];
  const newest = files[0] ?? null;
  const scheduled = Boolean(settings.dir) && (key === 'environment' || key === 'file');
  const failure = lastFailure();
  const due = newest ? Date.parse(newest.at) + settings.everyMs : now.getTime();
  return {
    folder: settings.dir ?? null,
    folderReadable: listed !== undefined,
    key,
    keyFile: settings.keyFile,
    everyMinutes: Math.round(settings.everyMs / 60_000),
    keep: settings.keep,
    scheduled,
    running: backupRunning(),
    newest,
    olderThanADay: newest ? now.getTime() - Date.parse(newest.at) > DAY_MS : false,
    lastFailure: failure ? { at: failure.at.toISOString(), reason: failure.reason } : null,
    nextRunAt: scheduled ? new Date(Math.max(due, now.getTime())).toISOString() : null,
    files,
    restoreCommand:
      newest && settings.dir
        ? `puente restore ${shellWord(`${settings.dir.replace(/\/+$/, '')}/${newest.name}`)} --into-nonempty`
        : null,
  };
}

const failedKey = {
  noSpace: 'errors.backupFailedNoSpace',
  noAccess: 'errors.backupFailedNoAccess',
  database: 'errors.backupFailed',
  unknown: 'errors.backupFailed',
} as const;

/**
 * An admin's "back up now": the same file, key, folder and lock as the
 * schedule, one at a time, and the oldest beyond `keep` deleted after it. Refused in words when there is no folder or no
 * key, or a backup is already being made. The backup reads the whole database
 * in its own repeatable-read transaction, so the audit event (made or failed,
 * in the admin's organization) is written in a transaction of its own after it.
 */
export async function backupNow(
  db: Database,
  caller: Caller,
  settings: BackupSettings,
  log: Logger,
): Promise<BackupFileView> {
  const dir = settings.dir;
  if (!dir) throw new PuenteError(409, 'errors.backupNoFolder');
  let key: Buffer;
  try {
    key = await loadBackupKey(settings);
  } catch {
    throw new PuenteError(409, 'errors.backupNoKey');
  }
  const at = new Date();
  let made: Awaited<ReturnType<typeof takeBackup>>;
  try {
    made = await oneBackupAtATime(async () => {
      const result = await takeBackup(db, key, dir, { lock: true, now: at });
      // Kept as the schedule keeps them: a button pressed often must not fill the disk.
      if (result) await pruneBackups(dir, settings.keep, at);
      return result;
    });
  } catch (error) {
    const reason = reasonOf(error);
    log.error({ err: { name: (error as Error).name, kind: reason } }, 'backup asked by an admin failed');
    await db
      .transaction((tx) =>
        recordAudit(tx, who(caller), { action: 'backup.failed', subjectType: 'backup', detail: { reason } }),
      )
      .catch(() => log.error('the failed backup could not be audited'));
    throw new PuenteError(409, failedKey[reason]);
  }
  if (!made) throw new PuenteError(409, 'errors.backupRunning');
  recordBackupFinished(at);
  const file = { name: basename(made.file), at: at.toISOString(), bytes: made.bytes };
  log.info({ backup: file.name, bytes: file.bytes }, 'backup made for an admin');
  await db.transaction((tx) =>
    recordAudit(tx, who(caller), {
      action: 'backup.made',
      subjectType: 'backup',
      detail: { file: file.name, bytes: file.bytes },
    }),
  );
  return file;
}
