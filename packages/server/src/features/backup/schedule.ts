import { basename } from 'node:path';
import { isLocale } from '@puente/core';
import { every } from '../../background.js';
import type { Database } from '../../db/types.js';
import type { Logger } from '../../log.js';
import { recordBackupFinished } from '../metrics/registry.js';
import { enqueueEmail } from '../notifications/outbox.js';
import { type BackupResult, listBackups, pruneBackups, takeBackup } from './backup.js';
import { type BackupProblem, backupEmail } from './email-text.js';
import { totalRows } from './manifest.js';
import { oneBackupAtATime } from './runs.js';
import type { BackupSettings } from './settings.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How often the server looks whether a backup is due: the schedule's grain, not its interval. */
const CHECK_EVERY_MS = 60_000;

export interface BackupScheduleDeps {
  db: Database;
  settings: BackupSettings & { dir: string };
  key: Buffer;
  log: Logger;
}

/** What the schedule remembers between passes: the last alert, so admins hear of a problem once a day, not each minute. */
export interface ScheduleState {
  lastAlert?: { problem: BackupProblem; at: number };
}

export interface PassReport {
  made?: BackupResult;
  pruned: string[];
  problem?: BackupProblem;
  alerted: number;
}

/** The kind of a failure, never its message: a database error can quote values. */
function kindOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown';
}

async function alertAdmins(
  db: Database,
  problem: BackupProblem,
  newest: Date | undefined,
  why: string,
  now: Date,
): Promise<number> {
  const admins = await db.query<{ id: string; orgId: string; email: string; locale: string }>(
    `select id, org_id as "orgId", email, locale from app_user
      where role = 'admin' and disabled_at is null order by org_id, created_at`,
  );
  await db.transaction(async (tx) => {
    for (const a of admins) {
      const email = backupEmail(a.email, isLocale(a.locale) ? a.locale : 'en', problem, newest, why);
      await enqueueEmail(tx, { orgId: a.orgId, email, recipientId: a.id }, now);
    }
  });
  return admins.length;
}

/**
 * One look at the schedule at `now`: makes a backup when the newest in the
 * folder is an interval old (one server at a time, under a lock), keeps the
 * newest `keep`, and emails every admin when a backup failed or the newest is
 * more than an hour past due: at once, then again each day it lasts.
 */
export async function backupPass(
  deps: BackupScheduleDeps,
  state: ScheduleState,
  now: Date,
): Promise<PassReport> {
  const { db, settings, key, log } = deps;
  const report: PassReport = { pruned: [], alerted: 0 };
  let why: string | undefined;
  try {
    const newest = (await listBackups(settings.dir))[0];
    if (!newest || now.getTime() - newest.at.getTime() >= settings.everyMs) {
      // One at a time with an admin's "back up now" in this process, and with other servers (the lock).
      const made = await oneBackupAtATime(
        () => takeBackup(db, key, settings.dir, { lock: true, now }),
        () => now,
      );
      if (made) {
        report.made = made;
        recordBackupFinished(now);
        log.info(
          { backup: basename(made.file), bytes: made.bytes, rows: totalRows(made.manifest) },
          'backup made',
        );
        report.pruned = await pruneBackups(settings.dir, settings.keep, now);
      }
    }
  } catch (error) {
    why = kindOf(error);
    log.error({ err: { name: (error as Error).name, kind: why } }, 'backup failed');
  }
  const newest = (await listBackups(settings.dir).catch(() => []))[0];
  const late = !newest || now.getTime() - newest.at.getTime() > settings.everyMs + HOUR_MS;
  report.problem = why ? 'failed' : late ? 'stale' : undefined;
  if (!report.problem) {
    state.lastAlert = undefined;
    return report;
  }
  const last = state.lastAlert;
  if (last && last.problem === report.problem && now.getTime() - last.at < DAY_MS) return report;
  try {
    report.alerted = await alertAdmins(db, report.problem, newest?.at, why ?? 'late', now);
    state.lastAlert = { problem: report.problem, at: now.getTime() };
  } catch (error) {
    log.error({ err: { name: (error as Error).name, kind: kindOf(error) } }, 'backup alert not queued');
  }
  return report;
}

/** Looks every minute whether a backup is due, in the server process; `stop` waits for a backup under way. */
export async function startBackupSchedule(deps: BackupScheduleDeps): Promise<{ stop(): Promise<void> }> {
  const state: ScheduleState = {};
  // The backup-age metric starts from what is on disk, not from "never".
  const newest = (await listBackups(deps.settings.dir).catch(() => []))[0];
  if (newest) recordBackupFinished(newest.at);
  return every(
    CHECK_EVERY_MS,
    async () => void (await backupPass(deps, state, new Date())),
    deps.log,
    'backup',
  );
}
