import { followUpTaskCodes, gad7, phq9, type ScreeningReply, type Today, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { bodyAs, call } from '../../test/http.js';
import { device, pullAll, pushBatch } from '../sync/testing.js';
import { byPoints, cssrsResponse } from './testing.js';

const h = useApp();
let w: CaseloadWorld;
beforeAll(async () => {
  w = await caseloadWorld(h, 'follow');
});

const post = async (clientId: string, body: unknown, cookie = w.cookie.chw) => {
  const reply = await call(h.app, 'POST', `/api/clients/${clientId}/screenings`, { cookie, body });
  return { status: reply.status, body: bodyAs<ScreeningReply>(reply) };
};
/** Every task of the caller's Today, whichever list it is in. */
const todayOf = async (cookie: string) => {
  const today = bodyAs<Today>(await call(h.app, 'GET', '/api/today', { cookie }));
  return [...today.overdue, ...today.dueToday, ...today.upcoming];
};
const person = async (givenName: string) => (await register(h, w.cookie.chw, { givenName })).id;
const tasksOf = (clientId: string) =>
  h.db.query<{ code: string; dueAt: Date | string | null; title: string; status: string }>(
    `select code, due_at as "dueAt", title, status from task where client_id = $1 and code is not null order by code`,
    [clientId],
  );
const openFlags = async (clientId: string) =>
  (await h.db.query('select 1 from risk_flag where client_id = $1 and cleared_at is null', [clientId]))
    .length;
/** Yes to Q4 (intent): Columbia's high risk. */
const highRisk = () => cssrsResponse(['1', '2', '3', '4'], ['5', '6']);
const hoursBetween = (a: Date | string, b: Date | string) =>
  (new Date(a).getTime() - new Date(b).getTime()) / 3.6e6;

describe('a next step after every positive screen', () => {
  it('a high-risk C-SSRS makes one follow-up due within 24 hours and flags the person, however often it is sent', async () => {
    const clientId = await person('Alta');
    const screen = { ...highRisk(), authored: new Date(Date.now() - 60_000).toISOString() };
    expect((await post(clientId, screen)).status).toBe(201);
    expect((await post(clientId, screen)).status).toBe(200);
    // The same screen again from the phone, once under the same mutation id and once under another.
    const phone = device(w.cookie.chw);
    const mutation = { id: uuidv7(), kind: 'screening.record', clientId, screening: screen };
    await pushBatch(h, phone, [mutation]);
    await pushBatch(h, phone, [mutation, { ...mutation, id: uuidv7() }]);
    const tasks = await tasksOf(clientId);
    expect(tasks.map((t) => t.code)).toEqual(['risk-follow-up-high']);
    const due = tasks[0]?.dueAt ?? '';
    expect(hoursBetween(due, screen.authored)).toBeCloseTo(24, 3);
    // Stored in the words of the CHW it is for (Rosa reads Spanish).
    expect(tasks[0]?.title).toBe('Seguimiento: riesgo suicida alto');
    expect(await openFlags(clientId)).toBe(1);
    const page = await call(h.app, 'GET', `/api/clients/${clientId}`, { cookie: w.cookie.chw });
    expect(page.body.riskFlag).toMatchObject({ level: 'high', screeningId: screen.id });
    const list = await call(h.app, 'GET', '/api/clients?limit=100', { cookie: w.cookie.chw });
    const row = (list.body.clients as { id: string; riskFlag: boolean }[]).find((c) => c.id === clientId);
    expect(row?.riskFlag).toBe(true);
    const rows = await todayOf(w.cookie.chw);
    expect(rows.find((t) => t.clientId === clientId)?.riskFlag).toBe(true);
  });

  it('a high-risk C-SSRS pushed first from the phone makes its follow-up once too', async () => {
    const clientId = await person('Desconectada');
    const screen = highRisk();
    const phone = device(w.cookie.chw);
    await pushBatch(h, phone, [{ id: uuidv7(), kind: 'screening.record', clientId, screening: screen }]);
    await pushBatch(h, phone, [{ id: uuidv7(), kind: 'screening.record', clientId, screening: screen }]);
    expect((await tasksOf(clientId)).map((t) => t.code)).toEqual(['risk-follow-up-high']);
    expect(await openFlags(clientId)).toBe(1);
  });

  it('a moderate C-SSRS makes a follow-up within 72 hours and no flag', async () => {
    const clientId = await person('Moderada');
    const screen = { ...cssrsResponse(['1', '2', '3'], ['4', '5', '6']), authored: new Date().toISOString() };
    expect((await post(clientId, screen)).body.nextSteps).toEqual([
      expect.objectContaining({ kind: 'followUp', risk: 'moderate', withinHours: 72 }),
    ]);
    const tasks = await tasksOf(clientId);
    expect(tasks.map((t) => t.code)).toEqual(['risk-follow-up-moderate']);
    expect(hoursBetween(tasks[0]?.dueAt ?? '', screen.authored)).toBeCloseTo(72, 3);
    expect(await openFlags(clientId)).toBe(0);
  });

  it('a PHQ-9 of 16 suggests behavioural-health services and a re-screen, with its total', async () => {
    const clientId = await person('Dieciséis');
    const reply = await post(clientId, byPoints(phq9, 'phq9', [3, 3, 3, 3, 3, 1, 0, 0, 0]));
    expect(reply.body.screening).toMatchObject({ total: 16, band: 'moderately-severe' });
    expect(reply.body.nextSteps).toEqual([
      expect.objectContaining({ kind: 'referBehavioralHealth', need: 'behavioral-health' }),
      expect.objectContaining({ kind: 'rescreen', code: 'rescreen-phq-9', inDays: 28 }),
    ]);
    expect((await tasksOf(clientId)).map((t) => t.code)).toEqual(['rescreen-phq-9']);
  });

  it('a PHQ-9 whose item 9 leads to the C-SSRS keeps its total, referral and re-screen', async () => {
    const clientId = await person('Nueve');
    const reply = await post(clientId, byPoints(phq9, 'phq9', [3, 3, 3, 3, 3, 0, 0, 0, 1]));
    expect(reply.body.screening).toMatchObject({ total: 16, complete: true });
    expect(reply.body.nextSteps.map((s) => s.kind)).toEqual([
      'offerInstrument',
      'referBehavioralHealth',
      'rescreen',
    ]);
  });

  it('a GAD-7 of 10 suggests behavioural-health services', async () => {
    const clientId = await person('Ansiedad');
    const reply = await post(clientId, byPoints(gad7, 'gad7', [3, 3, 3, 1, 0, 0, 0]));
    expect(reply.body.screening).toMatchObject({ total: 10 });
    expect(reply.body.nextSteps[0]).toMatchObject({ kind: 'referBehavioralHealth' });
  });

  it('follows the program’s intervals, and refuses a high-risk interval longer than a day', async () => {
    const settings = (await call(h.app, 'GET', '/api/program/settings', { cookie: w.cookie.admin })).body;
    const put = (body: unknown) =>
      call(h.app, 'PUT', '/api/program/settings', { cookie: w.cookie.admin, body });
    expect((await put({ ...settings, highRiskFollowUpHours: 48 })).status).toBe(400);
    expect((await put({ ...settings, highRiskFollowUpHours: 0 })).status).toBe(400);
    expect((await put({ ...settings, highRiskFollowUpHours: 6, moderateRiskFollowUpHours: 48 })).status).toBe(
      200,
    );
    const clientId = await person('Seis');
    const screen = { ...highRisk(), authored: new Date().toISOString() };
    expect((await post(clientId, screen)).body.nextSteps[1]).toMatchObject({ withinHours: 6 });
    expect(hoursBetween((await tasksOf(clientId))[0]?.dueAt ?? '', screen.authored)).toBeCloseTo(6, 3);
    await put({ ...settings, highRiskFollowUpHours: 24, moderateRiskFollowUpHours: 72 });
  });
});

describe('the risk flag', () => {
  it('only a supervisor of the person clears it, with a reason, and the clearing is audited', async () => {
    const clientId = await person('Bandera');
    await post(clientId, highRisk());
    const clear = (cookie: string, body: unknown) =>
      call(h.app, 'POST', `/api/clients/${clientId}/risk-flag/clear`, { cookie, body });
    const reason = 'Reviewed with the person and the clinic; safety plan in place';
    expect((await clear(w.cookie.chw, { reason })).status).toBe(403);
    expect((await clear(w.cookie.manager, { reason })).status).toBe(403);
    expect((await clear(w.cookie.supervisor, {})).status).toBe(400);
    expect((await clear(w.cookie.supervisor, { reason: 'ok' })).status).toBe(400);
    expect(await openFlags(clientId)).toBe(1);
    const done = await clear(w.cookie.supervisor, { reason });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ riskFlag: null });
    expect(await openFlags(clientId)).toBe(0);
    // Who cleared it and why are kept on the flag; the audit trail names the flag, not the words.
    const [audit] = await h.db.query<{ detail: Record<string, unknown> }>(
      `select detail from audit_event where action = 'risk-flag.cleared' and subject_id = $1`,
      [clientId],
    );
    expect(Object.keys(audit?.detail ?? {})).toEqual(['flag']);
    const [kept] = await h.db.query<{ reason: string }>(
      'select clear_reason as reason from risk_flag where client_id = $1 and cleared_at is not null',
      [clientId],
    );
    expect(kept?.reason).toBe(reason);
    // A new high-risk screen flags the person again.
    await post(clientId, highRisk());
    expect(await openFlags(clientId)).toBe(1);
  });

  it('reaches a phone that already holds the person, raised and cleared', async () => {
    const clientId = await person('Teléfono');
    const phone = device(w.cookie.chw);
    await pullAll(h, phone);
    /** The person's row in the phone's next pull, or undefined when the pull leaves it out. */
    const flagOnNextPull = async () => {
      const rows = (await pullAll(h, phone)).flatMap((p) => p.rows);
      const row = rows.find((r) => r.id === clientId);
      return row?.entity === 'client' ? { riskFlag: row.data.riskFlag ?? null } : undefined;
    };
    await post(clientId, highRisk());
    expect(await flagOnNextPull()).toMatchObject({ riskFlag: { level: 'high' } });
    const cleared = await call(h.app, 'POST', `/api/clients/${clientId}/risk-flag/clear`, {
      cookie: w.cookie.supervisor,
      body: { reason: 'Reviewed with the person and the clinic; safety plan in place' },
    });
    expect(cleared.status).toBe(200);
    expect(await flagOnNextPull()).toEqual({ riskFlag: null });
  });
});

describe('task titles', () => {
  it('no answer carries a rule’s code as a title, and each reader gets their own language', async () => {
    const clientId = await person('Títulos');
    await post(clientId, byPoints(phq9, 'phq9', [3, 3, 3, 3, 0, 0, 0, 0, 0]));
    await post(clientId, highRisk());
    const codes: readonly string[] = followUpTaskCodes;
    const titles: string[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        const o = value as Record<string, unknown>;
        if (typeof o.title === 'string') titles.push(o.title);
        Object.values(o).forEach(collect);
      }
    };
    const answers = [
      await call(h.app, 'GET', '/api/today', { cookie: w.cookie.chw }),
      await call(h.app, 'GET', `/api/clients/${clientId}`, { cookie: w.cookie.chw }),
      await call(h.app, 'GET', '/api/team/overview', { cookie: w.cookie.supervisor }),
    ];
    for (const a of answers) collect(a.body);
    for (const page of await pullAll(h, device(w.cookie.chw))) collect(page);
    expect(titles).toEqual(expect.arrayContaining(['Repetir cuestionario: depresión (PHQ-9)']));
    expect(titles.filter((t) => codes.includes(t))).toEqual([]);
    // Rosa switches to English: the same tasks in her new words.
    const me = await call(h.app, 'PUT', '/api/me/preferences', {
      cookie: w.cookie.chw,
      body: { locale: 'en' },
    });
    expect(me.status).toBe(200);
    const english = await todayOf(w.cookie.chw);
    expect(english.map((t) => t.title)).toContain('Follow up: high suicide risk');
    await call(h.app, 'PUT', '/api/me/preferences', { cookie: w.cookie.chw, body: { locale: 'es' } });
  });
});
