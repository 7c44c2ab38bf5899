import { createHash, timingSafeEqual } from 'node:crypto';
import { PuenteError } from '@puente/core';
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.js';
import { createRouter } from '../../http/openapi.js';
import { problemResponse } from '../../http/problem.js';
import { version } from '../../version.js';
import { outboxBacklog } from '../notifications/backlog.js';
import { everyWorkersMetrics, isClustered } from './cluster.js';
import { info, outboxOldestAge, outboxPending, programRegistry, registry, watchPool } from './registry.js';

/** Equal secrets, compared in constant time (hashed first, so lengths give nothing away either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Reads what lives in the database or the pool just before Prometheus reads the registry. */
async function readGauges(c: Context<AppEnv>): Promise<void> {
  const { db } = c.get('scope');
  info.set({ version, database: db.kind }, 1);
  const backlog = await outboxBacklog(db, new Date());
  outboxPending.set(backlog.pending);
  outboxOldestAge.set(backlog.oldestAgeSeconds);
  // The pool's gauges read it as they are collected (registry.ts).
  watchPool(() => db.poolUse?.());
}

/**
 * This process's metrics, or with several workers every worker's (each under
 * its `worker` label, cluster.ts); then the program's own figures, once. If
 * the other workers cannot be reached (one restarting), this one's figures
 * still answer rather than none: a scrape must not fail with the cluster.
 */
async function exposition(c: Context<AppEnv>): Promise<string> {
  let processes: string;
  if (isClustered()) {
    processes = await everyWorkersMetrics().catch(async (error: unknown) => {
      c.get('log').warn({ err: { name: (error as Error).name } }, 'metrics of the other workers missing');
      return registry.metrics();
    });
  } else {
    processes = await registry.metrics();
  }
  const program = await programRegistry.metrics();
  return `${processes.replace(/\n*$/, '\n')}${program}`;
}

/**
 * Prometheus metrics in the text format, for a scraper that sends
 * PUENTE_METRICS_TOKEN as a bearer token. Without the setting the address
 * does not exist (404), as for any unknown path. Outside /api: no session.
 */
export const metricsRoutes = createRouter();

metricsRoutes.get('/metrics', async (c) => {
  const token = c.get('config').metricsToken;
  if (!token) throw new PuenteError(404, 'errors.notFound');
  const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (!given || !sameSecret(given, token)) {
    const refused = problemResponse(c, new PuenteError(401, 'errors.metricsTokenRequired'));
    refused.headers.set('www-authenticate', 'Bearer realm="puente-metrics"');
    return refused;
  }
  await readGauges(c);
  return c.body(await exposition(c), 200, { 'content-type': registry.contentType });
});
