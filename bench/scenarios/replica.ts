import { type Database, openPostgres } from '@puente/server';
import { startStreamingPair } from '@puente/server/testing';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { cpuMs, databaseCpu } from '../lib/cpu.js';
import { type BenchDatabase, benchDatabase } from '../lib/database.js';
import {
  metricsToken,
  mix,
  perRequest,
  runPhase,
  scrapeMetrics,
  seedLoad,
  signInAll,
  sizes,
} from '../lib/load-mix.js';
import { startBuiltServer } from '../lib/server-process.js';
import { summarize } from '../lib/stats.js';

/** The PostgreSQL processes that move the WAL: the primary's sender, the replica's receiver and replay. */
async function replicationCpu(primary: Database, replica: Database): Promise<() => Promise<number>> {
  const pids = async (db: Database, kinds: string[]) =>
    (
      await db.query<{ pid: number }>(
        'select pid from pg_stat_activity where backend_type = any($1::text[])',
        [kinds],
      )
    ).map((r) => r.pid);
  const all = [...(await pids(primary, ['walsender'])), ...(await pids(replica, ['startup', 'walreceiver']))];
  const total = async () => (await Promise.all(all.map(cpuMs))).reduce((a, b) => a + b, 0);
  const from = await total();
  return async () => (await total()) - from;
}

/** Until the replica has replayed everything the primary had written when asked. */
async function caughtUp(primary: Database, replica: Database): Promise<void> {
  const [at] = await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
  for (let tries = 0; tries < 600; tries++) {
    const [done] = await replica.query<{ ok: boolean }>(
      'select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok',
      [at?.lsn],
    );
    if (done?.ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the replica did not catch up within a minute');
}

/** Read-mostly requests so far by where they read (puente_db_replica_reads_total, label `to`). */
async function readsByWhere(url: string): Promise<{ replica: number; primary: number }> {
  const text = await scrapeMetrics(url);
  const count = (to: string) =>
    [
      ...text.matchAll(new RegExp(`^puente_db_replica_reads_total\\{[^}]*to="${to}"[^}]*\\} (\\S+)$`, 'gm')),
    ].reduce((n, m) => n + Number(m[1]), 0);
  return { replica: count('replica'), primary: count('primary') };
}

/**
 * The load benchmark's program on a PostgreSQL primary with a streaming replica of it, both
 * started here on loopback (the same throwaway pair the replica tests use: fsync off, small
 * shared buffers, so compare the two servers of one run, not these figures with the load
 * benchmark's). Each route alone, then the mix, against a server reading everything from the
 * primary and then one with DATABASE_READ_URL: per request, the server's CPU, the primary's
 * backends', the replica's backends' and the WAL's shipping and replay, and the statements.
 * What the capacity model takes per replica.
 */
export async function replicaScenario({
  bench: asked,
  random,
  size,
  quick,
}: ScenarioContext): Promise<ScenarioResult> {
  // The pair is PostgreSQL's; the database asked for only says so.
  if (asked.db.kind !== 'postgres') throw new Error('replica measures PostgreSQL: run it with --db postgres');
  const plan = quick ? { ...sizes[size], seconds: 3, secondsPerRoute: 1 } : sizes[size];
  const pair = await startStreamingPair();
  let bench: BenchDatabase | undefined;
  let replica: Database | undefined;
  try {
    const admin = pair.primaryUrl.replace(/\/[^/]+$/, '/postgres');
    const made = await benchDatabase('postgres', { admin });
    bench = made;
    const primaryDb = made.db;
    const replicaUrl = pair.replicaUrl.replace(/\/[^/]+$/, `/${made.name}`);
    const { people, caseloads } = await seedLoad(made, random, plan);
    const replicaDb = await openPostgres(replicaUrl, 2);
    replica = replicaDb;
    await caughtUp(primaryDb, replicaDb);
    const primaryCpu = await databaseCpu(primaryDb);
    const replicaCpu = await databaseCpu(replicaDb);
    const values: Record<string, number> = {};
    const figures: ScenarioResult['figures'] = {};
    for (const [label, env] of [
      ['primary only', {}],
      ['with the replica', { DATABASE_READ_URL: replicaUrl }],
    ] as const) {
      const server = await startBuiltServer({ ...made.env, PUENTE_METRICS_TOKEN: metricsToken, ...env });
      try {
        const chws = await signInAll(server.url, people, caseloads);
        await caughtUp(primaryDb, replicaDb);
        const measured = async (ops: typeof mix, seconds: number) => {
          const from = { primary: await primaryCpu.mark(), replica: await replicaCpu.mark() };
          const shipping = await replicationCpu(primaryDb, replicaDb);
          const readsBefore = await readsByWhere(server.url);
          const phase = await runPhase(server, chws, ops, seconds, random);
          return {
            phase,
            server: perRequest(phase, phase.cpuMs),
            primary: perRequest(phase, await primaryCpu.since(from.primary)),
            replica: perRequest(phase, await replicaCpu.since(from.replica)),
            shipping: perRequest(phase, await shipping()),
            statements: perRequest(phase, phase.statements),
            onReplica: await readsByWhere(server.url).then((r) => {
              const replica = r.replica - readsBefore.replica;
              const all = replica + r.primary - readsBefore.primary;
              return all === 0 ? 0 : Math.round((replica / all) * 100);
            }),
          };
        };
        for (const op of mix) {
          const m = await measured([op], plan.secondsPerRoute);
          values[`${op.name}, ${label}: server CPU ms`] = m.server;
          values[`${op.name}, ${label}: primary CPU ms`] = m.primary;
          if (label === 'with the replica') {
            values[`${op.name}, ${label}: replica CPU ms`] = m.replica;
            values[`${op.name}, ${label}: read-mostly requests read on the replica, %`] = m.onReplica;
          }
          values[`${op.name}, ${label}: WAL shipped and replayed, CPU ms`] = m.shipping;
          values[`${op.name}, ${label}: SQL statements`] = m.statements;
        }
        const all = await measured(mix, plan.seconds);
        figures[`the mix, ${label}`] = summarize([...all.phase.samples.values()].flat());
        values[`the mix, ${label}: requests per second`] = Math.round(all.phase.requests / all.phase.seconds);
        values[`the mix, ${label}: failed requests`] = all.phase.failures;
        values[`the mix, ${label}: server CPU ms per request`] = all.server;
        values[`the mix, ${label}: primary CPU ms per request`] = all.primary;
        values[`the mix, ${label}: replica CPU ms per request`] = all.replica;
        values[`the mix, ${label}: WAL shipped and replayed, CPU ms per request`] = all.shipping;
        values[`the mix, ${label}: SQL statements per request`] = all.statements;
      } finally {
        await server.stop();
      }
    }
    return {
      data: { chws: plan.chws, clients: plan.chws * plan.clientsEach, services: plan.services },
      figures,
      values,
    };
  } finally {
    await replica?.close().catch(() => {});
    await bench?.drop();
    await pair.stop();
  }
}
