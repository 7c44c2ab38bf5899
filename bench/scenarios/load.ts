import { readFile } from 'node:fs/promises';
import { type PullResponse, phq9, uuidv7 } from '@puente/core';
import { createOrganization, importDirectory, type PersonSeed } from '@puente/server';
import { byPoints } from '@puente/server/testing';
import { loadCaseload } from '../generate/caseload.js';
import { generateDirectory } from '../generate/directory.js';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { databaseCpu, processTree, serverCpuMs } from '../lib/cpu.js';
import { leanComparison } from '../lib/lean-visit/compare.js';
import { pgbenchInserts } from '../lib/pgbench.js';
import type { Random } from '../lib/random.js';
import { startBuiltServer } from '../lib/server-process.js';
import { summarize } from '../lib/stats.js';
import { labeled, searchPath } from './directory.js';

const sizes = {
  S: { chws: 50, clientsEach: 20, services: 300, seconds: 15, secondsPerRoute: 3 },
  M: { chws: 200, clientsEach: 25, services: 5_000, seconds: 45, secondsPerRoute: 5 },
  L: { chws: 200, clientsEach: 100, services: 20_000, seconds: 90, secondsPerRoute: 10 },
} as const;
const password = 'load test password';

interface Chw {
  cookie: string;
  clients: string[];
  /** The CHW's phone and where its last pull ended. */
  device: string;
  cursor: string;
}

type Call = (base: string, chw: Chw, r: Random) => Promise<Response>;

/** A CHW's phone call as the app records it (the lean baseline's capture sends the same). */
const visitBody = () => ({
  kind: 'phone-call',
  occurredAt: new Date().toISOString(),
  language: 'es',
  durationMinutes: 10,
  activities: ['listening-support'],
  note: 'Llamada de seguimiento.',
});

// The day of a CHW, as a weighted mix of what the app asks the server.
const mix: { name: string; weight: number; write: boolean; call: Call }[] = [
  {
    name: 'open Today',
    weight: 15,
    write: false,
    call: (b, c) => fetch(`${b}/api/today`, { headers: { cookie: c.cookie } }),
  },
  {
    name: 'list caseload',
    weight: 10,
    write: false,
    call: (b, c) => fetch(`${b}/api/clients?limit=50`, { headers: { cookie: c.cookie } }),
  },
  {
    name: 'search caseload',
    weight: 5,
    write: false,
    call: (b, c) => fetch(`${b}/api/clients?q=ma`, { headers: { cookie: c.cookie } }),
  },
  {
    name: 'open a person',
    weight: 20,
    write: false,
    call: (b, c, r) => fetch(`${b}/api/clients/${r.pick(c.clients)}`, { headers: { cookie: c.cookie } }),
  },
  {
    name: 'add an encounter',
    weight: 20,
    write: true,
    call: (b, c, r) =>
      fetch(`${b}/api/clients/${r.pick(c.clients)}/encounters`, {
        method: 'POST',
        headers: { cookie: c.cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify(visitBody()),
      }),
  },
  {
    // Mostly low answers and never item 9, so no crisis alert: a routine screen.
    name: 'screen (PHQ-9)',
    weight: 10,
    write: true,
    call: (b, c, r) =>
      fetch(`${b}/api/clients/${r.pick(c.clients)}/screenings`, {
        method: 'POST',
        headers: { cookie: c.cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({
          ...byPoints(
            phq9,
            'phq9',
            Array.from({ length: 9 }, (_, i) => (i < 8 && r.chance(0.3) ? r.int(1, 3) : 0)),
          ),
          authored: new Date().toISOString(),
        }),
      }),
  },
  {
    name: 'search the directory',
    weight: 10,
    write: false,
    call: (b, c, r) => fetch(`${b}${searchPath(r.pick(labeled))}`, { headers: { cookie: c.cookie } }),
  },
  {
    // The phone's sync: changes since its last pull (its own and its colleagues' writes).
    name: 'sync (pull changes)',
    weight: 10,
    write: false,
    call: async (b, c) => {
      const res = await fetch(
        `${b}/api/sync/pull?device=${c.device}&cursor=${encodeURIComponent(c.cursor)}`,
        {
          headers: { cookie: c.cookie },
        },
      );
      if (res.status !== 200) return res;
      const page = (await res.json()) as PullResponse;
      c.cursor = page.cursor;
      return new Response(null, { status: 200 });
    },
  },
];
type Op = (typeof mix)[number];
const pickFrom = (ops: readonly Op[], r: Random) => {
  let roll = r.next() * ops.reduce((n, m) => n + m.weight, 0);
  for (const m of ops) {
    roll -= m.weight;
    if (roll < 0) return m;
  }
  return ops[0] ?? (undefined as never);
};

// The benchmark's own scraper of /metrics (the token is the server's setting, made here).
const metricsToken = 'load-benchmark-metrics-0123456789abcdef';
/** SQL statements the server has sent so far (puente_db_statements_total). */
async function statementsSent(url: string): Promise<number> {
  const text = await (
    await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
  ).text();
  // One line per process with several workers (labelled `worker`), one line without.
  const lines = [...text.matchAll(/^puente_db_statements_total(?:\{[^}]*\})? (\S+)$/gm)];
  return lines.length === 0 ? Number.NaN : lines.reduce((n, m) => n + Number(m[1]), 0);
}

interface Phase {
  requests: number;
  writes: number;
  failures: number;
  seconds: number;
  /** The server process's CPU milliseconds over the phase. */
  cpuMs: number;
  /** SQL statements the server sent over the phase (its background jobs' few included). */
  statements: number;
  samples: Map<string, number[]>;
}

/** Every CHW calling `ops` (by weight) with no think time for `seconds`, against the server. */
async function runPhase(
  server: { url: string; child: { pid?: number | undefined } },
  chws: Chw[],
  ops: readonly Op[],
  seconds: number,
  random: Random,
): Promise<Phase> {
  const samples = new Map<string, number[]>(ops.map((m) => [m.name, []]));
  let writes = 0;
  let requests = 0;
  let failures = 0;
  const statementsBefore = await statementsSent(server.url);
  const cpuBefore = await serverCpuMs(server.child.pid);
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    chws.map(async (chw) => {
      while (performance.now() < end) {
        const op = pickFrom(ops, random);
        const t0 = performance.now();
        const res = await op.call(server.url, chw, random).catch(() => undefined);
        await res?.arrayBuffer();
        samples.get(op.name)?.push(performance.now() - t0);
        requests += 1;
        if (!res || res.status >= 400) failures += 1;
        else if (op.write) writes += 1;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = (await serverCpuMs(server.child.pid)) - cpuBefore;
  const statements = (await statementsSent(server.url)) - statementsBefore;
  return { requests, writes, failures, seconds: elapsed, cpuMs: cpu, statements, samples };
}

const perRequest = (phase: Phase, of: number) => Math.round((of / Math.max(1, phase.requests)) * 100) / 100;

/** Resident memory of the server: its process and, in a cluster, every worker together. */
async function rssMiB(pid: number | undefined): Promise<number> {
  if (!pid) return Number.NaN;
  let kib = 0;
  for (const p of await processTree(pid)) {
    const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
    kib += Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  }
  return Math.round(kib / 1024);
}

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
  const people: PersonSeed[] = Array.from({ length: plan.chws }, (_, i) => ({
    email: `chw${i}@load.test`,
    displayName: `CHW ${i}`,
    role: 'chw',
    locale: i % 3 === 0 ? 'en' : 'es',
    password,
  }));
  const { orgId, userIds } = await bench.db.transaction((tx) =>
    createOrganization(tx, { name: 'Load', locale: 'es', twoFactor: 'none' }, people),
  );
  const chwIds = people.map((p) => userIds[p.email] ?? '');
  const caseloads: string[][] = [];
  for (const chwId of chwIds) {
    caseloads.push(
      (
        await loadCaseload(
          bench.db,
          random,
          { orgId, chwId },
          { clients: plan.clientsEach, encountersPerClient: 5 },
        )
      ).clientIds,
    );
  }
  const { records } = generateDirectory(random, plan.services);
  const directory = await importDirectory(bench.db, orgId, { records, rejected: [], merge: false });
  if (directory.rejected.length > 0) throw new Error('generated directory rows refused');
  await bench.db.query('analyze');
  if (bench.db.kind === 'pglite') await bench.db.close();

  const server = await startBuiltServer({ ...bench.env, PUENTE_METRICS_TOKEN: metricsToken });
  const idleRss = await rssMiB(server.child.pid);
  const chws: Chw[] = [];
  for (const [i, p] of people.entries()) {
    const res = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email: p.email, password }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    // Each phone first holds its caseload, as after its first sync.
    const device = uuidv7();
    let cursor = '';
    for (let more = true; more; ) {
      const page = await fetch(
        `${server.url}/api/sync/pull?device=${device}&limit=5000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { headers: { cookie } },
      );
      if (page.status !== 200) throw new Error(`first pull answered ${page.status}`);
      const body = (await page.json()) as PullResponse;
      cursor = body.cursor;
      more = body.more;
    }
    chws.push({ cookie, clients: caseloads[i] ?? [], device, cursor });
  }

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
