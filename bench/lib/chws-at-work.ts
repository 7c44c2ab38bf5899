import { readFile } from 'node:fs/promises';
import { phoneCall } from './load-mix.js';
import type { Random } from './random.js';
import { summarize } from './stats.js';

// CHWs at work while the reminders benchmark sends texts: the day's screens and a visit written
// up, each CHW waiting THINK_MS between calls (a program at work, not a stress test).

/** Each simulated CHW waits this long between calls. */
export const THINK_MS = 500;

export interface Chw {
  cookie: string;
  clients: string[];
}

type Call = (base: string, chw: Chw, r: Random) => Promise<Response>;

// What CHWs do meanwhile: the day's screens and a visit written up.
const mix: { weight: number; call: Call }[] = [
  { weight: 3, call: (b, c) => fetch(`${b}/api/today`, { headers: { cookie: c.cookie } }) },
  { weight: 2, call: (b, c) => fetch(`${b}/api/clients?limit=50`, { headers: { cookie: c.cookie } }) },
  {
    weight: 4,
    call: (b, c, r) => fetch(`${b}/api/clients/${r.pick(c.clients)}`, { headers: { cookie: c.cookie } }),
  },
  {
    weight: 2,
    call: (b, c, r) =>
      fetch(`${b}/api/clients/${r.pick(c.clients)}/encounters`, {
        method: 'POST',
        headers: { cookie: c.cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify(phoneCall()),
      }),
  },
];
const pick = (r: Random) => {
  let roll = r.next() * mix.reduce((n, m) => n + m.weight, 0);
  for (const m of mix) {
    roll -= m.weight;
    if (roll < 0) return m;
  }
  return mix[0] ?? (undefined as never);
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const loadAverage1 = async () => Number((await readFile('/proc/loadavg', 'utf8')).split(' ')[0]);

/** Every CHW calling the mix with think time until `done()`; the latency of each call that started then. */
export async function apiLoad(url: string, chws: Chw[], random: Random, done: () => boolean) {
  const samples: number[] = [];
  /** When each sample's call started (Date.now()), to see which part of a phase was slow. */
  const startedAt: number[] = [];
  let failures = 0;
  await Promise.all(
    chws.map(async (chw, i) => {
      await sleep((i * THINK_MS) / chws.length);
      while (!done()) {
        const t0 = performance.now();
        startedAt.push(Date.now());
        const res = await pick(random)
          .call(url, chw, random)
          .catch(() => undefined);
        await res?.arrayBuffer();
        samples.push(performance.now() - t0);
        if (!res || res.status >= 400) failures += 1;
        await sleep(THINK_MS);
      }
    }),
  );
  return { samples, startedAt, failures };
}

/** p95 of the calls started in each `windowMs` after `from`: where in the phase the slow calls were. */
export function p95ByWindow(
  load: { samples: number[]; startedAt: number[] },
  from: number,
  windowMs: number,
) {
  const windows: number[][] = [];
  load.samples.forEach((ms, i) => {
    const w = Math.max(0, Math.floor(((load.startedAt[i] ?? from) - from) / windowMs));
    const window = windows[w] ?? [];
    window.push(ms);
    windows[w] = window;
  });
  return windows.map((w) => summarize(w ?? []).p95);
}
