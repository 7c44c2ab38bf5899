import type { FirstStartMade } from '../setup/announce.js';

/**
 * What the primary and its workers tell each other over the cluster's IPC
 * channel (metrics travel apart, features/metrics/cluster.ts).
 */
export type ToPrimary =
  /** The worker took the port (or, the jobs worker, opened the database) and waits for `ready`. */
  | { type: 'puente:waiting' }
  /** The worker could not start; the primary says why, once, instead of every worker. */
  | { type: 'puente:failed'; message: string }
  /** A user's write reached this WAL position: the primary passes it to the other workers (read-after-write.ts). */
  | { type: 'puente:wrote'; userId: string; lsn: string }
  /** The setup process migrated the database and waits for `prepare`. */
  | { type: 'puente:migrated' }
  /** The setup process made the first admin or the demo: the primary says it once the workers serve. */
  | { type: 'puente:prepared'; made: FirstStartMade };

export type ToWorker =
  /** The database is migrated and the first start made: serve (or run the jobs). */
  | { type: 'puente:ready' }
  /** Stop as on SIGTERM: finish the requests in flight, then exit 0. */
  | { type: 'puente:stop' }
  /** Another worker's word that a user wrote up to `lsn`: their replica reads here wait for it too. */
  | { type: 'puente:wrote'; userId: string; lsn: string }
  /** To the setup process: every worker holds the port (or the database); make the first admin or the demo. */
  | { type: 'puente:prepare' };

/** The environment variable that tells a forked process which worker it is: "1"…"N", "jobs" or "setup". */
export const WORKER_ENV = 'PUENTE_WORKER';
export const JOBS_WORKER = 'jobs';
/** The short-lived process that migrates and makes the first start, so the primary never loads the app. */
export const SETUP_WORKER = 'setup';

/** A start of the cluster that failed: said once, for every worker. */
export class ClusterStartError extends Error {}

export const isMessage = <T extends { type: string }>(message: unknown, type: T['type']): message is T =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;
