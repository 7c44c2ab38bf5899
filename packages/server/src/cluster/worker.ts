import type { Config } from '../config.js';
import { labelWorkerMetrics } from '../features/metrics/cluster.js';
import type { Logger } from '../log.js';
import { tell } from './lifecycle.js';
import { JOBS_WORKER, SETUP_WORKER, WORKER_ENV } from './messages.js';

/**
 * A process the primary forked (cluster/primary.ts). Each kind loads only
 * its own modules: the jobs worker and the setup process never load the HTTP
 * app. A start that fails is told to the primary, which says it once for all
 * workers and stops.
 */
export async function runWorker(
  config: Config,
  parentLog: Logger,
  options: { demo: boolean },
): Promise<void> {
  const name = process.env[WORKER_ENV] ?? '1';
  // Each line says which worker wrote it, as each metric does.
  const log = parentLog.child({ worker: name });
  try {
    if (name === SETUP_WORKER) {
      const { setupWorker } = await import('./setup-worker.js');
      await setupWorker(config, log, options);
      process.exit(0);
    }
    labelWorkerMetrics(name);
    if (name === JOBS_WORKER) await (await import('./jobs-worker.js')).jobsWorker(config, log);
    else await (await import('./http-worker.js')).httpWorker(config, log);
  } catch (error) {
    await tell({ type: 'puente:failed', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}
