import { gad7, phq9, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld } from '../../test/caseload.js';
import { call } from '../../test/http.js';
import { countedFigures } from './testing.js';

// The per-person monthly counts (migration 0010) against the encounters they count:
// the rows themselves, and the report figures against a direct count, while encounters
// arrive one by one and in bulk, move with a merge, are corrected and deleted.
const h = useApp();
let w: CaseloadWorld;
let team = '';
const people: string[] = [];

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), next };
}

interface Scope {
  from: string;
  to: string;
  neighborhood?: string;
  language?: string;
  chwId?: string;
  teamId?: string;
}

/** Rows of encounter_month that differ from a count made now from the encounters. */
async function drift(): Promise<number> {
  const [row] = await h.db.query<{ n: number }>(
    `with counted as (
       select e.org_id, e.client_id, date_trunc('month', e.occurred_at at time zone report_time_zone(e.org_id))::date as month,
              count(*)::int as encounters
         from encounter e where e.org_id = $1 group by 1, 2, 3),
     expected as (select *, lag(month) over (partition by org_id, client_id order by month) as previous_month from counted)
     select count(*)::int as n
       from expected x full join (select * from encounter_month where org_id = $1) r using (org_id, client_id, month)
      where x.encounters is distinct from r.encounters or x.previous_month is distinct from r.previous_month`,
    [w.org.orgId],
  );
  return row?.n ?? -1;
}

/** The figures the report gives for encounters, counted straight from the encounters. */
async function direct(scope: Scope) {
  const filtered = Boolean(scope.neighborhood || scope.language || scope.chwId || scope.teamId);
  const chws = scope.teamId
    ? (
        await h.db.query<{ id: string }>('select user_id as id from team_member where team_id = $1', [
          scope.teamId,
        ])
      ).map((r) => r.id)
    : scope.chwId
      ? [scope.chwId]
      : null;
  const rows = await h.db.query<{ month: string | null; encounters: number; reached: number }>(
    `select to_char(e.occurred_at at time zone report_time_zone($1), 'YYYY-MM') as month,
            count(*)::int as encounters, count(distinct e.client_id)::int as reached
       from encounter e join client c on c.id = e.client_id
      where e.org_id = $1 and (e.occurred_at at time zone report_time_zone($1))::date between $2::date and $3::date
        and (not $4::boolean or (c.merged_into is null and ($5::uuid[] is null or c.assigned_chw_id = any($5::uuid[]))
             and ($6::text is null or c.neighborhood = $6) and ($7::text is null or c.preferred_language = $7)))
      group by grouping sets ((1), ())`,
    [w.org.orgId, scope.from, scope.to, filtered, chws, scope.neighborhood ?? null, scope.language ?? null],
  );
  const all = rows.find((r) => r.month === null);
  return {
    oneToOne: all?.reached ?? 0,
    encounters: all?.encounters ?? 0,
    months: Object.fromEntries(rows.filter((r) => r.month).map((r) => [r.month, [r.reached, r.encounters]])),
  };
}

// As counted, before small counts are hidden: the counting is what is checked here.
async function reported(scope: Scope) {
  const filters = Object.fromEntries(Object.entries(scope).filter(([, v]) => v));
  const f = await countedFigures(h, w.org, 'manager', filters);
  return {
    oneToOne: f.reached.oneToOne,
    encounters: f.reached.encounters,
    months: Object.fromEntries(
      f.months.filter((m) => m.encounters > 0).map((m) => [m.month, [m.reached, m.encounters]]),
    ),
  };
}

const scopes = (): Scope[] => [
  { from: '2025-02-01', to: '2026-01-31' },
  { from: '2025-03-17', to: '2025-11-08' },
  { from: '2025-06-10', to: '2025-06-20' },
  { from: '2025-12-31', to: '2025-12-31' },
  { from: '2025-01-01', to: '2026-03-31', neighborhood: 'Centro' },
  { from: '2025-04-01', to: '2025-09-30', language: 'en' },
  { from: '2025-01-15', to: '2026-02-14', chwId: w.org.ids[w.org.chw2] ?? '' },
  { from: '2025-01-01', to: '2026-03-31', teamId: team },
];

async function expectExact() {
  expect(await drift()).toBe(0);
  for (const scope of scopes())
    expect(await reported(scope), JSON.stringify(scope)).toEqual(await direct(scope));
}

/** Inserts encounters in one statement, as an import or a sync of many does. */
async function insertMany(rows: { client: string; at: string }[]) {
  await h.db.query(
    `insert into encounter (id, org_id, client_id, author_id, kind, occurred_at, language)
     select t.id, $1, t.client, c.assigned_chw_id, 'home-visit', t.at::timestamptz, 'es'
       from unnest($2::uuid[], $3::uuid[], $4::text[]) as t(id, client, at) join client c on c.id = t.client`,
    [w.org.orgId, rows.map(() => uuidv7()), rows.map((x) => x.client), rows.map((x) => x.at)],
  );
}

beforeAll(async () => {
  w = await caseloadWorld(h, 'rollup');
  const options = await call(h.app, 'GET', '/api/reports/options', { cookie: w.cookie.manager });
  team = (options.body.teams as { id: string }[])[0]?.id ?? '';
  const r = seeded(20260115);
  const chws = [w.org.ids[w.org.chw], w.org.ids[w.org.chw2]];
  for (let i = 0; i < 40; i++) people.push(uuidv7());
  await h.db.query(
    `insert into client (id, org_id, given_name, name_folded, preferred_language, neighborhood, assigned_chw_id, created_by)
     select id, $1, 'Persona', 'persona', lang, nb, chw, chw
       from unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[]) as t(id, lang, nb, chw)`,
    [
      w.org.orgId,
      people,
      people.map(() => (r.next() < 0.6 ? 'es' : 'en')),
      people.map(() => ['Centro', 'Norte', 'Sur'][r.int(0, 2)]),
      people.map(() => chws[r.int(0, 1)]),
    ],
  );
  // Fifteen months of visits, a third of them within a day of a month's turn, where zones disagree.
  const start = Date.UTC(2025, 0, 1);
  const visits = Array.from({ length: 700 }, () => {
    const turn = Date.UTC(2025, r.int(0, 14), 1) + r.int(-24, 24) * 3_600_000;
    const at = r.next() < 0.33 ? turn : start + r.int(0, 454) * 86_400_000 + r.int(0, 86_399) * 1000;
    return { client: people[r.int(0, people.length - 1)] ?? '', at: new Date(at).toISOString() };
  });
  for (let i = 0; i < visits.length; i += 250) await insertMany(visits.slice(i, i + 250));
});

describe('encounters counted per person and month', () => {
  it('answer as a direct count of the encounters, aligned on months or not, filtered or not', async () => {
    await expectExact();
  });

  it('stay exact as visits are recorded, people merged, visits corrected and deleted', async () => {
    const held = await h.db.query<{ id: string }>(
      'select id from client where assigned_chw_id = $1 order by id limit 3',
      [w.org.ids[w.org.chw]],
    );
    const [a = '', b = '', c = ''] = held.map((p) => p.id);
    for (const at of ['2025-07-31T23:30:00-07:00', '2026-03-01T00:10:00-08:00']) {
      const reply = await call(h.app, 'POST', `/api/clients/${a}/encounters`, {
        cookie: w.cookie.chw,
        body: { kind: 'phone-call', occurredAt: at, language: 'es' },
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    }
    await expectExact();

    const merged = await call(h.app, 'POST', `/api/clients/${a}/merge`, {
      cookie: w.cookie.admin,
      body: { duplicateId: b },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(204);
    await expectExact();

    // A visit moved to another month, and a note corrected (which moves nothing).
    await h.db.query(
      `update encounter set occurred_at = occurred_at - interval '40 days'
        where id = (select id from encounter where client_id = $1 order by occurred_at desc limit 1)`,
      [c],
    );
    await h.db.query(`update encounter set note = 'corregida' where client_id = $1`, [c]);
    await expectExact();

    // A whole month of one person's visits removed: the next month's previous month moves back.
    await h.db.query(
      `delete from encounter where client_id = $1
          and date_trunc('month', occurred_at at time zone 'America/Los_Angeles') =
              (select date_trunc('month', occurred_at at time zone 'America/Los_Angeles')
                 from encounter where client_id = $1 order by occurred_at limit 1 offset 3)`,
      [a],
    );
    await expectExact();
  });

  it('are counted again in the program’s new time zone', async () => {
    const save = (timeZone: string) =>
      call(h.app, 'PUT', '/api/program/settings', {
        cookie: w.cookie.admin,
        body: { followUpDaysAfterVisit: 7, noContactDays: 30, timeZone },
      });
    expect((await save('Asia/Tokyo')).status).toBe(200);
    await expectExact();
    expect((await save('America/Los_Angeles')).status).toBe(200);
    await expectExact();
  });
});

describe('a screen counted as positive', () => {
  it('follows the PHQ-9 and GAD-7 cut-off of 10 when the instrument gives none', async () => {
    const person = people[5] ?? '';
    const screens = [
      [phq9.url, 10, true],
      [phq9.url, 9, false],
      [gad7.url, 12, true],
      [gad7.url, 4, false],
    ] as const;
    for (const [url, total] of screens) {
      await h.db.query(
        `insert into screening (id, org_id, client_id, author_id, instrument, version, authored_at, response, result,
            complete, total)
         values ($1, $2, $3, $4, $5, '1.0.0', now(), '{}', '{"flags":{}}', true, $6)`,
        [uuidv7(), w.org.orgId, person, w.org.ids[w.org.chw], url, total],
      );
    }
    const rows = await h.db.query<{ instrument: string; total: number; positive: boolean }>(
      `select instrument, total, report_positive as positive from screening where client_id = $1`,
      [person],
    );
    const byScore = (a: readonly unknown[], b: readonly unknown[]) => String(a).localeCompare(String(b));
    expect(rows.map((s) => [s.instrument, s.total, s.positive]).sort(byScore)).toEqual(
      screens.map((s) => [...s]).sort(byScore),
    );
  });
});
