import { uuidv7 } from '@puente/core';
import { buildApp, createLogger } from '@puente/server';
import { insertTeam, testConfig } from '@puente/server/testing';
import { loadOrganization } from '../generate/organization.js';
import { neighborhoods } from '../generate/people.js';
import type { ScenarioContext, ScenarioResult, Size } from '../lib/context.js';
import { benchOrganization, benchPassword } from '../lib/program.js';
import { summarize, type Timing, timeEach } from '../lib/stats.js';

export const sizes = {
  S: { chws: 8, clients: 1_000, encounters: 10_000, services: 1_000 },
  M: { chws: 20, clients: 10_000, encounters: 100_000, services: 10_000 },
  L: { chws: 40, clients: 100_000, encounters: 1_000_000, services: 100_000 },
} as const;

/** The organization the scenario reads: made and filled now, or found in a reused database. */
async function program(bench: ScenarioContext['bench'], r: ScenarioContext['random'], size: Size) {
  const { db } = bench;
  const s = sizes[size];
  if (bench.reused) {
    const [found] = await db.query<{ orgId: string; teamId: string; clients: number }>(
      `select o.id as "orgId", t.id as "teamId",
              (select count(*)::int from client c where c.org_id = o.id) as clients
         from organization o join team t on t.org_id = o.id and t.name = 'Bench team'
        where o.name = 'Bench'`,
    );
    if (!found || found.clients !== s.clients)
      throw new Error(
        `The reused database does not hold a size ${size} program (${found?.clients ?? 0} clients)`,
      );
    const [counts = {}] = await db.query<Record<string, number>>(
      `select (select count(*)::int from screening where org_id = $1) as screenings,
              (select count(*)::int from risk_alert where org_id = $1) as alerts,
              (select count(*)::int from safety_plan where org_id = $1) as "safetyPlans",
              (select count(*)::int from goal where org_id = $1) as goals,
              (select count(*)::int from goal_step where org_id = $1) as "goalSteps",
              (select count(*)::int from task where org_id = $1) as tasks,
              (select count(*)::int from hsds_service where org_id = $1) as services`,
      [found.orgId],
    );
    return { orgId: found.orgId, teamId: found.teamId, loadSeconds: null, counts };
  }
  const { orgId, userIds, chwEmails } = await benchOrganization(db, s.chws, { manager: true });
  const chwIds = chwEmails.map((e) => userIds[e] ?? '');
  const teamId = uuidv7();
  await insertTeam(db, {
    id: teamId,
    orgId,
    name: 'Bench team',
    supervisorId: userIds['supervisor@bench.test'] ?? '',
    memberIds: chwIds.slice(0, Math.ceil(s.chws / 4)),
  });
  const loadStart = performance.now();
  const counts = await loadOrganization(
    db,
    r,
    { orgId, chwIds, supervisorId: userIds['supervisor@bench.test'] ?? '' },
    s,
  );
  const loadSeconds = (performance.now() - loadStart) / 1000;
  await db.query('analyze');
  return { orgId, teamId, loadSeconds, counts };
}

/**
 * The program report over a year of work, through the whole HTTP stack in
 * process: the manager's default view (twelve months, whole organization),
 * filtered by neighbourhood and by team, a supervisor's view, and the CSV.
 */
export async function reportsScenario({ bench, random: r, size }: ScenarioContext): Promise<ScenarioResult> {
  const { db } = bench;
  const s = sizes[size];
  const { teamId, loadSeconds, counts } = await program(bench, r, size);

  const app = buildApp({ db, config: testConfig(), log: createLogger('silent') });
  const cookieOf = async (email: string) => {
    const res = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email, password: benchPassword }),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  const manager = await cookieOf('manager@bench.test');
  const supervisor = await cookieOf('supervisor@bench.test');
  const get = async (path: string, cookie = manager) => {
    const res = await app.request(path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    await res.arrayBuffer();
  };
  const runs = size === 'L' ? 30 : 60;
  const warmup = 3;
  const figures: Record<string, Timing> = {
    'figures, 12 months, whole program': summarize(
      await timeEach(runs, warmup, () => get('/api/reports/figures')),
    ),
    'figures by neighbourhood': summarize(
      await timeEach(runs, warmup, (i) =>
        get(
          `/api/reports/figures?neighborhood=${encodeURIComponent(neighborhoods[i % neighborhoods.length] ?? '')}`,
        ),
      ),
    ),
    'figures by team': summarize(
      await timeEach(runs, warmup, () => get(`/api/reports/figures?teamId=${teamId}`)),
    ),
    'figures, supervisor': summarize(
      await timeEach(runs, warmup, () => get('/api/reports/figures', supervisor)),
    ),
    'figures CSV (audited)': summarize(await timeEach(runs, warmup, () => get('/api/reports/figures.csv'))),
  };
  return {
    data: {
      clients: s.clients,
      encounters: s.encounters,
      chws: s.chws,
      ...counts,
      ...(loadSeconds === null ? {} : { loadSeconds }),
    },
    figures,
  };
}
