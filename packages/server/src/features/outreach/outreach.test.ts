import {
  addDays,
  type CheckChange,
  type ClientSummary,
  canonicalOf,
  type OutreachEvent,
  type OutreachEventDetail,
  talkCheck,
} from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld } from '../../test/caseload.js';
import { programToday } from '../../test/dates.js';
import { bodyAs, call } from '../../test/http.js';

const h = useApp();
let w: CaseloadWorld;
beforeAll(async () => {
  w = await caseloadWorld(h, 'talks');
});

const today = () => programToday();
const talk = (over: Record<string, unknown> = {}) => ({
  title: 'Stress, sleep and when to ask for help',
  heldOn: today(),
  place: 'Central Library, room 2',
  neighborhood: 'Eastside',
  audience: 'youth',
  language: 'en',
  topics: ['stress-coping'],
  attendance: 14,
  checkQuestionnaire: canonicalOf(talkCheck),
  ...over,
});

async function newEvent(cookie: string, over: Record<string, unknown> = {}): Promise<OutreachEvent> {
  const reply = await call(h.app, 'POST', '/api/outreach/events', { cookie, body: talk(over) });
  if (reply.status !== 201) throw new Error(`event: ${reply.status} ${JSON.stringify(reply.body)}`);
  return bodyAs<OutreachEvent>(reply);
}

// Points per statement: agree/not-sure/disagree; statement 2 is a myth.
const response = (codes: string[]) => ({
  resourceType: 'QuestionnaireResponse',
  questionnaire: canonicalOf(talkCheck),
  status: 'completed',
  item: codes.map((code, i) => ({
    linkId: `talk-${i + 1}`,
    answer: [{ valueCoding: { system: 'https://puente.dev/fhir/CodeSystem/answers', code } }],
  })),
});
const unsure = response(Array(5).fill('not-sure'));
const best = response(['agree', 'disagree', 'agree', 'agree', 'agree']);

const answer = (code: string, body: Record<string, unknown>) =>
  call(h.app, 'POST', `/api/public/checks/${code}/answers`, { body });
const setPhase = (id: string, checkPhase: string) =>
  call(h.app, 'PATCH', `/api/outreach/events/${id}`, { cookie: w.cookie.chw, body: { checkPhase } });

describe('the before-and-after check', () => {
  it('pairs each phone’s answers by its session code and shows the change on the event', async () => {
    const event = await newEvent(w.cookie.chw);
    const code = event.checkCode ?? '';
    expect(code).toMatch(/^[A-Z2-9]{6}$/);

    const check = await call(h.app, 'GET', `/api/public/checks/${code.toLowerCase()}`);
    expect(check.status).toBe(200);
    expect(check.headers.get('set-cookie')).toBeNull();
    expect(JSON.stringify(check.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|chw of talks/);

    const first = await answer(code, { phase: 'pre', response: unsure });
    const second = await answer(code, { phase: 'pre', response: unsure });
    expect([first.status, second.status]).toEqual([201, 201]);
    const a = String(first.body.sessionCode);
    const b = String(second.body.sessionCode);
    expect(a).not.toBe(b);
    // The post half is not open yet.
    expect((await answer(code, { phase: 'post', sessionCode: a, response: best })).status).toBe(409);

    await setPhase(event.id, 'post');
    // The second attendee types their code on another phone, lower case with a dash.
    const typed = `${b.slice(0, 3).toLowerCase()}-${b.slice(3)}`;
    expect((await answer(code, { phase: 'post', sessionCode: a, response: best })).status).toBe(201);
    expect((await answer(code, { phase: 'post', sessionCode: typed, response: unsure })).status).toBe(201);
    expect((await answer(code, { phase: 'post', sessionCode: a, response: best })).status).toBe(409);

    const detail = bodyAs<OutreachEventDetail>(
      await call(h.app, 'GET', `/api/outreach/events/${event.id}`, { cookie: w.cookie.chw }),
    );
    expect(detail.checkUrl).toMatch(new RegExp(`/e/${code}$`));
    expect(detail.checkQr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(detail.change).toEqual<CheckChange>({
      preCount: 2,
      postCount: 2,
      pairedCount: 2,
      meanBefore: 0.5,
      meanAfter: 0.75,
      maxScore: 10,
      improvedShare: 0.5,
      improved: 1,
      same: 1,
      worse: 0,
    });
  });

  it('refuses an unknown session code and an incomplete answer, and keeps nothing of them', async () => {
    const event = await newEvent(w.cookie.chw);
    const code = event.checkCode ?? '';
    await setPhase(event.id, 'post');
    const unknown = await answer(code, { phase: 'post', sessionCode: 'ZZZZZZ', response: best });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('unknownSessionCode');
    const partial = await answer(code, { phase: 'post', response: { ...best, item: best.item.slice(0, 3) } });
    expect(partial.status).toBe(422);
    // Someone who missed the start still counts, unpaired.
    expect((await answer(code, { phase: 'post', response: best })).status).toBe(201);
    const rows = await h.db.query('select 1 from outreach_check_answer where event_id = $1', [event.id]);
    expect(rows).toHaveLength(1);
  });

  it('accepts only the talk check or an anonymous-safe program form', async () => {
    const phq = await call(h.app, 'POST', '/api/outreach/events', {
      cookie: w.cookie.chw,
      body: talk({ checkQuestionnaire: 'https://puente.dev/fhir/Questionnaire/phq-9|1.0.0' }),
    });
    expect(phq.status).toBe(400);
    expect(phq.body.code).toBe('checkNotAllowed');
  });
});

describe('events', () => {
  it('cannot be marked as held before their date', async () => {
    const reply = await call(h.app, 'POST', '/api/outreach/events', {
      cookie: w.cookie.chw,
      body: talk({ heldOn: addDays(today(), 3), status: 'held' }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('eventHeldInFuture');
  });

  it('are invisible to another organization', async () => {
    const event = await newEvent(w.cookie.chw);
    const { events } = bodyAs<{ events: OutreachEvent[] }>(
      await call(h.app, 'GET', '/api/outreach/events', { cookie: w.cookie.otherAdmin }),
    );
    expect(events.map((e) => e.id)).not.toContain(event.id);
    expect(
      (await call(h.app, 'GET', `/api/outreach/events/${event.id}`, { cookie: w.cookie.otherAdmin })).status,
    ).toBe(404);
    const patch = await call(h.app, 'PATCH', `/api/outreach/events/${event.id}`, {
      cookie: w.cookie.otherAdmin,
      body: { attendance: 1 },
    });
    expect(patch.status).toBe(404);
  });

  it('count reach by language, neighborhood and topic for a manager, with no names', async () => {
    await newEvent(w.cookie.chw, {
      status: 'held',
      attendance: 20,
      language: 'es',
      neighborhood: 'Northside',
      topics: ['grief'],
    });
    const reply = await call(h.app, 'GET', '/api/outreach/figures', { cookie: w.cookie.manager });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      byLanguage: expect.arrayContaining([{ key: 'es', events: 1, reached: 20 }]),
      byNeighborhood: expect.arrayContaining([{ key: 'Northside', events: 1, reached: 20 }]),
      byTopic: expect.arrayContaining([{ key: 'grief', events: 1, reached: 20 }]),
    });
  });
});

describe('sign-ups', () => {
  it('become clients in the CHW’s caseload with their consent, named only to those who may see them', async () => {
    const event = await newEvent(w.cookie.chw);
    const reply = await call(h.app, 'POST', `/api/outreach/events/${event.id}/sign-ups`, {
      cookie: w.cookie.chw,
      body: {
        givenName: 'Jordan',
        familyName: 'Reyes',
        phone: '(213) 373-4254',
        preferredLanguage: 'en',
        okToText: true,
        consentMethod: 'written',
        consent: true,
      },
    });
    expect(reply.status).toBe(201);
    const clientId = String(reply.body.clientId);
    const { clients } = bodyAs<{ clients: ClientSummary[] }>(
      await call(h.app, 'GET', '/api/clients?q=Jordan', { cookie: w.cookie.chw }),
    );
    expect(clients.map((c) => c.id)).toContain(clientId);
    const consents = await h.db.query<{ kind: string }>(
      'select kind from consent where client_id = $1 and revoked_at is null order by kind',
      [clientId],
    );
    expect(consents.map((c) => c.kind)).toEqual(['service', 'text']);

    const mine = bodyAs<OutreachEventDetail>(
      await call(h.app, 'GET', `/api/outreach/events/${event.id}`, { cookie: w.cookie.chw }),
    );
    expect(mine.signUpList).toEqual([{ clientId, name: 'Jordan Reyes', chwName: 'chw of talks' }]);
    const theirs = bodyAs<OutreachEventDetail>(
      await call(h.app, 'GET', `/api/outreach/events/${event.id}`, { cookie: w.cookie.chw2 }),
    );
    expect(theirs.signUps).toBe(1);
    expect(theirs.signUpList).toEqual([]);
  });

  it('are refused without consent, and nobody is registered', async () => {
    const event = await newEvent(w.cookie.chw);
    const reply = await call(h.app, 'POST', `/api/outreach/events/${event.id}/sign-ups`, {
      cookie: w.cookie.chw,
      body: { givenName: 'Sin Permiso', preferredLanguage: 'es', consentMethod: 'verbal', consent: false },
    });
    expect(reply.status).toBe(400);
    expect(await h.db.query("select 1 from client where given_name = 'Sin Permiso'")).toHaveLength(0);
  });

  it('can be assigned by a supervisor to a CHW of their team', async () => {
    const event = await newEvent(w.cookie.supervisor);
    const reply = await call(h.app, 'POST', `/api/outreach/events/${event.id}/sign-ups`, {
      cookie: w.cookie.supervisor,
      body: {
        givenName: 'Asignada',
        preferredLanguage: 'es',
        consentMethod: 'verbal',
        consent: true,
        chwId: w.org.ids[w.org.chw],
      },
    });
    expect(reply.status).toBe(201);
    const [row] = await h.db.query<{ chw: string }>(
      'select assigned_chw_id as chw from client where id = $1',
      [reply.body.clientId],
    );
    expect(row?.chw).toBe(w.org.ids[w.org.chw]);
  });
});
