import { availableParallelism } from 'node:os';
import { createOrganization, type PersonSeed } from '@puente/server';
import { loadCaseload } from '../generate/caseload.js';
import { apiLoad, type Chw, loadAverage1, p95ByWindow, sleep, THINK_MS } from '../lib/chws-at-work.js';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { cpuMs, databaseCpu, serverCpuMs } from '../lib/cpu.js';
import { providerProcess } from '../lib/provider.js';
import { startBuiltServer } from '../lib/server-process.js';
import { summarize } from '../lib/stats.js';

/**
 * Each round is a quiet phase then 10,000 reminders: the rounds' calls are pooled, so the machine's
 * drift over a few minutes falls on both sides. The quiet phase lasts about as long as the
 * reminders take (a p95 over a longer phase has more chances to hold a burst of background work).
 */
const sizes = {
  S: { reminders: 1_000, chws: 20, baselineSeconds: 10, rounds: 2 },
  M: { reminders: 10_000, chws: 50, baselineSeconds: 45, rounds: 3 },
  L: { reminders: 10_000, chws: 100, baselineSeconds: 45, rounds: 3 },
} as const;
const password = 'reminders bench password';
const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'reminders-bench-auth-token-0123456789';
/** People per CHW, for those at work during the run and those whose people are reminded. */
const perOwner = 100;
/** The API's load before anything is timed, so no phase pays for a cold server. */
const warmSeconds = 10;
/** The longest the benchmark waits for every reminder to reach the provider. */
const giveUpSeconds = 300;

/** The program's slots: the day before at `at` (its evening reminder), and 2 hours before. */
const eveningSlots = (at: string) => [{ daysBefore: 1, at }, { hoursBefore: 2 }];

/**
 * A zone where it is around 6 pm a few minutes from `now` (Etc/GMT zones are whole hours, their
 * sign inverted): the reminders go at a program's evening, outside its default quiet hours.
 */
function eveningZone(now: Date): string {
  const offset = ((18 - new Date(now.getTime() + 5 * 60_000).getUTCHours() + 36) % 24) - 12;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** "HH:MM" of `at` in `zone`. */
const wallTime = (at: Date, zone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);

/**
 * 10,000 people who agreed to texts, each with an appointment tomorrow
 * morning whose day-before evening reminder falls due in the same minute (the
 * program's zone is chosen so that minute is around 6 pm there, with the
 * default quiet hours and 2-hours-before slot), while CHWs use the
 * API (think time 0.5 s). The people reminded are the caseloads of other
 * CHWs, 100 each, as a program that big has: the CHWs at work meanwhile
 * have 100 people each and their usual day, not 200 appointments tomorrow. The built server runs its own jobs (every 5 s, the
 * default) against a fake that speaks Twilio's API, started here. Measured, in
 * rounds of fresh appointments (3 at M): the seconds from the moment the
 * reminders fall due to the last one handed to the provider, and the API's
 * latency in the minute before they fall due and while they go, every round's
 * calls pooled (and each round's ratio beside it).
 * Budget: all handed over ≤ 60 s; API p95 not more than 20 % slower.
 */
export async function remindersScenario({
  bench,
  random,
  size,
  quick,
}: ScenarioContext): Promise<ScenarioResult> {
  // The benchmark moves the appointments while the server runs: one PGlite cannot have two processes.
  if (bench.db.kind !== 'postgres')
    throw new Error('reminders measures PostgreSQL: run it with --db postgres');
  const plan = quick ? { ...sizes.S, reminders: 200, baselineSeconds: 3, rounds: 2 } : sizes[size];
  const people: PersonSeed[] = Array.from({ length: plan.chws }, (_, i) => ({
    email: `chw${i}@reminders.test`,
    displayName: `CHW ${i}`,
    role: 'chw',
    locale: 'es',
    password,
  }));
  const owners: PersonSeed[] = Array.from({ length: Math.ceil(plan.reminders / perOwner) }, (_, i) => ({
    email: `owner${i}@reminders.test`,
    displayName: `Promotora ${i}`,
    role: 'chw',
    locale: 'es',
    password,
  }));
  const { orgId, userIds } = await bench.db.transaction((tx) =>
    createOrganization(tx, { name: 'Recordatorios', locale: 'es', twoFactor: 'none' }, [
      ...people,
      ...owners,
    ]),
  );
  // Set before anyone is registered: a zone's change recounts every person's months.
  await bench.db.query(
    `insert into program_setting (org_id, time_zone) values ($1, $2)
     on conflict (org_id) do update set time_zone = excluded.time_zone`,
    [orgId, eveningZone(new Date())],
  );
  const caseloads: string[][] = [];
  for (const p of people) {
    const chwId = userIds[p.email] ?? '';
    caseloads.push(
      (await loadCaseload(bench.db, random, { orgId, chwId }, { clients: perOwner, encountersPerClient: 3 }))
        .clientIds,
    );
  }
  const ownerIds = owners.map((o) => userIds[o.email] ?? '');
  for (const [i, chwId] of ownerIds.entries()) {
    const clients = Math.min(perOwner, plan.reminders - i * perOwner);
    await loadCaseload(bench.db, random, { orgId, chwId }, { clients, encountersPerClient: 3 });
  }
  // Everyone textable: a number of their own, safe to contact, agreed to be served and texted.
  await bench.db.query(
    `update client c set phone = '+1555' || lpad(n::text, 7, '0'), safe_to_contact = true
       from (select id, 2000000 + row_number() over (order by id) as n from client where org_id = $1) x
      where c.id = x.id`,
    [orgId],
  );
  for (const kind of ['service', 'text']) {
    await bench.db.query(
      `insert into consent (id, org_id, client_id, kind, method, given_on, recorded_by)
       select md5(c.id::text || $2)::uuid, c.org_id, c.id, $2, 'verbal', current_date - 30, c.assigned_chw_id
         from client c where c.org_id = $1`,
      [orgId, kind],
    );
  }
  // One appointment each, tomorrow morning in the program's zone, booked before each round's quiet
  // phase: every pass of the jobs works out when each is due, as a program's server does all day
  // before its 6 pm reminders. The round's are cancelled after it, so the next round's slot (a
  // minute later) finds only its own.
  const book = (round: number) =>
    bench.db.query(
      `insert into appointment (id, org_id, client_id, place, at, created_by)
       select md5(c.id::text || 'appointment' || $3)::uuid, c.org_id, c.id, 'Clínica del Valle',
              now() + interval '16 hours', c.assigned_chw_id
         from client c where c.org_id = $1 and c.assigned_chw_id = any($2::uuid[])`,
      [orgId, ownerIds, round],
    );
  const cancelBooked = () =>
    bench.db.query(`update appointment set status = 'cancelled' where org_id = $1 and status = 'scheduled'`, [
      orgId,
    ]);
  await book(1);
  // The day-before slot at a time not reached yet (set to the measured minute when it starts), the
  // 2-hours-before slot, and the default quiet hours (21:00–08:00).
  await bench.db.query(
    `insert into text_setting (org_id, sender, reminders) values ($1, '+15550001000', $2)`,
    [orgId, JSON.stringify(eveningSlots('23:59'))],
  );
  // Vacuumed too: autovacuum would otherwise clean up after the load above during the measured phases.
  await bench.db.query('vacuum analyze');

  const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());
  const fake = await providerProcess(SID, TOKEN);
  const server = await startBuiltServer({
    ...bench.env,
    TEXT_PROVIDER: 'twilio',
    TEXT_PROVIDER_URL: fake.url,
    TWILIO_ACCOUNT_SID: SID,
    TWILIO_AUTH_TOKEN: TOKEN,
    // As a program runs it on PostgreSQL by default: an HTTP worker per core, and the texts in the
    // jobs worker, at a lower CPU priority, so the requests win the cores while 10,000 reminders go.
    PUENTE_WORKERS: String(workers),
    // To see where the server's time goes: BENCH_SERVER_NODE_OPTIONS='--require ./profile.cjs' (a preload that runs the inspector's profiler).
    ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
  });
  try {
    const chws: Chw[] = [];
    for (const [i, p] of people.entries()) {
      const res = await fetch(`${server.url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ email: p.email, password }),
      });
      if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
      chws.push({
        cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
        clients: caseloads[i] ?? [],
      });
    }

    // Every worker warmed first (its code compiled, its pool filled): a cold start is not what the reminders slow down.
    const warmUntil = performance.now() + (quick ? 1 : warmSeconds) * 1000;
    await apiLoad(server.url, chws, random, () => performance.now() >= warmUntil);
    const pg = await databaseCpu(bench.db);
    const cpu = async () => ({ server: await serverCpuMs(server.child.pid), pg: await pg.mark() });
    const [zone] = await bench.db.query<{ zone: string }>(
      'select time_zone as zone from program_setting where org_id = $1',
      [orgId],
    );
    const quietLoad = await loadAverage1();
    const loads: number[] = [];

    /**
     * One round. The program's evening reminder is set to a minute at least `baselineSeconds`
     * away, as a program's 6 pm is set all day; from then on the CHWs work without a pause, and
     * their calls are split by when they started: the `baselineSeconds` before that minute (the
     * jobs finding every appointment close to due, and none due), then from it until the last
     * reminder is handed over.
     */
    const round = async (k: number) => {
      if (k > 1) {
        await cancelBooked();
        await book(k);
        await fake.newRound();
      }
      const due = new Date(Math.ceil((Date.now() + (plan.baselineSeconds + 3) * 1000) / 60_000) * 60_000);
      const quietFromMs = due.getTime() - plan.baselineSeconds * 1000;
      await bench.db.query('update text_setting set reminders = $2 where org_id = $1', [
        orgId,
        JSON.stringify(eveningSlots(wallTime(due, zone?.zone ?? 'UTC'))),
      ]);
      const [count] = await bench.db.query<{ n: number }>(
        `select count(*)::int as n from appointment where org_id = $1 and status = 'scheduled'`,
        [orgId],
      );
      const expected = count?.n ?? 0;
      let lastAt = 0;
      let firstAt = 0;
      const working = apiLoad(
        server.url,
        chws,
        random,
        () => lastAt > 0 || Date.now() > due.getTime() + giveUpSeconds * 1000,
      );
      await sleep(quietFromMs - Date.now());
      const quietFrom = await cpu();
      await sleep(due.getTime() - Date.now());
      const quietCpu = {
        server: (await serverCpuMs(server.child.pid)) - quietFrom.server,
        pg: await pg.since(quietFrom.pg),
      };
      const duringFrom = await cpu();
      const fakeFrom = await cpuMs(fake.pid);
      if ((await fake.count()).count > 0) throw new Error('reminders went before they were due');
      const stop = Date.now() + giveUpSeconds * 1000;
      for (let tick = 0; Date.now() < stop; tick++) {
        const provided = await fake.count();
        if (!firstAt && provided.count > 0) firstAt = Date.now();
        if (provided.count >= expected) {
          lastAt = Date.now();
          break;
        }
        if (tick % 20 === 0) loads.push(await loadAverage1());
        await sleep(50);
      }
      const duringCpu = {
        server: (await serverCpuMs(server.child.pid)) - duringFrom.server,
        pg: await pg.since(duringFrom.pg),
        fake: (await cpuMs(fake.pid)) - fakeFrom,
      };
      const all = await working;
      const between = (from: number, to: number) => {
        const kept = all.startedAt.flatMap((at, i) => (at >= from && at < to ? [i] : []));
        return {
          samples: kept.map((i) => all.samples[i] ?? 0),
          startedAt: kept.map((i) => all.startedAt[i] ?? 0),
        };
      };
      const quiet = between(quietFromMs, due.getTime());
      const during = between(due.getTime(), Number.POSITIVE_INFINITY);
      const provided = await fake.count();
      // Printed, not kept: where the slow calls fall tells whether the reminders' start or their steady pace costs.
      console.error(
        `round ${k}: API p95 ms by 10 s window: no reminders ${JSON.stringify(p95ByWindow(quiet, quietFromMs, 10_000))}, while they go ${JSON.stringify(p95ByWindow(during, due.getTime(), 10_000))}; p95 ${summarize(quiet.samples).p95} → ${summarize(during.samples).p95} ms`,
      );
      return {
        expected,
        quiet,
        during,
        failures: all.failures,
        quietCpu,
        duringCpu,
        provided,
        handOver: lastAt ? lastAt - due.getTime() : Number.NaN,
        sending: lastAt && firstAt ? lastAt - firstAt : Number.NaN,
      };
    };
    const rounds: Awaited<ReturnType<typeof round>>[] = [];
    for (let k = 1; k <= plan.rounds; k++) rounds.push(await round(k));

    const sum = (f: (r: (typeof rounds)[number]) => number) => rounds.reduce((n, r) => n + f(r), 0);
    const quietSamples = rounds.flatMap((r) => r.quiet.samples);
    const duringSamples = rounds.flatMap((r) => r.during.samples);
    const before = summarize(quietSamples);
    const meanwhile = summarize(duringSamples);
    const expected = rounds[0]?.expected ?? 0;
    const handed = sum((r) => r.provided.count);
    const seconds = (ms: number) => Math.round(ms / 100) / 10;
    const round2 = (n: number) => Math.round(n * 100) / 100;
    const ratio = (quiet: number[], during: number[]) =>
      Math.round((summarize(during).p95 / summarize(quiet).p95) * 1000) / 10;
    // What the reminders cost: the phase's CPU less what its API requests cost at the quiet phase's rate.
    const perRequest = (ms: number) => ms / quietSamples.length;
    const perReminder = (phase: number, quietMs: number) =>
      round2((phase - perRequest(quietMs) * duringSamples.length) / Math.max(handed, 1));
    return {
      data: {
        reminders: expected,
        rounds: rounds.length,
        chws: plan.chws,
        chwsOfThoseReminded: owners.length,
        thinkMs: THINK_MS,
        workers,
      },
      figures: {
        'API, no reminders due (every round)': before,
        [`API while ${expected.toLocaleString('en')} reminders go (every round)`]: meanwhile,
      },
      values: {
        'reminders handed to the provider, every round': handed,
        'numbers that got more than one reminder in a round': sum(
          (r) => r.provided.count - r.provided.distinct,
        ),
        'seconds from due to the last reminder handed over, slowest round (budget ≤ 60)': seconds(
          Math.max(...rounds.map((r) => r.handOver)),
        ),
        'seconds from the first reminder handed over to the last, slowest round': seconds(
          Math.max(...rounds.map((r) => r.sending)),
        ),
        'API p95 while reminders go ÷ without, %, every round’s calls (budget ≤ 120)': ratio(
          quietSamples,
          duringSamples,
        ),
        ...Object.fromEntries(
          rounds.map((r, i) => [
            `API p95 while reminders go ÷ without, %, round ${i + 1}`,
            ratio(r.quiet.samples, r.during.samples),
          ]),
        ),
        'failed API requests': sum((r) => r.failures),
        'server CPU ms per API request, no reminders due': round2(perRequest(sum((r) => r.quietCpu.server))),
        'PostgreSQL CPU ms per API request, no reminders due': round2(perRequest(sum((r) => r.quietCpu.pg))),
        'server CPU ms per reminder (beyond its phase’s API requests)': perReminder(
          sum((r) => r.duringCpu.server),
          sum((r) => r.quietCpu.server),
        ),
        'PostgreSQL CPU ms per reminder (beyond its phase’s API requests)': perReminder(
          sum((r) => r.duringCpu.pg),
          sum((r) => r.quietCpu.pg),
        ),
        'the fake provider’s CPU ms per reminder (the rig’s, at the lowest priority)': round2(
          sum((r) => r.duringCpu.fake) / Math.max(handed, 1),
        ),
        'load average (1 min) before the first quiet phase': quietLoad,
        'load average (1 min), highest while reminders go': Math.max(...loads, 0),
      },
    };
  } finally {
    await server.stop();
    await fake.close();
  }
}
