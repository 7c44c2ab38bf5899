import { getPriority, setPriority } from 'node:os';
import { startBackground } from '../background-work.js';
import type { Config } from '../config.js';
import { countingStatements } from '../db/counted.js';
import { openDatabase } from '../db/open.js';
import { auditSeal, withAuditKey } from '../features/audit/key.js';
import { loadBackupKey } from '../features/backup/key.js';
import { recordStatements, startProcessMetrics, watchPool } from '../features/metrics/registry.js';
import { closeNews } from '../features/news/hub.js';
import type { Logger } from '../log.js';
import { heardFromPrimary, stopOnce, tell } from './lifecycle.js';

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

/**
 * The jobs worker: runs the background work at a lower CPU priority
 * (JOBS_NICENESS). It serves no HTTP, so it never loads the app's routes.
 */
export async function jobsWorker(startConfig: Config, log: Logger): Promise<void> {
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
  const ready = heardFromPrimary('puente:ready');
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
