import { canonicalOf, gad7, phq9, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { call } from '../../test/http.js';
import { byPoints, cssrsResponse } from './testing.js';

const h = useApp();
let w: CaseloadWorld;
let clientId: string;
const screeningCount = async () =>
  (await h.db.query<{ n: number }>('select count(*)::int as n from screening'))[0]?.n ?? 0;
const post = (body: unknown, cookie = w.cookie.chw, id = clientId) =>
  call(h.app, 'POST', `/api/clients/${id}/screenings`, { cookie, body });

beforeAll(async () => {
  w = await caseloadWorld(h, 'screen');
  clientId = (await register(h, w.cookie.chw, { givenName: 'Rosa', familyName: 'Díaz' })).id;
});

describe('screenings', () => {
  it('serves the built-in instruments for the phone to cache', async () => {
    const reply = await call(h.app, 'GET', '/api/instruments', { cookie: w.cookie.chw });
    expect(reply.status).toBe(200);
    const urls = (reply.body.questionnaires as { url: string }[]).map((q) => q.url);
    expect(urls).toEqual(expect.arrayContaining([phq9.url, gad7.url]));
  });

  it('stores the server’s own score, not a forged total, and says what comes next', async () => {
    const body = byPoints(phq9, 'phq9', [2, 2, 2, 1, 1, 1, 1, 1, 0], 0);
    const reply = await post(body);
    expect(reply.status).toBe(201);
    expect(reply.body.screening).toMatchObject({ total: 11, band: 'moderate', complete: true });
    expect(reply.body.alertId).toBeNull();
    const [row] = await h.db.query<{ total: number; response: { item: { linkId: string }[] } }>(
      'select total, response from screening where id = $1',
      [body.id],
    );
    expect(row?.total).toBe(11);
    expect(row?.response.item.map((i) => i.linkId)).not.toContain('phq9-total');
    // A retry of the same screen is the same screen.
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.body.screening).toMatchObject({ id: body.id, total: 11 });
  });

  it('makes a re-screen task after a positive PHQ-9, due after the program’s interval', async () => {
    const tasks = await h.db.query<{ title: string; code: string; due: string }>(
      `select title, code, due_on::text as due from task where client_id = $1 and status = 'open'
          and source = 'rule:rescreen'`,
      [clientId],
    );
    expect(tasks).toHaveLength(1);
    // The rule's code is kept apart; the title is words (the CHW's Spanish), never the code.
    expect(tasks[0]).toMatchObject({
      code: 'rescreen-phq-9',
      title: 'Repetir cuestionario: depresión (PHQ-9)',
    });
  });

  it('PHQ-9 item 9 above 0 offers the C-SSRS now and raises an alert', async () => {
    const reply = await post(byPoints(phq9, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1]));
    expect(reply.status).toBe(201);
    expect(reply.body.nextSteps).toEqual([
      expect.objectContaining({ kind: 'offerInstrument', urgent: true }),
    ]);
    expect(reply.body.alertId).toEqual(expect.any(String));
    const high = await post(cssrsResponse(['1', '2', '3', '4'], ['5', '6']));
    expect(high.body.nextSteps).toEqual([
      expect.objectContaining({ kind: 'crisisProtocol' }),
      expect.objectContaining({ kind: 'followUp', risk: 'high', withinHours: 24 }),
    ]);
    // One crisis, one alert: the C-SSRS joins the alert the PHQ-9 raised.
    expect(high.body.alertId).toBe(reply.body.alertId);
  });

  const bad: [string, () => unknown, number][] = [
    [
      'an answer code not in the questionnaire',
      () => {
        const r = byPoints(phq9, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0]);
        r.item[0] = {
          linkId: 'phq9-1',
          answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA0000-0' } }],
        };
        return r;
      },
      422,
    ],
    [
      'an item answered twice',
      () => {
        const r = byPoints(phq9, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0]);
        r.item.push({ ...(r.item[0] as (typeof r.item)[number]) });
        return r;
      },
      422,
    ],
    [
      'a questionnaire version that does not exist',
      () => ({ ...byPoints(phq9, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0]), questionnaire: `${phq9.url}|9.9.9` }),
      422,
    ],
    ['an id that is not a UUIDv7', () => ({ ...byPoints(phq9, 'phq9', [0]), id: 'not-an-id' }), 400],
  ];
  it.each(bad)('refuses %s and stores nothing', async (_name, body, status) => {
    const before = await screeningCount();
    const reply = await post(body());
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(await screeningCount()).toBe(before);
  });

  it('refuses a screen of a person outside the caller’s caseload as not found, and stores nothing', async () => {
    const before = await screeningCount();
    const other = await post(byPoints(phq9, 'phq9', [3, 3, 3, 3, 3, 3, 3, 3, 3]), w.cookie.chw2);
    expect(other.status).toBe(404);
    const elsewhere = await post(byPoints(phq9, 'phq9', [0]), w.cookie.otherAdmin);
    expect(elsewhere.status).toBe(403);
    expect(await screeningCount()).toBe(before);
    expect(
      (await call(h.app, 'GET', `/api/clients/${clientId}/screenings`, { cookie: w.cookie.chw2 })).status,
    ).toBe(404);
  });

  it('lists the history and an outcomes series with response and remission', async () => {
    await post({
      ...byPoints(phq9, 'phq9', [1, 1, 0, 1, 0, 0, 1, 0, 0]),
      authored: new Date().toISOString(),
    });
    const history = await call(h.app, 'GET', `/api/clients/${clientId}/screenings`, {
      cookie: w.cookie.supervisor,
    });
    expect(history.status).toBe(200);
    expect((history.body.screenings as unknown[]).length).toBe(4);
    const outcomes = await call(h.app, 'GET', `/api/clients/${clientId}/outcomes`, { cookie: w.cookie.chw });
    const series = (outcomes.body.series as { instrument: string; baseline: number; points: unknown[] }[])[0];
    expect(series).toMatchObject({ instrument: phq9.url, baseline: 11 });
    expect(series?.points.at(-1)).toMatchObject({ total: 4, response: true, remission: true });
    expect(series?.points[1]).toMatchObject({ total: 1, response: true, remission: true });
  });

  it('lets an admin add a program form, refuses a broken one with the list of what is wrong', async () => {
    const form = { ...phq9, url: 'https://example.org/fhir/Questionnaire/mood', version: '1' };
    const added = await call(h.app, 'POST', '/api/program/forms', { cookie: w.cookie.admin, body: form });
    expect(added.status).toBe(201);
    const again = await call(h.app, 'POST', '/api/program/forms', { cookie: w.cookie.admin, body: form });
    expect(again.status).toBe(409);
    const broken = await call(h.app, 'POST', '/api/program/forms', {
      cookie: w.cookie.admin,
      body: { resourceType: 'Questionnaire', status: 'active', item: [] },
    });
    expect(broken.status).toBe(422);
    expect((broken.body.errors as { path: string }[]).map((e) => e.path)).toEqual(
      expect.arrayContaining(['url', 'version']),
    );
    const list = await call(h.app, 'GET', '/api/instruments', { cookie: w.cookie.chw });
    expect((list.body.questionnaires as { url: string }[]).map((q) => q.url)).toContain(form.url);
    const answered = byPoints(form, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const reply = await post({ ...answered, questionnaire: canonicalOf(form), id: uuidv7() });
    expect(reply.status).toBe(201);
    expect(reply.body.screening).toMatchObject({ instrument: form.url, total: 0 });
    const chw = await call(h.app, 'POST', '/api/program/forms', { cookie: w.cookie.chw, body: form });
    expect(chw.status).toBe(403);
  });
});
