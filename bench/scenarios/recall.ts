import { buildApp, createLogger, importDirectory } from '@puente/server';
import { testConfig } from '@puente/server/testing';
import { alderCounty, alderServiceId } from '../generate/alder-county.js';
import { alderQueries, type Labelled } from '../generate/alder-queries.js';
import { benchChw, oneChwProgram } from '../lib/bench-chw.js';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { summarize, type Timing, timeEach } from '../lib/stats.js';

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Recall on a directory no one tuned the search to: the fictional Alder County (161
 * services, English listings) and its labelled queries, half in Spanish, some misspelt.
 * For each language: recall@5 (the share of a query's right services in its first five,
 * out of at most five), hit@5 (queries with a right service in the first five) and
 * precision@5, through the CHW search and the HSDS API's ranked `?search=`.
 * The size is ignored: the county is what it is.
 */
export async function recallScenario({ bench, quick }: ScenarioContext): Promise<ScenarioResult> {
  const { db } = bench;
  const { orgId } = await oneChwProgram(db);
  const report = await importDirectory(db, orgId, { records: alderCounty(), rejected: [], merge: false });
  if (report.rejected.length > 0)
    throw new Error(`Alder County rows refused: ${JSON.stringify(report.rejected[0])}`);
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
    return res.json();
  };
  const engines = {
    chw: async (q: string) =>
      (
        (await get(`/api/directory/search?q=${encodeURIComponent(q)}&limit=5`)) as {
          results: { serviceId: string }[];
        }
      ).results.map((r) => r.serviceId),
    hsds: async (q: string) =>
      (
        (await get(`/hsds/services?search=${encodeURIComponent(q)}&per_page=5`)) as {
          contents: { id: string }[];
        }
      ).contents.map((s) => s.id),
  };

  const data: Record<string, number> = { services: 161, labelledQueries: alderQueries.length };
  for (const [engine, search] of Object.entries(engines)) {
    for (const lang of ['en', 'es'] as const) {
      const queries = alderQueries.filter((l) => l.lang === lang);
      let recall = 0;
      let hits = 0;
      let precision = 0;
      const misses: string[] = [];
      for (const l of queries) {
        const shown = (await search(l.q)).slice(0, 5);
        const right = new Set(l.relevant.map(alderServiceId));
        const found = shown.filter((id) => right.has(id)).length;
        recall += found / Math.min(5, right.size);
        precision += found / 5;
        if (found > 0) hits++;
        else misses.push(l.q);
      }
      if (misses.length > 0)
        console.log(`${engine} ${lang} nothing right in the first five: ${misses.join(' · ')}`);
      data[`${engine}RecallAt5${lang.toUpperCase()}`] = round(recall / queries.length);
      data[`${engine}HitAt5${lang.toUpperCase()}`] = round(hits / queries.length);
      data[`${engine}PrecisionAt5${lang.toUpperCase()}`] = round(precision / queries.length);
    }
  }

  const nth = (i: number): Labelled => {
    const l = alderQueries[i % alderQueries.length];
    if (!l) throw new Error('no labelled query');
    return l;
  };
  const runs = quick ? 10 : alderQueries.length * 2;
  const figures: Record<string, Timing> = {
    'CHW search, labelled queries': summarize(
      await timeEach(runs, 10, (i) => engines.chw(nth(i).q).then(() => {})),
    ),
    'HSDS ?search=, labelled queries': summarize(
      await timeEach(runs, 10, (i) => engines.hsds(nth(i).q).then(() => {})),
    ),
  };
  return { data, figures };
}
