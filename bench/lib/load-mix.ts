import { readFile } from 'node:fs/promises';
import { type PullResponse, phq9, uuidv7 } from '@puente/core';
import { createOrganization, importDirectory, type PersonSeed } from '@puente/server';
import { byPoints } from '@puente/server/testing';
import { loadCaseload } from '../generate/caseload.js';
import { generateDirectory } from '../generate/directory.js';
import { labeled, searchPath } from '../scenarios/directory.js';
import { processTree, serverCpuMs } from './cpu.js';
import type { BenchDatabase } from './database.js';
import type { Random } from './random.js';

// The load benchmark's program and the day of its CHWs, shared by the scenarios that put it on a
// server (load, replica).

export const sizes = {
  S: { chws: 50, clientsEach: 20, services: 300, seconds: 15, secondsPerRoute: 3 },
  M: { chws: 200, clientsEach: 25, services: 5_000, seconds: 45, secondsPerRoute: 5 },
  L: { chws: 200, clientsEach: 100, services: 20_000, seconds: 90, secondsPerRoute: 10 },
} as const;
export interface LoadPlan {
  chws: number;
  clientsEach: number;
  services: number;
  seconds: number;
  secondsPerRoute: number;
}

export const password = 'load test password';

export interface Chw {
  cookie: string;
  clients: string[];
  /** The CHW's phone and where its last pull ended. */
  device: string;
  cursor: string;
}

type Call = (base: string, chw: Chw, r: Random) => Promise<Response>;

/** A phone call to a person, as a CHW records it without a note (every benchmark's visit). */
export const phoneCall = () => ({
  kind: 'phone-call',
  occurredAt: new Date().toISOString(),
  language: 'es',
  durationMinutes: 10,
  activities: ['listening-support'],
});

/** The load mix's visit: a phone call with a note (the lean baseline's capture sends the same). */
export const visitBody = () => ({ ...phoneCall(), note: 'Llamada de seguimiento.' });

// The day of a CHW, as a weighted mix of what the app asks the server.
export const mix: { name: string; weight: number; write: boolean; call: Call }[] = [
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
export type Op = (typeof mix)[number];
const pickFrom = (ops: readonly Op[], r: Random) => {
  let roll = r.next() * ops.reduce((n, m) => n + m.weight, 0);
  for (const m of ops) {
    roll -= m.weight;
    if (roll < 0) return m;
  }
  return ops[0] ?? (undefined as never);
};

// The benchmark's own scraper of /metrics (the token is the server's setting, made here).
export const metricsToken = 'load-benchmark-metrics-0123456789abcdef';
/** The server's /metrics page as the benchmark's scraper reads it. */
export const scrapeMetrics = async (url: string): Promise<string> =>
  (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();

/** SQL statements the server has sent so far (puente_db_statements_total). */
async function statementsSent(url: string): Promise<number> {
  const text = await scrapeMetrics(url);
  // One line per process with several workers (labelled `worker`), one line without.
  const lines = [...text.matchAll(/^puente_db_statements_total(?:\{[^}]*\})? (\S+)$/gm)];
  return lines.length === 0 ? Number.NaN : lines.reduce((n, m) => n + Number(m[1]), 0);
}

export interface Phase {
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
export async function runPhase(
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

export const perRequest = (phase: Phase, of: number) =>
  Math.round((of / Math.max(1, phase.requests)) * 100) / 100;

/** Resident memory of the server: its process and, in a cluster, every worker together. */
export async function rssMiB(pid: number | undefined): Promise<number> {
  if (!pid) return Number.NaN;
  let kib = 0;
  for (const p of await processTree(pid)) {
    const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
    kib += Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
  }
  return Math.round(kib / 1024);
}

/** The program: its CHWs, each with a caseload of visits, and a directory; analyzed. */
export async function seedLoad(bench: BenchDatabase, random: Random, plan: LoadPlan) {
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
  const caseloads: string[][] = [];
  for (const p of people) {
    const chwId = userIds[p.email] ?? '';
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
  return { people, caseloads };
}

/** Every CHW signed in, each phone holding its caseload as after its first sync. */
export async function signInAll(url: string, people: PersonSeed[], caseloads: string[][]): Promise<Chw[]> {
  const chws: Chw[] = [];
  for (const [i, p] of people.entries()) {
    const res = await fetch(`${url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email: p.email, password }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const device = uuidv7();
    let cursor = '';
    for (let more = true; more; ) {
      const page = await fetch(
        `${url}/api/sync/pull?device=${device}&limit=5000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { headers: { cookie } },
      );
      if (page.status !== 200) throw new Error(`first pull answered ${page.status}`);
      const body = (await page.json()) as PullResponse;
      cursor = body.cursor;
      more = body.more;
    }
    chws.push({ cookie, clients: caseloads[i] ?? [], device, cursor });
  }
  return chws;
}
