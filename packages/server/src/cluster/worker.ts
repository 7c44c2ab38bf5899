import { getPriority, setPriority } from 'node:os';
import type { Config } from '../config.js';
import { countingStatements } from '../db/counted.js';
import { openDatabase } from '../db/open.js';
import { auditSeal, withAuditKey } from '../features/audit/key.js';
import { loadBackupKey } from '../features/backup/key.js';
import { labelWorkerMetrics } from '../features/metrics/cluster.js';
import { recordStatements, startProcessMetrics, watchPool } from '../features/metrics/registry.js';
import { closeNews } from '../features/news/hub.js';
import type { Logger } from '../log.js';
import { startBackground, startServer } from '../server.js';
import { isMessage, JOBS_WORKER, type ToPrimary, type ToWorker, WORKER_ENV } from './messages.js';

/**
 * How many steps of `nice` the jobs worker gives up. Its work comes in bursts
 * (10,000 text reminders due at 6 pm are queued, built and sent in a few
 * minutes): at the same priority it would take a core's share from the HTTP
 * workers just when CHWs are using the app. Niced, the kernel gives the cores
 * to requests first and the jobs the time left over; on an idle machine they
 * run as fast as before. Five steps leave it about a third of a busy core's
 * share: enough that an overdue crisis alert still escalates within seconds.
 */
const JOBS_NICENESS = 5;

const tell = (message: ToPrimary) =>
  new Promise<void>((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });

/** Settles when the primary says the first start is made (`ready`). */
const readyFromPrimary = () =>
  new Promise<void>((resolve) => {
    const heard = (message: unknown) => {
      if (!isMessage<ToWorker>(message, 'puente:ready')) return;
      process.off('message', heard);
      resolve();
    };
    process.on('message', heard);
  });

/**
 * Calls `stop` once on SIGTERM, SIGINT (Ctrl+C reaches every process of the
 * group), the primary's `stop`, or the primary's end (its channel closes:
 * a worker never outlives it), then exits 0, or 1 if stopping failed.
 * With `signalsWaitMs`, a signal only starts a wait for the primary's `stop`
 * (which the primary sends once the HTTP workers are done), stopping anyway
 * when the wait ends.
 */
function stopOnce(stop: () => Promise<void>, log: Logger, signalsWaitMs?: number): void {
  let stopping = false;
  const shutdown = (why: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal: why }, 'worker shutting down');
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  const signalled = (signal: string) => {
    if (signalsWaitMs === undefined) shutdown(signal);
    else setTimeout(() => shutdown(signal), signalsWaitMs).unref();
  };
  process.once('SIGTERM', () => signalled('SIGTERM'));
  process.once('SIGINT', () => signalled('SIGINT'));
  process.once('disconnect', () => shutdown('primary gone'));
  process.on('message', (message: unknown) => {
    if (isMessage<ToWorker>(message, 'puente:stop')) shutdown('primary');
  });
}

/** An HTTP worker: the server without migrations (the primary ran them) and without the background work. */
async function httpWorker(config: Config, log: Logger): Promise<void> {
  const ready = readyFromPrimary();
  const server = await startServer(
    config,
    log,
    // Answers 503 "starting" until the primary has made the first admin or the demo, as one process does.
    async () => {
      await tell({ type: 'puente:waiting' });
      await ready;
    },
    { migrate: false, background: false },
  );
  stopOnce(server.stop, log);
}

/** The jobs worker: serves no HTTP; runs the background work at a lower CPU priority (JOBS_NICENESS). */
async function jobsWorker(startConfig: Config, log: Logger): Promise<void> {
  try {
    setPriority(0, Math.min(19, getPriority(0) + JOBS_NICENESS));
  } catch (error) {
    log.warn({ err: { name: (error as Error).name } }, 'jobs worker could not lower its priority');
  }
  const config = await withAuditKey(startConfig);
  const seal = auditSeal(config);
  const backupKey = config.backup.dir ? await loadBackupKey(config.backup) : undefined;
  const db = countingStatements(await openDatabase(config), recordStatements);
  watchPool(() => db.poolUse?.());
  if (config.metricsToken) startProcessMetrics();
  const ready = readyFromPrimary();
  await tell({ type: 'puente:waiting' });
  await ready;
  const background = await startBackground({ db, config, seal, backupKey, log });
  // Stopped after the HTTP workers (the primary's order), so its last pass links the audit events of
  // their last requests, as one process's stop does. Ctrl+C or a service manager signals every process
  // at once: then it waits for the primary's word, for as long as the HTTP workers may take.
  stopOnce(
    async () => {
      await background.stop();
      await closeNews(db);
      await db.close();
    },
    log,
    config.shutdownGraceSeconds * 1000 + 5000,
  );
}

/**
 * A process the primary forked (cluster/primary.ts). A start that fails is
 * told to the primary, which says it once for all workers and stops.
 */
export async function runWorker(config: Config, parentLog: Logger): Promise<void> {
  const name = process.env[WORKER_ENV] ?? '1';
  // Each line says which worker wrote it, as each metric does.
  const log = parentLog.child({ worker: name });
  labelWorkerMetrics(name);
  try {
    if (name === JOBS_WORKER) await jobsWorker(config, log);
    else await httpWorker(config, log);
  } catch (error) {
    await tell({ type: 'puente:failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}
