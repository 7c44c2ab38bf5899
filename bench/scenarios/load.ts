import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { databaseCpu } from '../lib/cpu.js';
import { leanComparison } from '../lib/lean-visit/compare.js';
import {
  metricsToken,
  mix,
  type Phase,
  password,
  perRequest,
  rssMiB,
  runPhase,
  seedLoad,
  signInAll,
  sizes,
  visitBody,
} from '../lib/load-mix.js';
import { pgbenchInserts } from '../lib/pgbench.js';
import { startBuiltServer } from '../lib/server-process.js';
import { summarize } from '../lib/stats.js';

/**
 * N simulated CHWs (200 at size M) working against one server process on
 * loopback with no think time (on PostgreSQL then against two HTTP workers,
 * PUENTE_WORKERS=2, in the same run: requests and writes per second side by side), a realistic mix of reads and writes; and, on
 * PostgreSQL, raw pgbench inserts on the same server as the ceiling. After the
 * mix, each route alone for a few seconds: the server process's CPU milliseconds
 * per request, by route and for the mix (from /proc: the database's CPU is not in it),
 * and the SQL statements it sent per request (from its /metrics).
 * Budgets: writes ≥ 50 % of pgbench inserts; ≤ 300 MB RSS idle, ≤ 600 MB under load.
 */
export async function loadScenario({ bench, random, size, quick }: ScenarioContext): Promise<ScenarioResult> {
  const plan = quick ? { ...sizes[size], seconds: 3 } : sizes[size];
  const { people, caseloads } = await seedLoad(bench, random, plan);
  if (bench.db.kind === 'pglite') await bench.db.close();

  const server = await startBuiltServer({ ...bench.env, PUENTE_METRICS_TOKEN: metricsToken });
  const idleRss = await rssMiB(server.child.pid);
  const chws = await signInAll(server.url, people, caseloads);

  let peakRss = idleRss;
  const sampler = setInterval(() => {
    rssMiB(server.child.pid).then(
      (mb) => {
        peakRss = Math.max(peakRss, mb);
      },
      () => {},
    );
  }, 500);
  const load = await runPhase(server, chws, mix, plan.seconds, random);
  clearInterval(sampler);
  // Then each route alone, by the same CHWs: the server's CPU per request of that route
  // (process CPU time ÷ requests) and, on PostgreSQL, its backends' (what a capacity plan
  // needs per route: which reads a replica would take off the primary).
  const byRoute: Record<string, number> = {};
  const postgres = bench.db.kind === 'postgres' ? await databaseCpu(bench.db) : undefined;
  for (const op of mix) {
    const from = await postgres?.mark();
    const alone = await runPhase(server, chws, [op], quick ? 1 : plan.secondsPerRoute, random);
    byRoute[`server CPU ms per request: ${op.name}`] = perRequest(alone, alone.cpuMs);
    if (postgres && from)
      byRoute[`PostgreSQL CPU ms per request: ${op.name}`] = perRequest(alone, await postgres.since(from));
    byRoute[`SQL statements per request: ${op.name}`] = perRequest(alone, alone.statements);
  }
  // The lean baseline beside Puente's visits, while Puente's server is still up (PostgreSQL:
  // the lean handler speaks node-postgres).
  const url = bench.env.DATABASE_URL;
  const visit = mix.find((m) => m.name === 'add an encounter');
  const lean =
    url && visit && bench.db.kind === 'postgres'
      ? await leanComparison({
          db: bench.db,
          databaseUrl: url,
          poolSize: 10,
          chw: { email: people[0]?.email ?? '', password },
          clientId: chws[0]?.clients[0] ?? '',
          body: visitBody(),
          puente: server,
          rounds: 2,
          visits: (target) => runPhase(target, chws, [visit], quick ? 1 : plan.secondsPerRoute, random),
        })
      : {};
  const { requests, writes, failures, samples } = load;
  const elapsed = load.seconds;
  await server.stop();
  const p95 = (phase: Phase) => summarize([...phase.samples.values()].flat()).p95;

  // The same mix by the same CHWs on the same database (with the first run's writes in it, about
  // 2 % more visits), against two HTTP workers (PUENTE_WORKERS=2): what a second process gives on
  // this machine. PostgreSQL only: PGlite is one process's database.
  const twoWorkers: Record<string, number> = {};
  if (bench.db.kind === 'postgres') {
    const two = await startBuiltServer({
      ...bench.env,
      PUENTE_METRICS_TOKEN: metricsToken,
      PUENTE_WORKERS: '2',
    });
    let peak = await rssMiB(two.child.pid);
    const sampling = setInterval(() => {
      rssMiB(two.child.pid).then(
        (mb) => {
          peak = Math.max(peak, mb);
        },
        () => {},
      );
    }, 500);
    const phase = await runPhase(two, chws, mix, plan.seconds, random);
    clearInterval(sampling);
    await two.stop();
    Object.assign(twoWorkers, {
      'requests per second, 2 workers': Math.round(phase.requests / phase.seconds),
      'writes per second, 2 workers': Math.round(phase.writes / phase.seconds),
      'failed requests, 2 workers': phase.failures,
      'p95 ms over the mix, 2 workers': p95(phase),
      'server CPU ms per request (the mix), 2 workers with the primary and the jobs worker': perRequest(
        phase,
        phase.cpuMs,
      ),
      'SQL statements per request (the mix), 2 workers': perRequest(phase, phase.statements),
      'server RSS peak under load, MiB, every process of 2 workers': peak,
    });
  }

  const values: Record<string, number> = {
    'requests per second': Math.round(requests / elapsed),
    'writes per second (encounters and screens recorded)': Math.round(writes / elapsed),
    'failed requests': failures,
    'server RSS idle, MiB': idleRss,
    'server RSS peak under load, MiB': peakRss,
    'p95 ms over the mix': p95(load),
    'server CPU ms per request (the mix)': perRequest(load, load.cpuMs),
    'SQL statements per request (the mix)': perRequest(load, load.statements),
    ...twoWorkers,
    ...byRoute,
    ...lean,
  };
  if (url && bench.db.kind === 'postgres') {
    // For reference only: even the lean handler reaches a few per cent of raw inserts.
    const tps = await pgbenchInserts(bench.db, url, 10, Math.min(30, plan.seconds));
    values['pgbench inserts per second (10 clients)'] = Math.round(tps);
    values['Puente writes ÷ pgbench inserts, %'] = Math.round((writes / elapsed / tps) * 1000) / 10;
  }
  return {
    data: {
      chws: plan.chws,
      clients: plan.chws * plan.clientsEach,
      services: plan.services,
      seconds: plan.seconds,
    },
    figures: Object.fromEntries([...samples].map(([name, list]) => [name, summarize(list)])),
    values,
  };
}
