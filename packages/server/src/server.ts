import type { AddressInfo } from 'node:net';
import {
  createAdaptorServer,
  type Http2Bindings,
  type HttpBindings,
  type ServerType,
} from '@hono/node-server';
import { negotiateLocale, PuenteError } from '@puente/core';
import { buildApp } from './app.js';
import { replicaEvents } from './cluster/read-after-write.js';
import type { Config } from './config.js';
import { countingStatements } from './db/counted.js';
import { migrate } from './db/migrate.js';
import { markMoved } from './db/moved.js';
import { openDatabase } from './db/open.js';
import type { Database } from './db/types.js';
import { auditSeal, withAuditKey } from './features/audit/key.js';
import { refuseIfServed, startControl } from './features/backup/control.js';
import { loadBackupKey } from './features/backup/key.js';
import { recordStatements, watchPool } from './features/metrics/registry.js';
import { closeNews } from './features/news/hub.js';
import { toProblem } from './http/problem.js';
import type { Logger } from './log.js';
import { serverUrl } from './server-url.js';

export interface RunningServer {
  db: Database;
  url: string;
  stop(): Promise<void>;
}

/**
 * The answer while the first admin or the demo is being made, or while the
 * program moves (and after, until this server is stopped): try again later, in
 * the caller's language, as the app's own problems are.
 */
function unavailable(
  request: Request,
  key: 'errors.starting' | 'errors.moving',
  retryAfter: number,
): Response {
  const problem = toProblem(
    new PuenteError(503, key),
    negotiateLocale(request.headers.get('accept-language')),
  );
  return new Response(JSON.stringify(problem), {
    status: 503,
    headers: { 'content-type': 'application/problem+json', 'retry-after': String(retryAfter) },
  });
}

/** The server could not take its port: said plainly, without a stack. */
export class PortError extends Error {}

function listen(server: ServerType, config: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      const where = `${config.host}:${config.port}`;
      reject(
        new PortError(
          error.code === 'EADDRINUSE'
            ? `Port ${where} is already in use: stop the program using it or set PORT to a free port.`
            : `Puente cannot listen on ${where} (${error.code ?? error.name}): check HOST and PORT.`,
        ),
      );
    };
    server.once('error', failed);
    server.listen(config.port, config.host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** How a cluster's HTTP worker (cluster/) starts; one plain process keeps both defaults. */
export interface StartOptions {
  /** false: the cluster's primary migrated the database once, before forking this worker. */
  migrate?: boolean;
  /** false: the background work runs in the cluster's jobs worker, not here (startBackground). */
  background?: boolean;
}

/**
 * Opens the database, migrates it, takes the port, and only then runs
 * `prepare` (first admin, demo data): a port in use fails the start before
 * anything is made. Until `prepare` is done every request is answered 503, so
 * a healthy server is a ready one. `stop` drains requests, then closes the database.
 */
export async function startServer(
  startConfig: Config,
  log: Logger,
  prepare: (db: Database) => Promise<void> = async () => {},
  options: StartOptions = {},
): Promise<RunningServer> {
  // The audit key lives outside the database: made (0600) or read before anything is audited.
  const config = await withAuditKey(startConfig);
  const seal = auditSeal(config);
  // The embedded database is one process's: refuse a data folder another server holds.
  if (!config.databaseUrl) await refuseIfServed(config.dataDir);
  // Scheduled backups need their key: a missing one stops the start, not the first backup a day later.
  const backupKey = config.backup.dir ? await loadBackupKey(config.backup) : undefined;
  const db = countingStatements(await openDatabase(config, replicaEvents(log)), recordStatements);
  watchPool(() => db.poolUse?.());
  // While the program moves to PostgreSQL (`puente move-to-postgres`), and after it has, nothing is served:
  // a write here then would be left behind. Requests in flight are counted so the move waits for them.
  let paused: 'no' | 'moving' | 'moved' = 'no';
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const background = { stop: async () => {}, start: async () => {} };
  // On PGlite, `puente backup` asks this process over a socket in the data folder instead of opening it.
  const control = config.databaseUrl
    ? undefined
    : await startControl({
        db,
        dataDir: config.dataDir,
        log,
        move: {
          async pause() {
            paused = 'moving';
            if (inFlight > 0) {
              await new Promise<void>((resolve) => {
                drained = resolve;
              });
            }
            drained = undefined;
            await background.stop();
          },
          async resume() {
            // Awaited: a stop that follows at once must find the restarted schedule to stop it.
            await background.start();
            paused = 'no';
          },
          async moved(to) {
            await markMoved(config.dataDir, to);
            paused = 'moved';
          },
        },
      }).catch(async (error: unknown) => {
        await db.close();
        throw error;
      });
  if (options.migrate !== false) {
    const applied = await migrate(db, undefined, { log });
    if (applied.length > 0) log.info({ applied }, 'database migrated');
  }
  const app = buildApp({ db, config, log });
  const serve = async (request: Request, env: HttpBindings | Http2Bindings): Promise<Response> => {
    inFlight++;
    try {
      return await app.fetch(request, env);
    } finally {
      inFlight--;
      if (inFlight === 0) drained?.();
    }
  };
  let ready = false;
  const server: ServerType = createAdaptorServer({
    // Alive while the first admin or the demo is made, but not ready: a probe must not restart a slow first start.
    // The adapter's bindings (the socket) go on to the app: without them the caller's address is
    // unknown, to the audit trail and to the per-address limits (getConnInfo threw on every request).
    // Serving, the app answers every path (the liveness probe too): the address is parsed only while not.
    fetch: (request: Request, env: HttpBindings | Http2Bindings) => {
      if (ready && paused === 'no') return serve(request, env);
      if (new URL(request.url).pathname === '/api/health/live') return app.fetch(request, env);
      if (!ready) return unavailable(request, 'errors.starting', 1);
      return unavailable(request, 'errors.moving', 60);
    },
    port: config.port,
    hostname: config.host,
  });
  try {
    await listen(server, config);
    await prepare(db);
  } catch (error) {
    server.close();
    await control?.stop();
    await db.close();
    throw error;
  }
  ready = true;
  if (options.background !== false) {
    // Loaded only by a process that runs them: a cluster's HTTP workers never hold the mailer or the jobs.
    const { startBackground } = await import('./background-work.js');
    const running = await startBackground({ db, config, seal, backupKey, log });
    background.stop = running.stop;
    background.start = running.start;
  }
  const { port } = server.address() as AddressInfo;
  const url = serverUrl(config.host, port);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // News streams never finish on their own: end them so they do not hold the close for the whole grace.
      const streams = closeNews(db);
      await new Promise<void>((resolve) => {
        // Stop accepting, let requests in flight finish; idle keep-alive sockets close now.
        server.close(() => resolve());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, config.shutdownGraceSeconds * 1000).unref();
      });
      await streams;
      await control?.stop();
      // Stopped already when a move paused them; stopping twice is harmless.
      await background.stop();
      await db.close();
    })();
    return stopping;
  };
  return { db, url, stop };
}
