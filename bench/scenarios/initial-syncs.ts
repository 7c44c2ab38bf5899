import { type PullResponse, uuidv7 } from '@puente/core';
import { createOrganization, type PersonSeed } from '@puente/server';
import { loadCaseload } from '../generate/caseload.js';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { cpuMs, databaseCpu } from '../lib/cpu.js';
import { phoneCall } from '../lib/load-mix.js';
import type { Random } from '../lib/random.js';
import { type ServerProcess, startBuiltServer } from '../lib/server-process.js';
import { summarize } from '../lib/stats.js';
import { sizes as caseloads } from './sync.js';

/** The CHWs working steadily (small caseloads, think time between requests), and the phones' caseload (M ≈ 57,000 records). */
const sizes = {
  S: { steady: 20, clientsEach: 10, seconds: 8 },
  M: { steady: 100, clientsEach: 25, seconds: 20 },
  L: { steady: 200, clientsEach: 25, seconds: 30 },
} as const;
/** New phones starting their initial sync at the same moment. */
const PHONES = 5;
/** A steady CHW waits this long between requests (uniform): a server busy, not saturated. */
const THINK_MS = { min: 200, max: 800 } as const;
const password = 'initial syncs benchmark password';

interface Chw {
  cookie: string;
  clients: string[];
  device: string;
  cursor: string;
}

const headersOf = (cookie: string) => ({
  cookie,
  'accept-encoding': 'gzip',
  'sec-fetch-site': 'same-origin',
});

/** What a CHW's app asks all day, by weight (a few of the load benchmark's mix). */
const mix: { weight: number; call: (base: string, c: Chw, r: Random) => Promise<Response> }[] = [
  { weight: 15, call: (b, c) => fetch(`${b}/api/today`, { headers: headersOf(c.cookie) }) },
  { weight: 10, call: (b, c) => fetch(`${b}/api/clients?limit=50`, { headers: headersOf(c.cookie) }) },
  {
    weight: 20,
    call: (b, c, r) => fetch(`${b}/api/clients/${r.pick(c.clients)}`, { headers: headersOf(c.cookie) }),
  },
  {
    weight: 15,
    call: (b, c, r) =>
      fetch(`${b}/api/clients/${r.pick(c.clients)}/encounters`, {
        method: 'POST',
        headers: { ...headersOf(c.cookie), 'content-type': 'application/json' },
        body: JSON.stringify(phoneCall()),
      }),
  },
  {
    // The phone's sync of changes: never waits for a place.
    weight: 10,
    call: async (b, c) => {
      const res = await fetch(
        `${b}/api/sync/pull?device=${c.device}&cursor=${encodeURIComponent(c.cursor)}`,
        {
          headers: headersOf(c.cookie),
        },
      );
      if (res.status !== 200) return res;
      c.cursor = ((await res.json()) as PullResponse).cursor;
      return new Response(null, { status: 200 });
    },
  },
];
const pick = (r: Random) => {
  let roll = r.next() * mix.reduce((n, m) => n + m.weight, 0);
  for (const m of mix) {
    roll -= m.weight;
    if (roll < 0) return m;
  }
  return mix[0] as (typeof mix)[number];
};

async function signIn(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/**
 * A new phone's whole initial sync, as the app does it: page after page while
 * `more`, and when told to wait (503), waiting as long as Retry-After says.
 */
async function initialSync(
  url: string,
  cookie: string,
): Promise<{ pages: number; refused: number; rows: number }> {
  const device = uuidv7();
  let cursor: string | undefined;
  let pages = 0;
  let refused = 0;
  let rows = 0;
  for (;;) {
    const q = new URLSearchParams({ device, limit: '5000' });
    if (cursor) q.set('cursor', cursor);
    const res = await fetch(`${url}/api/sync/pull?${q}`, { headers: headersOf(cookie) });
    if (res.status === 503) {
      await res.arrayBuffer();
      refused++;
      const seconds = Number(res.headers.get('retry-after'));
      if (!(seconds > 0)) throw new Error('a 503 without Retry-After');
      await new Promise((r) => setTimeout(r, seconds * 1000));
      continue;
    }
    if (res.status !== 200) throw new Error(`initial pull answered ${res.status}`);
    const page = (await res.json()) as PullResponse;
    pages++;
    rows += page.rows.length;
    cursor = page.cursor;
    if (!page.more) return { pages, refused, rows };
  }
}

/** The steady CHWs working until `until()` says stop; each request's time, with when it started. */
async function steadyLoad(url: string, chws: Chw[], random: Random, until: () => boolean) {
  const samples: { at: number; ms: number }[] = [];
  let failures = 0;
  await Promise.all(
    chws.map(async (chw) => {
      // Not all at the same moment.
      await new Promise((r) => setTimeout(r, random.int(0, THINK_MS.max)));
      while (!until()) {
        const at = performance.now();
        const res = await pick(random)
          .call(url, chw, random)
          .catch(() => undefined);
        await res?.arrayBuffer();
        samples.push({ at, ms: performance.now() - at });
        if (!res || res.status >= 400) failures++;
        await new Promise((r) => setTimeout(r, random.int(THINK_MS.min, THINK_MS.max)));
      }
    }),
  );
  return { samples, failures };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Initial syncs that must not starve everyone else: a steady load of CHWs
 * doing ordinary requests (with think time: busy, not saturated) against one
 * server process; others' p95 without initial syncs, then while 5 new phones
 * start the initial sync of a whole caseload (M: 57,044 records each) at the
 * same moment, honouring 503 + Retry-After. Before both, one initial sync
 * alone: the server process's CPU seconds for it (from /proc, every thread,
 * gzip included) and, on PostgreSQL, its backends'.
 * Budget: others' p95 with the phones within 1.5 × without.
 */
export async function initialSyncsScenario({
  bench,
  random,
  size,
  quick,
}: ScenarioContext): Promise<ScenarioResult> {
  const plan = quick ? { ...sizes[size], seconds: 3 } : sizes[size];
  const people: PersonSeed[] = [
    { email: 'phones@initial.test', displayName: 'New phones', role: 'chw', locale: 'es', password },
    ...Array.from({ length: plan.steady }, (_, i) => ({
      email: `chw${i}@initial.test`,
      displayName: `CHW ${i}`,
      role: 'chw' as const,
      locale: 'es' as const,
      password,
    })),
  ];
  const { orgId, userIds } = await bench.db.transaction((tx) =>
    createOrganization(tx, { name: 'Initial syncs', locale: 'es', twoFactor: 'none' }, people),
  );
  await loadCaseload(
    bench.db,
    random,
    { orgId, chwId: userIds['phones@initial.test'] ?? '' },
    caseloads[size],
  );
  const small: string[][] = [];
  for (const p of people.slice(1))
    small.push(
      (
        await loadCaseload(
          bench.db,
          random,
          { orgId, chwId: userIds[p.email] ?? '' },
          { clients: plan.clientsEach, encountersPerClient: 5 },
        )
      ).clientIds,
    );
  const [held] = await bench.db.query<{ n: number }>(
    `select ((select count(*) from client where assigned_chw_id = $1) + (select count(*) from encounter e join client c on c.id = e.client_id where c.assigned_chw_id = $1)
            + (select count(*) from task t join client c on c.id = t.client_id where c.assigned_chw_id = $1))::int as n`,
    [userIds['phones@initial.test']],
  );
  await bench.db.query('analyze');
  const onPostgres = bench.db.kind === 'postgres';
  if (!onPostgres) await bench.db.close();

  // One HTTP process: the places are per process, and its CPU is the figure.
  const server: ServerProcess = await startBuiltServer({
    ...bench.env,
    PUENTE_WORKERS: '1',
    ...(process.env.SYNC_INITIAL_PULLS_AT_ONCE
      ? { SYNC_INITIAL_PULLS_AT_ONCE: process.env.SYNC_INITIAL_PULLS_AT_ONCE }
      : {}),
  });
  try {
    const url = server.url;
    const phonesCookie = await signIn(url, 'phones@initial.test');
    const chws: Chw[] = [];
    for (const [i, p] of people.slice(1).entries()) {
      const cookie = await signIn(url, p.email);
      // Each steady CHW's phone already holds its caseload: its pulls are of changes.
      const device = uuidv7();
      let cursor = '';
      for (let more = true; more; ) {
        const res = await fetch(
          `${url}/api/sync/pull?device=${device}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { headers: headersOf(cookie) },
        );
        if (res.status !== 200) throw new Error(`a steady CHW's first pull answered ${res.status}`);
        const page = (await res.json()) as PullResponse;
        cursor = page.cursor;
        more = page.more;
      }
      chws.push({ cookie, clients: small[i] ?? [], device, cursor });
    }

    // One initial sync alone, repeated: its CPU, the server's and PostgreSQL's.
    const pg = onPostgres ? await databaseCpu(bench.db) : undefined;
    const serverCpu: number[] = [];
    const databaseCpuMs: number[] = [];
    const alone: number[] = [];
    let pagesEach = 0;
    let rowsEach = 0;
    for (let run = 0; run < (quick ? 1 : 3); run++) {
      const pgBefore = await pg?.mark();
      const before = await cpuMs(server.child.pid);
      const start = performance.now();
      const { pages, rows } = await initialSync(url, phonesCookie);
      alone.push(performance.now() - start);
      serverCpu.push((await cpuMs(server.child.pid)) - before);
      if (pg && pgBefore) databaseCpuMs.push(await pg.since(pgBefore));
      pagesEach = pages;
      rowsEach = rows;
    }

    // Others without initial syncs.
    const withoutEnd = performance.now() + plan.seconds * 1000;
    const without = await steadyLoad(url, chws, random, () => performance.now() > withoutEnd);

    // Others while 5 new phones start their initial syncs at the same moment.
    let syncing = true;
    const started = performance.now() + 1000;
    const load = steadyLoad(
      url,
      chws,
      random,
      () => !syncing && performance.now() > started + plan.seconds * 1000,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const phones = await Promise.all(
      Array.from({ length: PHONES }, async () => {
        const result = await initialSync(url, phonesCookie);
        return { ...result, ms: performance.now() - started };
      }),
    );
    const ended = performance.now();
    syncing = false;
    const during = await load;
    // Only the requests made while phones were syncing count as "with".
    const withSamples = during.samples.filter((s) => s.at >= started && s.at <= ended).map((s) => s.ms);
    const withoutSamples = without.samples.map((s) => s.ms);
    const p95Without = summarize(withoutSamples).p95;
    const p95With = summarize(withSamples).p95;
    const median = (list: number[]) => summarize(list).p50;
    return {
      data: {
        steadyChws: plan.steady,
        phones: PHONES,
        recordsPerPhone: held?.n ?? 0,
        thinkMsMin: THINK_MS.min,
        thinkMsMax: THINK_MS.max,
        seconds: plan.seconds,
      },
      figures: {
        'others without initial syncs': summarize(withoutSamples),
        'others while 5 phones do initial syncs': summarize(withSamples),
        'one initial sync alone (loopback)': summarize(alone),
        '5 phones at once: each until its whole caseload is in': summarize(phones.map((p) => p.ms)),
      },
      values: {
        "others' p95 with ÷ without (budget 1.5)": round2(p95With / p95Without),
        'others: requests per second without': Math.round(withoutSamples.length / plan.seconds),
        'others: requests per second with': Math.round(withSamples.length / ((ended - started) / 1000)),
        'others: failed requests (without, with)': without.failures + during.failures,
        'server CPU seconds per initial sync (median)': round2(median(serverCpu) / 1000),
        ...(pg
          ? { 'PostgreSQL CPU seconds per initial sync (median)': round2(median(databaseCpuMs) / 1000) }
          : {}),
        'records per initial sync (rows pulled)': rowsEach,
        'pages per initial sync': pagesEach,
        '503s answered to the 5 phones (Retry-After honoured)': phones.reduce((n, p) => n + p.refused, 0),
        'seconds until all 5 phones had their caseload': round2((ended - started) / 1000),
        'places for initial pulls (SYNC_INITIAL_PULLS_AT_ONCE)': Number(
          process.env.SYNC_INITIAL_PULLS_AT_ONCE ?? 1,
        ),
      },
    };
  } finally {
    await server.stop();
  }
}
