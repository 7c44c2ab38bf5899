import { buildApp, createLogger } from '@puente/server';
import { testConfig } from '@puente/server/testing';
import { loadCaseload } from '../generate/caseload.js';
import { familyNames } from '../generate/people.js';
import { benchChw, oneChwProgram } from '../lib/bench-chw.js';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { summarize, type Timing, timeEach } from '../lib/stats.js';

export const sizes = {
  S: { clients: 500, encountersPerClient: 10 },
  M: { clients: 5_000, encountersPerClient: 10 },
  L: { clients: 20_000, encountersPerClient: 10 },
} as const;

/**
 * One CHW with a large caseload, measured through the whole HTTP stack
 * in process (routing, session, validation, scope, audit write, JSON), not
 * over a socket: the caseload list, name and phone search, opening a person,
 * and the Today screen.
 */
export async function caseloadScenario({
  bench,
  random: r,
  size,
  quick,
}: ScenarioContext): Promise<ScenarioResult> {
  const { db } = bench;
  const { orgId, chwId } = await oneChwProgram(db);
  const loadStart = performance.now();
  const { clientIds } = await loadCaseload(db, r, { orgId, chwId }, sizes[size]);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  await db.query('analyze');

  const app = buildApp({ db, config: testConfig(), log: createLogger('silent') });
  const signIn = await app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify(benchChw),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = async (path: string) => {
    const res = await app.request(path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    await res.arrayBuffer();
  };
  const phones = await db.query<{ phone: string }>(
    'select phone from client where org_id = $1 and phone is not null limit 200',
    [orgId],
  );
  const runs = quick ? 20 : 200;
  const warmup = quick ? 2 : 20;
  const figures: Record<string, Timing> = {
    'list first page (50)': summarize(await timeEach(runs, warmup, () => get('/api/clients?limit=50'))),
    'search by name': summarize(
      await timeEach(runs, warmup, () =>
        get(`/api/clients?q=${encodeURIComponent(r.pick(familyNames).slice(0, 5))}`),
      ),
    ),
    'search by phone digits': summarize(
      await timeEach(runs, warmup, (i) =>
        get(`/api/clients?q=${phones[i % phones.length]?.phone.slice(-4) ?? '0000'}`),
      ),
    ),
    'open a person': summarize(await timeEach(runs, warmup, () => get(`/api/clients/${r.pick(clientIds)}`))),
    'Today screen': summarize(await timeEach(runs, warmup, () => get('/api/today'))),
  };
  return {
    data: {
      clients: sizes[size].clients,
      encounters: sizes[size].clients * sizes[size].encountersPerClient,
      loadSeconds,
    },
    figures,
  };
}
