import type { ReportFigures, ReportFilters, ReportOptions } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { bodyAs, call } from '../../test/http.js';
import { countedFigures, csvRows, type ProgramWorld, programWorld } from './testing.js';

const h = useApp();
let w: ProgramWorld;
const range = 'from=2026-01-01&to=2026-02-28';
const figuresFor = async (cookie: string, query = range) => {
  const reply = await call(h.app, 'GET', `/api/reports/figures?${query}`, { cookie });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return bodyAs<ReportFigures>(reply);
};

// This program is far smaller than any threshold: its counts are checked as counted, and what
// leaves the server (JSON, CSV) shows them hidden.
const counted = (as: 'manager' | 'supervisor' | 'admin', filters: ReportFilters = {}) =>
  countedFigures(h, w.org, as, { from: '2026-01-01', to: '2026-02-28', ...filters });

beforeAll(async () => {
  w = await programWorld(h, 'reports');
});

describe('program figures', () => {
  it('counts a small program exactly, by instrument and by month', async () => {
    const f = await counted('manager');
    expect(f.reached).toEqual({ oneToOne: 3, encounters: 4, atEvents: { events: 0, attendance: 0 } });
    const byName = Object.fromEntries(f.screenings.map((s) => [s.instrument.split('/').pop(), s]));
    expect(byName['phq-9']).toMatchObject({ done: 4, positive: 1 });
    expect(byName['gad-7']).toMatchObject({ done: 1, positive: 1 });
    expect(byName['phq-2']).toMatchObject({ done: 1, positive: 1 });
    expect(f.alerts).toEqual({ raised: 2, acknowledged: 2, medianMinutesToAcknowledge: 60 });
    expect(f.referrals).toMatchObject({ made: 0, closed: 0, closureRate: null, byNeed: [] });
    const [phq, gad] = f.outcomes;
    expect(phq).toMatchObject({ people: 2, response: 2, remission: 1 });
    expect(phq).toMatchObject({ meanFirst: 11.5, meanLast: 4.5 });
    expect(gad).toMatchObject({ people: 0 });
    expect(f.safetyPlans.people).toBe(1);
    expect(f.months).toEqual([
      {
        month: '2026-01',
        reached: 2,
        encounters: 2,
        screenings: 3,
        positive: 2,
        alerts: 1,
        safetyPlans: 1,
        attendance: 0,
      },
      {
        month: '2026-02',
        reached: 2,
        encounters: 2,
        screenings: 3,
        positive: 1,
        alerts: 1,
        safetyPlans: 0,
        attendance: 0,
      },
    ]);
  });

  it('filters by neighbourhood, language, CHW and team; a supervisor sees their teams only', async () => {
    expect((await counted('manager', { neighborhood: 'Centro' })).reached.oneToOne).toBe(2);
    expect((await counted('manager', { language: 'en' })).reached.oneToOne).toBe(1);
    const chw2 = w.org.ids[w.org.chw2] ?? '';
    expect((await counted('manager', { chwId: chw2 })).reached.oneToOne).toBe(1);
    expect((await counted('supervisor')).reached.oneToOne).toBe(2);
    const options = bodyAs<ReportOptions>(
      await call(h.app, 'GET', '/api/reports/options', { cookie: w.cookie.manager }),
    );
    const team = options.teams[0]?.id ?? '';
    expect((await counted('admin', { teamId: team })).reached.oneToOne).toBe(2);
    // What the screen gets for the same filter: one person cannot be told apart.
    const byLanguage = await figuresFor(w.cookie.manager, `${range}&language=en`);
    expect(byLanguage.reached.oneToOne).toBeNull();
    expect(byLanguage.smallCounts.suppressed).toContain('reached/oneToOne');
    expect(options.neighborhoods).toEqual(['Centro', 'Norte']);
  });

  it('refuses a range that ends before it starts, and a team or CHW outside the caller’s reach', async () => {
    const backwards = await call(h.app, 'GET', '/api/reports/figures?from=2026-03-01&to=2026-02-01', {
      cookie: w.cookie.manager,
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('reportRangeBackwards');
    const bad = await call(h.app, 'GET', '/api/reports/figures?from=2026-02-30', {
      cookie: w.cookie.manager,
    });
    expect(bad.status).toBe(400);
    const otherTeam = await call(h.app, 'POST', '/api/teams', {
      cookie: w.cookie.otherAdmin,
      body: { name: 'Otro', supervisorId: w.other.ids[w.other.supervisor], memberIds: [] },
    });
    const foreign = await call(h.app, 'GET', `/api/reports/figures?teamId=${otherTeam.body.id}`, {
      cookie: w.cookie.manager,
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('reportTeamOutOfScope');
    const offTeam = await call(h.app, 'GET', `/api/reports/figures?chwId=${w.org.ids[w.org.chw2]}`, {
      cookie: w.cookie.supervisor,
    });
    expect(offTeam.status).toBe(403);
    for (const role of ['chw', 'partner'] as const) {
      expect((await call(h.app, 'GET', '/api/reports/figures', { cookie: w.cookie[role] })).status).toBe(403);
    }
    expect(
      (await call(h.app, 'GET', '/api/reports/extract.csv', { cookie: w.cookie.supervisor })).status,
    ).toBe(403);
  });

  it('gives a manager no names: not in the figures, the options or the CSV', async () => {
    const texts = [
      JSON.stringify(await figuresFor(w.cookie.manager)),
      JSON.stringify((await call(h.app, 'GET', '/api/reports/options', { cookie: w.cookie.manager })).body),
    ];
    const csv = await call(h.app, 'GET', `/api/reports/figures.csv?${range}`, { cookie: w.cookie.manager });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    texts.push(String(csv.body.text));
    for (const text of texts) {
      for (const secret of [...w.secrets, 'chw of reports']) expect(text).not.toContain(secret);
    }
    // These were 4 and 2 before small counts were hidden: a program this small shows none of them.
    expect(String(csv.body.text)).toContain('screenings,phq-9,,done,,1');
    expect(String(csv.body.text)).toContain('months,,2026-01,reached,,1');
    const [audit] = await h.db.query<{ n: number }>(
      `select count(*)::int as n from audit_event where org_id = $1 and action = 'report.extracted'
          and detail->>'file' = 'figures'`,
      [w.org.orgId],
    );
    expect(audit?.n).toBe(1);
  });
});

describe('the evaluators’ extract', () => {
  it('has pseudonyms, age bands and shifted dates, no names or free text, and is audited', async () => {
    const first = await call(h.app, 'GET', `/api/reports/extract.csv?${range}`, { cookie: w.cookie.manager });
    expect(first.status).toBe(200);
    const text = String(first.body.text);
    for (const secret of [...w.secrets, w.ana, w.beto, w.carla, 'Centro', 'preocupante', 'Caminar'])
      expect(text).not.toContain(secret);
    const rows = csvRows(text);
    // 4 encounters, 6 screens, 2 alerts, 1 safety plan; the visit of June 2025 is outside the range.
    expect(rows).toHaveLength(13);
    const people = [...new Set(rows.map((r) => r.person_id))];
    expect(people).toHaveLength(3);
    for (const p of people) expect(p).toMatch(/^p-[0-9a-f]{16}$/);
    expect(new Set(rows.map((r) => r.age_band))).toEqual(new Set(['35-44', '25-34', '']));

    // Same person, same shift: Ana's first visit and first PHQ-9 fell on one day, her next visit 36 days later.
    const ana = rows.filter((r) => r.age_band === '35-44');
    const visits = ana.filter((r) => r.event === 'encounter').map((r) => Date.parse(r.date_shifted ?? ''));
    expect(visits).toHaveLength(2);
    expect(((visits[1] ?? 0) - (visits[0] ?? 0)) / 86_400_000).toBe(36);
    const firstScreen = ana.find((r) => r.event === 'screening');
    expect(firstScreen?.date_shifted).toBe(ana[0]?.date_shifted);
    // Moved, and never by zero days: her first visit was on 5 January. (Another of her dates may land on
    // the 5th — her safety plan of the 6th does when her shift is -1 — so only the visit itself is checked.)
    const firstVisit = ana.find((r) => r.event === 'encounter');
    expect(firstVisit?.date_shifted).toBeDefined();
    expect(firstVisit?.date_shifted).not.toBe('2026-01-05');

    // Each extract has its own key: the same people under other ids (it was the same file before).
    const again = await call(h.app, 'GET', `/api/reports/extract.csv?${range}`, { cookie: w.cookie.admin });
    const ids = new Set(csvRows(String(again.body.text)).map((r) => r.person_id));
    expect(ids.size).toBe(3);
    for (const p of people) expect(ids.has(p)).toBe(false);
    expect(text).toContain('# Puente de-identified extract');
    const [audit] = await h.db.query<{ n: number }>(
      `select count(*)::int as n from audit_event where org_id = $1 and action = 'report.extracted'
          and detail->>'file' = 'extract'`,
      [w.org.orgId],
    );
    expect(audit?.n).toBe(2);
  });
});
