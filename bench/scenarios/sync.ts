import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type PullResponse, uuidv7 } from '@puente/core';
import { buildApp, createLogger } from '@puente/server';
import { testConfig } from '@puente/server/testing';
import { loadCaseload } from '../generate/caseload.js';
import { benchChw, oneChwProgram } from '../lib/bench-chw.js';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { summarize } from '../lib/stats.js';
import { type Link, throttlingProxy } from '../lib/throttle.js';

/** Records one CHW holds: clients, their encounters and open follow-ups (M ≈ 57,000, the 50,000 budget). */
export const sizes = {
  S: { clients: 500, encountersPerClient: 10 },
  M: { clients: 5_000, encountersPerClient: 10 },
  L: { clients: 20_000, encountersPerClient: 10 },
} as const;

/** ARCHITECTURE.md's field link: 1.6 Mbit/s, 150 ms round trip. */
const link: Link = { bytesPerSecond: 1_600_000 / 8, rttMs: 150 };

/**
 * One CHW's phone syncing through a throttling proxy on loopback: the
 * initial sync of the whole caseload (time, bytes on the wire, pages) against
 * the budget 1.5 × bytes ÷ bandwidth + 1 s, and one change made offline sent
 * and confirmed (push + pull: two round trips).
 */
export async function syncScenario({ bench, random, size, quick }: ScenarioContext): Promise<ScenarioResult> {
  const { db } = bench;
  const { orgId, chwId } = await oneChwProgram(db);
  const { clientIds } = await loadCaseload(db, random, { orgId, chwId }, sizes[size]);
  await db.query('analyze');
  const [held] = await db.query<{ n: number }>(
    `select ((select count(*) from client where org_id = $1) + (select count(*) from encounter where org_id = $1)
            + (select count(*) from task where org_id = $1))::int as n`,
    [orgId],
  );

  const app = buildApp({ db, config: testConfig(), log: createLogger('silent') });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const proxy = await throttlingProxy((server.address() as AddressInfo).port, link);
  const base = `http://127.0.0.1:${proxy.port}`;
  try {
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      // As the browser sends it: every change must say it came from Puente's own pages.
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify(benchChw),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const headers = { cookie, 'accept-encoding': 'gzip', 'sec-fetch-site': 'same-origin' };
    let rawBytes = 0;
    const pull = async (device: string, cursor?: string) => {
      const q = new URLSearchParams({ device, limit: '5000' });
      if (cursor) q.set('cursor', cursor);
      const res = await fetch(`${base}/api/sync/pull?${q}`, { headers });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${text.slice(0, 200)}`);
      rawBytes += Buffer.byteLength(text);
      return JSON.parse(text) as PullResponse;
    };

    const initial: number[] = [];
    let wire = 0;
    let pages = 0;
    let cursor: string | undefined;
    const device = uuidv7();
    const runs = quick ? 1 : 3;
    for (let run = 0; run < runs; run++) {
      // The last phone is the one that then sends changes.
      const phone = run === runs - 1 ? device : uuidv7();
      const before = proxy.bytes();
      rawBytes = 0;
      pages = 0;
      const start = performance.now();
      let page = await pull(phone);
      pages++;
      while (page.more) {
        page = await pull(phone, page.cursor);
        pages++;
      }
      initial.push(performance.now() - start);
      const after = proxy.bytes();
      wire = after.down - before.down + (after.up - before.up);
      cursor = page.cursor;
    }

    const incremental: number[] = [];
    const oneChangeBytes: number[] = [];
    for (let i = 0; i < (quick ? 3 : 20); i++) {
      const before = proxy.bytes();
      const start = performance.now();
      const clientId = random.pick(clientIds);
      const push = await fetch(`${base}/api/sync/push`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          device,
          mutations: [
            {
              id: uuidv7(),
              kind: 'encounter.record',
              clientId,
              encounter: {
                id: uuidv7(),
                kind: 'phone-call',
                occurredAt: new Date(Date.now() - 60_000).toISOString(),
                language: 'es',
              },
            },
          ],
        }),
      });
      if (push.status !== 200) throw new Error(`push answered ${push.status}`);
      await push.arrayBuffer();
      const page = await pull(device, cursor);
      if (page.more) throw new Error('one change should fit one pull');
      cursor = page.cursor;
      incremental.push(performance.now() - start);
      const after = proxy.bytes();
      oneChangeBytes.push(after.down - before.down + (after.up - before.up));
    }
    const initialSeconds = (initial.at(-1) ?? 0) / 1000;
    const budgetSeconds = (1.5 * wire) / link.bytesPerSecond + 1;
    return {
      data: { records: held?.n ?? 0, clients: sizes[size].clients, bandwidthKbit: 1600, rttMs: link.rttMs },
      figures: {
        'initial sync (whole caseload)': summarize(initial),
        'one change: push + pull': summarize(incremental),
      },
      values: {
        'initial sync bytes on the wire (gzip)': wire,
        'initial sync JSON bytes (uncompressed)': rawBytes,
        'initial sync pages': pages,
        'initial sync seconds': Math.round(initialSeconds * 100) / 100,
        'initial sync budget seconds (1.5 × bytes ÷ bandwidth + 1)': Math.round(budgetSeconds * 100) / 100,
        'one change round trips': 2,
        'one change bytes on the wire (median)': summarize(oneChangeBytes).p50,
      },
    };
  } finally {
    await proxy.close();
    await new Promise((r) => server.close(r));
  }
}
