import { buildApp, createLogger, importDirectory } from '@puente/server';
import { testConfig } from '@puente/server/testing';
import { cities, generateDirectory } from '../generate/directory.js';
import { benchChw, oneChwProgram } from '../lib/bench-chw.js';
import type { ScenarioContext, ScenarioResult, Size } from '../lib/context.js';
import { summarize, type Timing, timeEach } from '../lib/stats.js';

export const sizes = { S: 2_000, M: 20_000, L: 100_000 } as const;
const [fresno] = cities;
const near = `lat=${fresno[0]}&lng=${fresno[1]}`;

/** Labeled queries: the need every one of the top five should answer. */
export const labeled: { q: string; need: string; filters?: string }[] = [
  // English
  { q: 'food pantry', need: 'food' },
  { q: 'fod pantry', need: 'food' },
  { q: 'groceries', need: 'food' },
  { q: 'free meals', need: 'food', filters: near },
  { q: 'rent help', need: 'housing' },
  { q: 'homeless shelter', need: 'housing', filters: near },
  { q: 'eviction', need: 'housing' },
  { q: 'electric bill', need: 'utilities' },
  { q: 'utility assistance', need: 'utilities', filters: 'language=es' },
  { q: 'jobs', need: 'work' },
  { q: 'resume help', need: 'work', filters: near },
  { q: 'clinic', need: 'clinic' },
  { q: 'doctor', need: 'clinic', filters: 'cost=free' },
  { q: 'dentist', need: 'clinic' },
  { q: 'counseling', need: 'behavioral-health' },
  { q: 'therapy for depression', need: 'behavioral-health', filters: near },
  { q: 'lawyer', need: 'legal' },
  { q: 'immigration help', need: 'legal' },
  { q: 'bus pass', need: 'transit' },
  { q: 'rides', need: 'transit', filters: 'age=70' },
  { q: 'diapers', need: 'goods' },
  { q: 'clothing', need: 'goods' },
  { q: 'childcare', need: 'care' },
  { q: 'GED classes', need: 'education' },
  { q: 'domestic violence', need: 'emergency' },
  // Spanish
  { q: 'comida', need: 'food' },
  { q: 'despensa', need: 'food', filters: near },
  { q: 'banco de alimentos', need: 'food' },
  { q: 'comdia', need: 'food' },
  { q: 'vivienda', need: 'housing' },
  { q: 'albergue', need: 'housing', filters: `${near}&openNow=true` },
  { q: 'ayuda con la renta', need: 'housing' },
  { q: 'luz', need: 'utilities' },
  { q: 'recibo de agua', need: 'utilities', filters: near },
  { q: 'trabajo', need: 'work', filters: 'language=es' },
  { q: 'empleo', need: 'work' },
  { q: 'clínica', need: 'clinic', filters: near },
  { q: 'médico', need: 'clinic' },
  { q: 'consejería', need: 'behavioral-health' },
  { q: 'salud mental', need: 'behavioral-health' },
  { q: 'terapia', need: 'behavioral-health', filters: 'language=es&cost=low' },
  { q: 'abogado', need: 'legal' },
  { q: 'inmigración', need: 'legal', filters: near },
  { q: 'transporte', need: 'transit' },
  { q: 'ropa', need: 'goods' },
  { q: 'guardería', need: 'care' },
  { q: 'clases de inglés', need: 'education' },
  { q: 'violencia', need: 'emergency' },
];

/** The organization searched: made and filled now, or found in a reused database. */
async function directory(bench: ScenarioContext['bench'], r: ScenarioContext['random'], size: Size) {
  const { db } = bench;
  if (bench.reused) {
    const [found] = await db.query<{ services: number }>(
      `select (select count(*)::int from hsds_service s where s.org_id = o.id) as services
         from organization o where o.name = 'Bench'`,
    );
    if (!found || found.services !== sizes[size])
      throw new Error(
        `The reused database does not hold a size ${size} directory (${found?.services ?? 0} services)`,
      );
    return { loadSeconds: null };
  }
  const { orgId } = await oneChwProgram(db);
  const loadStart = performance.now();
  const { records } = generateDirectory(r, sizes[size]);
  const report = await importDirectory(db, orgId, { records, rejected: [], merge: false });
  if (report.rejected.length > 0)
    throw new Error(`generated rows refused: ${JSON.stringify(report.rejected[0])}`);
  const loadSeconds = (performance.now() - loadStart) / 1000;
  await db.query('analyze');
  return { loadSeconds };
}

/** The search a CHW's phone sends for a labeled query: the first five results. */
export const searchPath = (l: (typeof labeled)[number]) =>
  `/api/directory/search?q=${encodeURIComponent(l.q)}&limit=5${l.filters ? `&${l.filters}` : ''}`;

/**
 * A generated bilingual directory; CHW searches through the whole HTTP
 * stack in process (session, validation, SQL, presenter): latency by
 * query kind and precision@5 on the labeled queries.
 */
export async function directoryScenario({
  bench,
  random: r,
  size,
}: ScenarioContext): Promise<ScenarioResult> {
  const { db } = bench;
  const { loadSeconds } = await directory(bench, r, size);

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
    return (await res.json()) as { results: { needs: string[] }[] };
  };

  let hits = 0;
  let shown = 0;
  const misses: string[] = [];
  for (const l of labeled) {
    const { results } = await get(searchPath(l));
    const good = results.filter((x) => x.needs.includes(l.need)).length;
    hits += good;
    shown += 5;
    if (good < 5) misses.push(`${l.q} ${good}/5`);
  }
  if (misses.length > 0) console.log(`below 5/5: ${misses.join(', ')}`);
  const nth = (list: typeof labeled, i: number) => {
    const l = list[i % list.length];
    if (!l) throw new Error('no labeled query');
    return l;
  };
  const plain = labeled.filter((l) => !l.filters);
  const filtered = labeled.filter((l) => l.filters);
  const runs = 300;
  const warmup = 30;
  const figures: Record<string, Timing> = {
    'words only (EN/ES)': summarize(
      await timeEach(runs, warmup, (i) => get(searchPath(nth(plain, i))).then(() => {})),
    ),
    'words + filters/distance': summarize(
      await timeEach(runs, warmup, (i) => get(searchPath(nth(filtered, i))).then(() => {})),
    ),
    'need + near a postcode': summarize(
      await timeEach(runs, warmup, (i) =>
        get(`/api/directory/search?need=Food&postcode=${fresno[2] + (i % 40)}&radiusKm=25`).then(() => {}),
      ),
    ),
  };
  return {
    data: {
      services: sizes[size],
      labeledQueries: labeled.length,
      precisionAt5: hits / shown,
      ...(loadSeconds === null ? {} : { loadSeconds }),
    },
    figures,
  };
}
