import { uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../db/types.js';
import { useApp } from '../../test/app.js';
import { register } from '../../test/caseload.js';
import { programToday } from '../../test/dates.js';
import { bodyAs, call } from '../../test/http.js';
import { type TwoTeams, twoTeams } from '../../test/two-teams.js';
import { teamActivity } from './activity.js';
import { activityCounts } from './activity-queries.js';
import type { ActivityTargetsView, MyActivity, ProgramActivity, TeamActivity } from './activity-schemas.js';

const h = useApp();
let w: TwoTeams;
/** A person on each CHW's caseload, with the consent a referral needs. */
const person = {} as Record<'chw' | 'chw2' | 'chw3', { id: string; consent: string }>;

beforeAll(async () => {
  w = await twoTeams(h, 'activity');
  const cookies = { chw: w.cookie.chw, chw2: w.cookie.chw2, chw3: w.more.chw3 };
  for (const [key, cookie] of Object.entries(cookies) as [keyof typeof cookies, string][]) {
    const client = await register(h, cookie, { givenName: `Persona ${key}` });
    const consent = await call(h.app, 'POST', `/api/clients/${client.id}/consents`, {
      cookie,
      body: { kind: 'service', method: 'verbal', givenOn: programToday() },
    });
    expect(consent.status).toBe(201);
    person[key] = { id: client.id, consent: String(consent.body.id) };
  }
});

const visit = async (cookie: string, clientId: string, occurredAt: string) => {
  const reply = await call(h.app, 'POST', `/api/clients/${clientId}/encounters`, {
    cookie,
    body: { kind: 'home-visit', occurredAt, language: 'es' },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
};

const screen = (clientId: string, authorId: string, at: string, complete = true) =>
  h.db.query(
    `insert into screening (id, org_id, client_id, author_id, instrument, version, authored_at, response, result, complete)
     values ($1, $2, $3, $4, 'https://puente.dev/fhir/Questionnaire/phq-2', '1', $5, '{}', '{}', $6)`,
    [uuidv7(), w.org.orgId, clientId, authorId, at, complete],
  );

const referral = (p: { id: string; consent: string }, by: string, status: string, closedAt: string | null) =>
  h.db.query(
    `insert into referral (id, org_id, client_id, need, service_id, service_name, partner_name, reason, urgency,
        consent_id, status, outcome, requested_by, created_at, closed_at)
     values ($1, $2, $3, 'food-insecurity', 'svc', 'Pantry', 'Pantry', 'food', 'routine', $4, $5,
        case when $5 = 'completed' then 'got-help' end, $6, coalesce($7::timestamptz, now()) - interval '3 days', $7)`,
    [uuidv7(), w.org.orgId, p.id, p.consent, status, by, closedAt],
  );

const caller = (role: 'supervisor' | 'manager', userId: string) => ({
  actor: { userId, orgId: w.org.orgId, role, locale: 'en' as const, sessionHash: 'test' },
  ip: '127.0.0.1',
});

describe('CHW activity against weekly targets', () => {
  it('counts each week on the program’s clock, Monday to Sunday, across the change to summer time', async () => {
    // Los Angeles: 1 March 2026 is a Sunday in PST (UTC-8); summer time starts on Sunday 8 March (UTC-7).
    await visit(w.cookie.chw, person.chw.id, '2026-03-02T07:30:00Z'); // Sunday 1 March, 23:30: week of 23 Feb
    await visit(w.cookie.chw, person.chw.id, '2026-03-02T08:30:00Z'); // Monday 2 March, 00:30
    await visit(w.cookie.chw, person.chw.id, '2026-03-09T06:30:00Z'); // Sunday 8 March, 23:30 PDT
    await visit(w.cookie.chw, person.chw.id, '2026-03-09T07:30:00Z'); // Monday 9 March, 00:30 PDT
    await screen(person.chw.id, w.id.chw, '2026-03-09T06:59:00Z'); // Sunday 23:59 PDT
    await screen(person.chw.id, w.id.chw, '2026-03-09T07:00:00Z'); // Monday 00:00 PDT
    await screen(person.chw.id, w.id.chw, '2026-03-09T08:00:00Z', false); // not complete: not a screen done
    await referral(person.chw, w.id.chw, 'completed', '2026-03-09T07:10:00Z');
    await referral(person.chw, w.id.chw, 'entered-in-error', '2026-03-09T07:20:00Z'); // a mistake, not a loop
    await referral(person.chw, w.id.chw, 'in-progress', null);
    // The other team's CHW, the same week: not in this supervisor's view.
    await visit(w.cookie.chw2, person.chw2.id, '2026-03-09T18:00:00Z');

    const now = new Date('2026-03-09T20:00:00Z'); // Monday noon, PDT
    const view = await teamActivity(h.db, caller('supervisor', w.id.supervisor), 3, now);
    expect(view.weekStarts).toEqual(['2026-03-09', '2026-03-02', '2026-02-23']);
    expect(view.chws.map((c) => c.chwId).sort()).toEqual([w.id.chw, w.id.chw3].sort());
    const rosa = view.chws.find((c) => c.chwId === w.id.chw);
    expect(rosa?.chwName).toBe('chw of activity');
    expect(rosa?.weeks).toEqual([
      { weekStart: '2026-03-09', visits: 1, screenings: 1, referralsClosed: 1 },
      { weekStart: '2026-03-02', visits: 2, screenings: 1, referralsClosed: 0 },
      { weekStart: '2026-02-23', visits: 1, screenings: 0, referralsClosed: 0 },
    ]);
    expect(view.chws.find((c) => c.chwId === w.id.chw3)?.weeks.every((x) => x.visits === 0)).toBe(true);
  });

  it('lets the admin set the program’s targets and a team’s own, audited', async () => {
    const program = await call(h.app, 'PUT', '/api/activity/targets', {
      cookie: w.cookie.admin,
      body: { visits: 5, screenings: 3, referralsClosed: null },
    });
    expect(program.status, JSON.stringify(program.body)).toBe(200);
    const team = await call(h.app, 'PUT', '/api/activity/targets', {
      cookie: w.cookie.admin,
      body: { teamId: w.teamB, visits: 8, screenings: null, referralsClosed: 1 },
    });
    expect(team.status).toBe(200);
    const view = bodyAs<ActivityTargetsView>(team);
    expect(view.program).toEqual({ visits: 5, screenings: 3, referralsClosed: null });
    expect(view.teams.find((t) => t.teamId === w.teamB)?.targets).toEqual({
      visits: 8,
      screenings: null,
      referralsClosed: 1,
    });
    const audited = await h.db.query<{ subject: string | null; detail: unknown }>(
      `select subject_id as subject, detail from audit_event where org_id = $1 and action = 'activity.targets-set' order by at`,
      [w.org.orgId],
    );
    expect(audited).toEqual([
      { subject: null, detail: { visits: 5, screenings: 3, referralsClosed: null } },
      { subject: w.teamB, detail: { visits: 8, screenings: null, referralsClosed: 1 } },
    ]);
    for (const cookie of [w.cookie.manager, w.cookie.supervisor, w.cookie.chw]) {
      const refused = await call(h.app, 'PUT', '/api/activity/targets', {
        cookie,
        body: { visits: 1, screenings: 1, referralsClosed: 1 },
      });
      expect(refused.status).toBe(403);
    }
  });

  it('refuses a target that is negative, huge, fractional, text with a NUL or for another program’s team, in the caller’s words, and keeps the ones set', async () => {
    const before = (await call(h.app, 'GET', '/api/activity/targets', { cookie: w.cookie.admin })).body;
    await call(h.app, 'PUT', '/api/me/preferences', { cookie: w.cookie.admin, body: { locale: 'es' } });
    const bodies = [
      { visits: -1, screenings: 3, referralsClosed: null },
      { visits: 100_000, screenings: 3, referralsClosed: null },
      { visits: 2.5, screenings: 3, referralsClosed: null },
      { visits: '5\u0000', screenings: 3, referralsClosed: null },
      { visits: 5, screenings: 3, referralsClosed: null, extra: true },
      { visits: 5, screenings: 3 },
    ];
    for (const body of bodies) {
      // A NUL is refused before the session is read (http/input-guard.ts), in the browser's language.
      const reply = await call(h.app, 'PUT', '/api/activity/targets', {
        cookie: w.cookie.admin,
        body,
        headers: { 'accept-language': 'es-US,es;q=0.9' },
      });
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body.title, JSON.stringify(body)).toBe('Algunos campos necesitan atención.');
    }
    const negative = await call(h.app, 'PUT', '/api/activity/targets', {
      cookie: w.cookie.admin,
      body: { visits: -1, screenings: 3, referralsClosed: null },
    });
    expect(negative.body.errors).toEqual([{ path: 'visits', message: expect.stringMatching(/1/) }]);
    const foreignTeam = await h.db.query<{ id: string }>('select id from team where org_id <> $1 limit 1', [
      w.org.orgId,
    ]);
    const otherTeam = foreignTeam[0]?.id ?? uuidv7();
    const elsewhere = await call(h.app, 'PUT', '/api/activity/targets', {
      cookie: w.cookie.admin,
      body: { teamId: otherTeam, visits: 5, screenings: 3, referralsClosed: null },
    });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.title).toBe('Ese equipo no está en su programa: elija uno de la lista.');
    await call(h.app, 'PUT', '/api/me/preferences', { cookie: w.cookie.admin, body: { locale: 'en' } });
    expect((await call(h.app, 'GET', '/api/activity/targets', { cookie: w.cookie.admin })).body).toEqual(
      before,
    );
  });

  it('shows the supervisor their teams’ CHWs by name against the targets that apply, and no one else', async () => {
    const reply = await call(h.app, 'GET', '/api/team/activity?weeks=9', { cookie: w.cookie.supervisor });
    expect(reply.status).toBe(200);
    const view = bodyAs<TeamActivity>(reply);
    expect(view.weekStarts).toHaveLength(9);
    expect(view.timeZone).toBe('America/Los_Angeles');
    expect(view.chws.map((c) => c.chwId).sort()).toEqual([w.id.chw, w.id.chw3].sort());
    expect(view.chws[0]?.targets).toEqual({ visits: 5, screenings: 3, referralsClosed: null });
    const text = JSON.stringify(view);
    expect(text).not.toContain(w.id.chw2);
    expect(text).not.toContain('chw2 of activity');
    // Team B's own targets apply to its CHW, the program's where the team set none.
    const teamB = bodyAs<TeamActivity>(
      await call(h.app, 'GET', '/api/team/activity', { cookie: w.more.supervisorB }),
    );
    expect(teamB.chws.map((c) => [c.chwId, c.targets])).toEqual([
      [w.id.chw2, { visits: 8, screenings: 3, referralsClosed: 1 }],
    ]);
    expect(teamB.weekStarts).toHaveLength(5);
    // Another program's supervisor sees none of them.
    const other = await call(h.app, 'GET', '/api/team/activity', { cookie: w.cookie.otherAdmin });
    expect(other.status).toBe(403);
    for (const weeks of ['0', '10', '-1', 'x']) {
      expect(
        (await call(h.app, 'GET', `/api/team/activity?weeks=${weeks}`, { cookie: w.cookie.supervisor }))
          .status,
      ).toBe(400);
    }
  });

  it('gives the manager totals per team without a name, and how many reached each target', async () => {
    await visit(w.cookie.chw2, person.chw2.id, new Date(Date.now() - 60_000).toISOString());
    const reply = await call(h.app, 'GET', '/api/program/activity', { cookie: w.cookie.manager });
    expect(reply.status).toBe(200);
    const view = bodyAs<ProgramActivity>(reply);
    const text = JSON.stringify(view);
    for (const name of ['chw of activity', 'chw2 of activity', 'chw3', w.id.chw, w.id.chw2, w.id.chw3])
      expect(text).not.toContain(name);
    // Teams of two and of one: their totals would be those promotoras' own, so neither size nor weeks
    // leave (activity-suppression.test.ts shows the rule cell by cell); the targets, set by the program, do.
    expect(view.smallTeam).toBe(3);
    expect(view.teams.map((t) => [t.teamName, t.chws, t.weeks])).toEqual([
      ['Equipo', null, []],
      ['Equipo B', null, []],
    ]);
    expect(view.weekStarts).toHaveLength(5);
    const teamB = view.teams[1];
    expect(teamB?.targets).toEqual({ visits: 8, screenings: 3, referralsClosed: 1 });
    expect((await call(h.app, 'GET', '/api/program/activity', { cookie: w.cookie.admin })).status).toBe(200);
    expect((await call(h.app, 'GET', '/api/program/activity', { cookie: w.cookie.supervisor })).status).toBe(
      403,
    );
  });

  it('shows a CHW their own week and refuses them the team’s and the program’s', async () => {
    const mine = await call(h.app, 'GET', '/api/me/activity', { cookie: w.cookie.chw2 });
    expect(mine.status).toBe(200);
    expect(bodyAs<MyActivity>(mine)).toMatchObject({
      week: { visits: 1, screenings: 0, referralsClosed: 0 },
      targets: { visits: 8, screenings: 3, referralsClosed: 1 },
    });
    expect((await call(h.app, 'GET', '/api/team/activity', { cookie: w.cookie.chw })).status).toBe(403);
    expect((await call(h.app, 'GET', '/api/program/activity', { cookie: w.cookie.chw })).status).toBe(403);
    expect((await call(h.app, 'GET', '/api/me/activity', { cookie: w.cookie.manager })).status).toBe(403);
  });

  it('audits every view, with counts and never a name', async () => {
    const rows = await h.db.query<{ role: string; detail: Record<string, unknown> }>(
      `select actor_role as role, detail from audit_event where org_id = $1 and action = 'activity.viewed' order by at`,
      [w.org.orgId],
    );
    expect(rows.map((r) => [r.role, r.detail.view])).toEqual([
      ['supervisor', 'team'],
      ['supervisor', 'team'],
      ['supervisor', 'team'],
      ['manager', 'program'],
      ['admin', 'program'],
      ['chw', 'own'],
    ]);
    expect(JSON.stringify(rows)).not.toContain('of activity');
  });

  it('reads each source by its index on organization and moment', async () => {
    const plan = await h.db.transaction(async (tx) => {
      await tx.query('set local enable_seqscan = off');
      const explained: string[] = [];
      const spy = {
        query: async <T>(q: unknown) => {
          const { text, values } = q as { text: string; values: unknown[] };
          const rows = await tx.query<{ 'QUERY PLAN': string }>(`explain ${text}`, values);
          explained.push(...rows.map((r) => r['QUERY PLAN']));
          return [] as T[];
        },
      };
      await activityCounts(
        spy as unknown as Queryable,
        w.org.orgId,
        [w.id.chw],
        ['2026-03-09', '2026-03-02'],
        'America/Los_Angeles',
      );
      return explained.join('\n');
    });
    expect(plan).toContain('encounter_report_idx');
    expect(plan).toContain('screening_report_idx');
    expect(plan).toContain('referral_closed_idx');
    expect(plan).not.toMatch(/Seq Scan on (encounter|screening|referral)\b/);
  });
});
