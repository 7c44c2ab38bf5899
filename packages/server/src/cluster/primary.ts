import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.js';
import { withAuditKey } from '../features/audit/key.js';
import { loadBackupKey } from '../features/backup/key.js';
import { serveClusterMetrics } from '../features/metrics/cluster-primary.js';
import type { Logger } from '../log.js';
import { serverUrl } from '../server-url.js';
import { announceFirstStart } from '../setup/announce.js';
import {
  ClusterStartError,
  isMessage,
  JOBS_WORKER,
  type ToPrimary,
  type ToWorker,
  WORKER_ENV,
} from './messages.js';
import { forkSetup } from './setup-process.js';

/** Deaths within CRASH_WINDOW_MS that mean a crash loop: the primary stops instead of forking forever. */
const CRASH_LIMIT = 5;
const CRASH_WINDOW_MS = 60_000;
/** The first restart waits this long, each next death in the window twice as long (at most 10 s). */
const FIRST_BACKOFF_MS = 250;
/** Beyond SHUTDOWN_GRACE_SECONDS, how long the primary waits for workers to exit before killing them. */
const EXIT_MARGIN_MS = 5000;
/**
 * MiB of each half of a worker's young generation (V8's --max-semi-space-size).
 * Left alone, V8 grows it to 16 on a 64-bit machine while the app loads and
 * keeps it: about 30 MiB in each worker, for objects that live one request.
 * Those fit in far less; the cap trades a little CPU for more frequent young
 * collections (see the load benchmark's figures for 2 workers).
 */
const WORKER_SEMI_SPACE_MIB = 4;
/**
 * How far a worker's old generation may grow past what survived its last full collection, in
 * per cent (V8's --heap-growing-percent). Left alone, V8 lets it reach about four times that:
 * 185–205 MB per worker under the load benchmark for 47 MB of live objects, and every process
 * of 2 workers at 651 MiB, over the 600 MB budget. At 50 the same load held them to 432 MiB
 * (548 without, in the same run) at no CPU cost that run could see. Not a limit: a worker that
 * needs more (a 10 MB directory sheet being read) still gets it.
 */
const WORKER_HEAP_GROWING_PERCENT = 50;

/** The workers' Node flags: this process's own, with the heap's growth bounded unless the operator sized it. */
function workerExecArgv(): string[] {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const set = (name: RegExp) => flags.some((flag) => name.test(flag));
  return [
    ...process.execArgv,
    ...(set(/^--max[-_]semi[-_]space[-_]size/) ? [] : [`--max-semi-space-size=${WORKER_SEMI_SPACE_MIB}`]),
    ...(set(/^--heap[-_]growing[-_]percent/)
      ? []
      : [`--heap-growing-percent=${WORKER_HEAP_GROWING_PERCENT}`]),
  ];
}

/**
 * `puente start` with PUENTE_WORKERS above 1 (PostgreSQL only): this process
 * serves nothing itself and loads neither the app nor the database layer. It
 * makes the audit key and checks the backup key, then forks N HTTP workers
 * that share the port (node:cluster hands them its connections in turn), one
 * jobs worker that runs all the background work, and a short-lived setup
 * process that migrates the database meanwhile. Once every worker is up the
 * setup process makes the first admin or the demo, once, and ends; then the
 * workers serve. A worker that dies is forked again after a short wait;
 * five deaths in a minute stop everything with the reason. SIGTERM or SIGINT: every worker finishes its requests in flight
 * (SHUTDOWN_GRACE_SECONDS), then the primary exits 0.
 */
export async function startCluster(
  startConfig: Config,
  log: Logger,
  say: (line: string) => void,
): Promise<void> {
  // Made here, before the workers start: N processes must not race to make N key files.
  const config = await withAuditKey(startConfig);
  // Checked once here, so a missing key stops the start with one message instead of a crash loop.
  if (config.backup.dir) await loadBackupKey(config.backup);
  serveClusterMetrics();
  cluster.setupPrimary({ execArgv: workerExecArgv() });

  const names = [...Array.from({ length: config.workers }, (_, i) => String(i + 1)), JOBS_WORKER];
  const workers = new Map<string, Worker>();
  let stopping = false;
  let prepared = false;
  const deaths: number[] = [];
  let failStart: ((error: Error) => void) | undefined;
  const waitingFor = new Set(names);
  let allWaiting: (() => void) | undefined;

  const send = (worker: Worker, message: ToWorker) => {
    if (worker.isConnected()) worker.send(message);
  };
  const fork = (name: string) => {
    const worker = cluster.fork({ [WORKER_ENV]: name });
    workers.set(name, worker);
    worker.on('message', (message: unknown) => {
      if (isMessage<ToPrimary>(message, 'puente:waiting')) {
        // A worker forked again after the first start serves at once.
        if (prepared) send(worker, { type: 'puente:ready' });
        waitingFor.delete(name);
        if (waitingFor.size === 0) allWaiting?.();
      } else if (isMessage<Extract<ToPrimary, { type: 'puente:wrote' }>>(message, 'puente:wrote')) {
        // With a read replica: every other worker learns how far this user's writes went.
        for (const [other, w] of workers) if (other !== name) send(w, message);
      } else if (isMessage<Extract<ToPrimary, { type: 'puente:failed' }>>(message, 'puente:failed')) {
        if (!prepared) failStart?.(new ClusterStartError(message.message));
        else log.error({ worker: name }, 'worker could not start again');
      }
    });
    worker.on('exit', (code, signal) => {
      if (workers.get(name) === worker) workers.delete(name);
      if (stopping) return;
      if (!prepared) {
        failStart?.(
          new ClusterStartError(`worker ${name} stopped while starting (${signal ?? `exit code ${code}`})`),
        );
        return;
      }
      const now = Date.now();
      deaths.push(now);
      while (deaths.length > 0 && (deaths[0] ?? now) < now - CRASH_WINDOW_MS) deaths.shift();
      if (deaths.length >= CRASH_LIMIT) {
        process.stderr.write(
          `Puente stopped: its workers died ${deaths.length} times within a minute (the last, worker ${name}, with ${signal ?? `exit code ${code}`}); see the log above for why.\n`,
        );
        void stopAll().then(() => process.exit(1));
        return;
      }
      const wait = Math.min(10_000, FIRST_BACKOFF_MS * 2 ** (deaths.length - 1));
      log.error({ worker: name, code, signal, restartInMs: wait }, 'worker died; forking it again');
      setTimeout(() => {
        if (!stopping) fork(name);
      }, wait).unref();
    });
  };

  /** Asks the workers to stop as on SIGTERM and waits for them, killing any still there after the grace. */
  const stopSome = async (running: Worker[]): Promise<boolean> => {
    const exits = running.map(
      (w) => new Promise<boolean>((resolve) => w.once('exit', (code) => resolve(code === 0))),
    );
    for (const w of running) send(w, { type: 'puente:stop' });
    const late = setTimeout(
      () => {
        for (const w of running) if (!w.isDead()) w.process.kill('SIGKILL');
      },
      config.shutdownGraceSeconds * 1000 + EXIT_MARGIN_MS,
    );
    const clean = (await Promise.all(exits)).every(Boolean);
    clearTimeout(late);
    return clean;
  };
  /** The HTTP workers first, then the jobs worker, whose last pass links their last requests' audit events. */
  const stopAll = async (): Promise<boolean> => {
    stopping = true;
    const alive = (name: string) => {
      const w = workers.get(name);
      return w && !w.isDead() ? [w] : [];
    };
    const http = await stopSome(names.filter((n) => n !== JOBS_WORKER).flatMap(alive));
    const jobs = await stopSome(alive(JOBS_WORKER));
    return http && jobs;
  };

  const setup = forkSetup();
  let made: Awaited<ReturnType<typeof setup.prepare>>;
  try {
    await Promise.all([
      setup.migrated,
      new Promise<void>((resolve, reject) => {
        allWaiting = resolve;
        failStart = reject;
        for (const name of names) fork(name);
      }),
    ]);
    // Every worker has the port (or the database): a port in use failed above, before anything was made.
    made = await setup.prepare();
  } catch (error) {
    // A migration under way is let finish, as when the primary ran it before forking anything.
    await setup.migrated.catch(() => {});
    setup.kill();
    await stopAll();
    throw error;
  }
  prepared = true;
  failStart = undefined;
  for (const worker of workers.values()) send(worker, { type: 'puente:ready' });

  let shuttingDown = false;
  const onSignal = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    void stopAll().then((clean) => process.exit(clean ? 0 : 1));
  };
  process.once('SIGTERM', () => onSignal('SIGTERM'));
  process.once('SIGINT', () => onSignal('SIGINT'));
  announceFirstStart(
    made,
    serverUrl(config.host, config.port),
    `database: postgres, ${config.workers} workers and one for background jobs`,
    say,
  );
}
