import { PuenteError } from '@puente/core';
import type { Config } from '../../config.js';
import { loadMigrations } from '../../db/migrate.js';
import type { Database } from '../../db/types.js';
import { outboxBacklog } from '../notifications/backlog.js';

/** A database that has not answered the checks in this long is taken as unreachable. */
export const READY_TIMEOUT_MS = 2000;

/**
 * How long an email may stay due with no sender taking it before the outbox
 * counts as stuck: 10 minutes, or three passes of the jobs when they run less
 * often. A running sender takes a due email within one pass (5 s by default);
 * one that crashed holding emails keeps them for its 5-minute lease, so twice
 * the lease is never a false alarm, and it is still shorter than the 15
 * minutes after which an unacknowledged alert escalates.
 */
export function outboxStuckMinutes(config: Config): number {
  return Math.max(10, Math.ceil((3 * config.jobsIntervalSeconds) / 60));
}

/** Whether the database answers a query at all (the liveness page's one question). */
export function databaseAnswers(db: Database): Promise<boolean> {
  return db.query('select 1').then(
    () => true,
    () => false,
  );
}

let migrationVersions: Promise<number[]> | undefined;

async function migrated(db: Database): Promise<boolean> {
  migrationVersions ??= loadMigrations().then((all) => all.map((m) => m.version));
  const wanted = await migrationVersions;
  try {
    const done = await db.query<{ version: number }>('select version from schema_migration');
    const applied = new Set(done.map((m) => m.version));
    return wanted.every((v) => applied.has(v));
  } catch (error) {
    // No migration table yet: a database nothing has migrated (42P01, undefined_table).
    if ((error as { code?: unknown }).code === '42P01') return false;
    throw error;
  }
}

async function check(db: Database, config: Config, now: Date): Promise<PuenteError | undefined> {
  if (!(await migrated(db))) return new PuenteError(503, 'errors.notMigrated');
  // Without SMTP_HOST no sender runs and emails wait on purpose (alerts are in-app only).
  if (!config.smtp) return undefined;
  const { overdueSeconds } = await outboxBacklog(db, now);
  const minutes = Math.floor(overdueSeconds / 60);
  return minutes >= outboxStuckMinutes(config)
    ? new PuenteError(503, 'errors.outboxStuck', { minutes })
    : undefined;
}

/**
 * Why this server should not take requests now, or undefined when it should:
 * migrations not all applied, the database not answering within
 * READY_TIMEOUT_MS, or due emails nobody sends.
 */
export async function notReadyBecause(
  db: Database,
  config: Config,
  now: Date,
): Promise<PuenteError | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), READY_TIMEOUT_MS);
  });
  try {
    const answer = await Promise.race([check(db, config, now), late]);
    return answer === 'late' ? new PuenteError(503, 'errors.databaseUnreachable') : answer;
  } catch {
    // The error's message may quote the connection string: the reason alone is said.
    return new PuenteError(503, 'errors.databaseUnreachable');
  } finally {
    clearTimeout(timer);
  }
}
