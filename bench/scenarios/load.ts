import { readFile } from 'node:fs/promises';
import { createOrganization, type PersonSeed } from '../../packages/server/src/setup/organizations.js';
import { loadCaseload } from '../generate/caseload.js';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { pgbenchInserts } from '../lib/pgbench.js';
import type { Random } from '../lib/random.js';
import { startBuiltServer } from '../lib/server-process.js';
import { summarize } from '../lib/stats.js';

const sizes = {
  S: { chws: 50, clientsEach: 20, seconds: 15 },
  M: { chws: 200, clientsEach: 25, seconds: 45 },
  L: { chws: 200, clientsEach: 100, seconds: 90 },
} as const;
const password = 'load test password';

interface Chw {
  cookie: string;
  clients: string[];
}

type Call = (base: string, chw: Chw, r: Random) => Promise<Response>;

// The day of a CHW, as a weighted mix of what the app asks the server.
const mix: { name: string; weight: number; write: boolean; call: Call }[] = [
  {
    name: 'open Today',
    weight: 20,
    write: false,
    call: (b, c) => fetch(`${b}/api/today`, { headers: { cookie: c.cookie } }),
  },
  {
    name: 'list caseload',
    weight: 15,
    write: false,
    call: (b, c) => fetch(`${b}/api/clients?limit=50`, { headers: { cookie: c.cookie } }),
  },
  {
    name: 'search caseload',
    weight: 10,
    write: false,
    call: (b, c) => fetch(`${b}/api/clients?q=ma`, { headers: { cookie: c.cookie } }),
  },
  {
    name: 'open a person',
    weight: 30,
    write: false,
    call: (b, c, r) => fetch(`${b}/api/clients/${r.pick(c.clients)}`, { headers: { cookie: c.cookie } }),
  },
  {
    name: 'add an encounter',
    weight: 25,
    write: true,
    call: (b, c, r) =>
      fetch(`${b}/api/clients/${r.pick(c.clients)}/encounters`, {
        method: 'POST',
        headers: { cookie: c.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'phone-call',
          occurredAt: new Date().toISOString(),
          language: 'es',
          durationMinutes: 10,
          activities: ['listening-support'],
          note: 'Llamada de seguimiento.',
        }),
      }),
  },
];
const totalWeight = mix.reduce((n, m) => n + m.weight, 0);
const pickCall = (r: Random) => {
  let roll = r.next() * totalWeight;
  for (const m of mix) {
    roll -= m.weight;
    if (roll < 0) return m;
  }
  return mix[0] ?? (undefined as never);
};

async function rssMiB(pid: number | undefined): Promise<number> {
  if (!pid) return Number.NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024);
}

/**
 * N simulated CHWs (200 at size M) working against one server process on
 * loopback with no think time, a realistic mix of reads and writes; and, on
 * PostgreSQL, raw pgbench inserts on the same server as the ceiling.
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
    createOrganization(tx, { name: 'Load', locale: 'es' }, people),
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
  await bench.db.query('analyze');
  if (bench.db.kind === 'pglite') await bench.db.close();

  const server = await startBuiltServer(bench.env);
  const idleRss = await rssMiB(server.child.pid);
  const chws: Chw[] = [];
  for (const [i, p] of people.entries()) {
    const res = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: p.email, password }),
    });
    chws.push({
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      clients: caseloads[i] ?? [],
    });
  }

  const samples = new Map<string, number[]>(mix.map((m) => [m.name, []]));
  let writes = 0;
  let requests = 0;
  let failures = 0;
  let peakRss = idleRss;
  const sampler = setInterval(() => {
    rssMiB(server.child.pid).then(
      (mb) => {
        peakRss = Math.max(peakRss, mb);
      },
      () => {},
    );
  }, 500);
  const end = performance.now() + plan.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    chws.map(async (chw) => {
      while (performance.now() < end) {
        const op = pickCall(random);
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
  clearInterval(sampler);
  await server.stop();

  const values: Record<string, number> = {
    'requests per second': Math.round(requests / elapsed),
    'writes per second (encounters recorded)': Math.round(writes / elapsed),
    'failed requests': failures,
    'server RSS idle, MiB': idleRss,
    'server RSS peak under load, MiB': peakRss,
  };
  const url = bench.env.DATABASE_URL;
  if (url && bench.db.kind === 'postgres') {
    const tps = await pgbenchInserts(bench.db, url, 10, Math.min(30, plan.seconds));
    values['pgbench inserts per second (10 clients)'] = Math.round(tps);
    values['Puente writes ÷ pgbench inserts, %'] = Math.round((writes / elapsed / tps) * 1000) / 10;
  }
  return {
    data: { chws: plan.chws, clients: plan.chws * plan.clientsEach, seconds: plan.seconds },
    figures: Object.fromEntries([...samples].map(([name, list]) => [name, summarize(list)])),
    values,
  };
}
