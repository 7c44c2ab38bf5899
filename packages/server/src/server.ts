import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import type { Database } from './db/types.js';
import { startAuditLinker } from './features/audit/link.js';
import { startJobs } from './features/notifications/jobs.js';
import { smtpMailer } from './features/notifications/mailer.js';
import type { Logger } from './log.js';

export interface RunningServer {
  db: Database;
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens the database, migrates it, runs `prepare` (first admin, demo data)
 * and only then listens, so a healthy server is a ready one. `stop` drains
 * requests, then closes the database.
 */
export async function startServer(
  config: Config,
  log: Logger,
  prepare: (db: Database) => Promise<void> = async () => {},
): Promise<RunningServer> {
  const db = await openDatabase(config);
  const applied = await migrate(db);
  if (applied.length > 0) log.info({ applied }, 'database migrated');
  await prepare(db);
  const app = buildApp({ db, config, log });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  // Alert escalation and emails run beside the requests, in this process.
  const jobs = startJobs({ db, config, log, mailer: smtpMailer(config) });
  // Audit events join their organization's hash chain just after they commit.
  const linker = startAuditLinker(db, log);
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await new Promise<void>((resolve) => {
        // Stop accepting, let requests in flight finish; idle keep-alive sockets close now.
        server.close(() => resolve());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, config.shutdownGraceSeconds * 1000).unref();
      });
      await jobs.stop();
      await linker.stop();
      await db.close();
    })();
    return stopping;
  };
  return { db, url, stop };
}
