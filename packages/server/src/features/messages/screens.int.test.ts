import { type AppointmentTextReminders, type UnreadTexts, uuidv7 } from '@puente/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { bodyAs, call } from '../../test/http.js';
import { programThatTexts, twilioTexts } from '../../test/texts.js';
import { sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';
import { closeNews } from '../news/hub.js';
import { textBacklog } from './backlog.js';
import { configuredProvider, deliverTexts } from './deliver.js';
import { queueDueReminders } from './reminders.js';
import { type FakeProvider, fakeTwilio, twilioCallback } from './testing.js';

// What the screens read of texts: each appointment's reminder and why none went, who texted the
// CHW since she last opened their thread (Today), and the provider's backlog for the admin.

const SID = `AC${'fedcba9876543210'.repeat(2)}`;
const TOKEN = 'twilio-test-auth-token-screens-01';
const PUBLIC = 'https://puente.test';
const SENDER = '+15552003333';
const texts = twilioTexts(SID, TOKEN);
const h = useApp({ publicUrl: PUBLIC, texts });
let w: CaseloadWorld;
let fake: FakeProvider;
const day = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  fake = await fakeTwilio(SID, TOKEN);
  texts.baseUrl = fake.url;
  w = await caseloadWorld(h, 'texts-screens');
  await importDirectory(h.db, w.org.orgId, readJson(sampleDirectory(), 'sample.json'));
  const saved = await programThatTexts(h.app, w.cookie.admin, {
    sender: SENDER,
    reminders: [{ hoursBefore: 2 }],
  });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await fake?.close();
  await closeNews(h.db);
});

const provider = () => {
  const p = configuredProvider(h.config);
  if (!p) throw new Error('texts are off');
  return p;
};

/** A CHW's person with a phone, consent to be served, and to be texted if `textConsent`; an appointment three days ahead. */
async function person(givenName: string, phone: string, textConsent: boolean) {
  const client = await register(h, w.cookie.chw, { givenName, phone });
  for (const kind of textConsent ? ['service', 'text'] : ['service']) {
    const k = await call(h.app, 'POST', `/api/clients/${client.id}/consents`, {
      cookie: w.cookie.chw,
      body: { kind, method: 'verbal', givenOn: today() },
    });
    expect(k.status).toBe(201);
  }
  const at = new Date(Date.now() + 3 * day);
  at.setUTCHours(15, 0, 0, 0);
  const appt = await call(h.app, 'POST', `/api/clients/${client.id}/appointments`, {
    cookie: w.cookie.chw,
    body: { place: 'Clínica', at: at.toISOString() },
  });
  expect(appt.status).toBe(201);
  return {
    clientId: client.id,
    appointmentId: String(appt.body.id),
    due: new Date(at.getTime() - 7_200_000),
  };
}

const reminders = async (clientId: string, cookie = w.cookie.chw) =>
  bodyAs<AppointmentTextReminders>(
    await call(h.app, 'GET', `/api/clients/${clientId}/appointment-reminders`, { cookie }),
  );
const unread = async (cookie = w.cookie.chw) =>
  bodyAs<UnreadTexts>(await call(h.app, 'GET', '/api/messages/unread', { cookie }));
const inbound = (from: string, body: string, sid: string) =>
  twilioCallback(
    h.app,
    PUBLIC,
    '/hooks/messages/twilio/inbound',
    { AccountSid: SID, MessageSid: sid, From: from, To: SENDER, Body: body, ApiVersion: '2010-04-01' },
    TOKEN,
  );

describe('texts on the screens', () => {
  it('an appointment says whether its reminder will go, then whether it went, or why not', async () => {
    const yes = await person('Inés', '(555) 203-1001', true);
    const no = await person('Pablo', '(555) 203-1002', false);
    expect(await reminders(yes.clientId)).toEqual({
      enabled: true,
      canText: true,
      reason: null,
      reminders: [],
      doNotContact: [],
    });
    expect(await reminders(no.clientId)).toMatchObject({
      enabled: true,
      canText: false,
      reason: 'noTextConsent',
      reminders: [],
    });

    await queueDueReminders(h.db, h.config, yes.due);
    expect((await reminders(yes.clientId)).reminders).toEqual([
      {
        appointmentId: yes.appointmentId,
        taskId: null,
        status: 'queued',
        reason: null,
        at: expect.any(String),
      },
    ]);
    expect((await reminders(no.clientId)).reminders).toEqual([
      {
        appointmentId: no.appointmentId,
        taskId: null,
        status: 'refused',
        reason: 'noTextConsent',
        at: expect.any(String),
      },
    ]);
    // Scope as for the record itself: a CHW off the person's team is told nothing exists.
    const elsewhere = await call(h.app, 'GET', `/api/clients/${yes.clientId}/appointment-reminders`, {
      cookie: w.cookie.chw2,
    });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a follow-up visit set from the phone and a referral’s appointment say the same: the visit’s reminder, the referral’s “do not contact”', async () => {
    const p = await person('Clara', '(555) 203-1005', true);
    const at = new Date(Date.now() + 3 * day);
    at.setUTCHours(17, 0, 0, 0);
    // The phone saves a follow-up visit through sync's task.add, as the web does with a copy on the phone.
    const taskId = uuidv7();
    const pushed = await call(h.app, 'POST', '/api/sync/push', {
      cookie: w.cookie.chw,
      body: {
        device: uuidv7(),
        mutations: [
          {
            id: uuidv7(),
            kind: 'task.add',
            clientId: p.clientId,
            task: {
              id: taskId,
              title: 'Visita',
              dueOn: at.toISOString().slice(0, 10),
              visitAt: at.toISOString(),
            },
          },
        ],
      },
    });
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    expect(pushed.body.results).toMatchObject([{ status: 'applied' }]);
    const share = await call(h.app, 'POST', `/api/clients/${p.clientId}/consents`, {
      cookie: w.cookie.chw,
      body: { kind: 'share', partnerCategory: 'food', method: 'verbal', givenOn: today() },
    });
    expect(share.status).toBe(201);
    const referral = await call(h.app, 'POST', `/api/clients/${p.clientId}/referrals`, {
      cookie: w.cookie.chw,
      body: { serviceId: serviceId(0), need: 'food-insecurity', reason: 'Comida', doNotContact: true },
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    const quiet = await call(h.app, 'POST', `/api/clients/${p.clientId}/appointments`, {
      cookie: w.cookie.chw,
      body: { place: 'Despensa', at: at.toISOString(), referralId: referral.body.id },
    });
    expect(quiet.status).toBe(201);
    expect((await reminders(p.clientId)).doNotContact).toEqual([quiet.body.id]);

    await queueDueReminders(h.db, h.config, new Date(at.getTime() - 7_200_000));
    const listed = (await reminders(p.clientId)).reminders;
    expect(listed).toContainEqual({
      appointmentId: null,
      taskId,
      status: 'queued',
      reason: null,
      at: expect.any(String),
    });
    expect(listed).toContainEqual({
      appointmentId: quiet.body.id,
      taskId: null,
      status: 'refused',
      reason: 'referralDoNotContact',
      at: expect.any(String),
    });
  });

  it('a follow-up visit’s reminder comes from the admin’s visit template, the appointment’s from its own', async () => {
    const made = await call(h.app, 'POST', '/api/messages/templates', {
      cookie: w.cookie.admin,
      body: {
        kind: 'visit-reminder',
        name: 'Visita',
        language: 'es',
        body: '{program}: {name}, la promotora pasa a verla el {date} a las {time}. Responda 1 o 2.',
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ kind: 'visit-reminder', segments: 1, encoding: 'GSM-7' });
    // The wording check of every template: an unknown placeholder is refused in the admin's words.
    const unknown = await call(h.app, 'POST', '/api/messages/templates', {
      cookie: w.cookie.admin,
      body: { kind: 'visit-reminder', name: 'Mala', language: 'es', body: 'Hola {name}, su {diagnosis}' },
    });
    expect(unknown.status).toBe(422);
    const p = await person('Dolores', '(555) 203-1006', true);
    const at = new Date(Date.now() + 4 * day);
    at.setUTCHours(16, 0, 0, 0);
    const task = await call(h.app, 'POST', `/api/clients/${p.clientId}/tasks`, {
      cookie: w.cookie.chw,
      body: { title: 'Visita', dueOn: at.toISOString().slice(0, 10), visitAt: at.toISOString() },
    });
    expect(task.status).toBe(201);
    const due = new Date(at.getTime() - 7_200_000);
    expect(await queueDueReminders(h.db, h.config, p.due)).toBeGreaterThanOrEqual(1);
    await deliverTexts(h.db, h.config, provider(), p.due);
    expect(await queueDueReminders(h.db, h.config, due)).toBeGreaterThanOrEqual(1);
    const bodies = await h.db.query<{ taskId: string | null; templateId: string | null }>(
      `select task_id as "taskId", template_id as "templateId" from text_message
        where client_id = $1 and kind = 'reminder' order by created_at`,
      [p.clientId],
    );
    expect(bodies).toEqual([
      { taskId: null, templateId: null },
      { taskId: task.body.id, templateId: made.body.id },
    ]);
    await deliverTexts(h.db, h.config, provider(), due);
    const sent = fake.messages.filter((m) => m.to === '+15552031006').map((m) => m.body);
    expect(sent).toContainEqual(expect.stringContaining('Dolores, la promotora pasa a verla el'));
    expect(sent).toContainEqual(expect.stringContaining('le recordamos su cita'));
  });

  it('Today lists who texted the CHW until she opens the thread, and only the people she holds', async () => {
    const p = await person('Rocío', '(555) 203-1003', true);
    expect((await unread()).people.map((u) => u.clientId)).not.toContain(p.clientId);
    expect(
      (await inbound('+15552031003', 'Gracias, ahí estaré', 'SMscreens000000000000000000001')).status,
    ).toBe(200);
    expect((await inbound('+15552031003', '¿A qué hora?', 'SMscreens000000000000000000002')).status).toBe(
      200,
    );
    const listed = (await unread()).people.find((u) => u.clientId === p.clientId);
    expect(listed).toMatchObject({ clientName: 'Rocío', count: 2 });
    expect(JSON.stringify(await unread())).not.toContain('Gracias');
    // The supervisor may read the thread, but the person is not hers to answer on Today.
    expect((await unread(w.cookie.supervisor)).people).toEqual([]);

    const opened = await call(h.app, 'GET', `/api/clients/${p.clientId}/messages`, { cookie: w.cookie.chw });
    expect(opened.status).toBe(200);
    expect((await unread()).people.map((u) => u.clientId)).not.toContain(p.clientId);
    // A new text after that brings her back, counting only what came since.
    expect((await inbound('+15552031003', 'Ya llegué', 'SMscreens000000000000000000003')).status).toBe(200);
    expect((await unread()).people.find((u) => u.clientId === p.clientId)).toMatchObject({ count: 1 });
  });

  it('the backlog shows how long texts have waited while the provider is down, for admins only', async () => {
    const p = await person('Teresa', '(555) 203-1004', true);
    const now = new Date();
    expect(await textBacklog(h.db, h.config, w.org.orgId, now)).toMatchObject({
      enabled: true,
      oldestDueSeconds: 0,
    });
    const sent = await call(h.app, 'POST', `/api/clients/${p.clientId}/messages`, {
      cookie: w.cookie.chw,
      body: { text: 'Hola Teresa, ¿cómo le fue?' },
    });
    expect(sent.status).toBe(201);
    fake.failNext('unavailable');
    const tried = new Date();
    expect(await deliverTexts(h.db, h.config, provider(), tried)).toMatchObject({ failed: 1 });
    const later = new Date(tried.getTime() + 30 * 60_000);
    const backlog = await textBacklog(h.db, h.config, w.org.orgId, later);
    expect(backlog.waiting).toBeGreaterThanOrEqual(1);
    expect(backlog.oldestDueSeconds).toBeGreaterThanOrEqual(29 * 60);
    // Another organization's texts are not its backlog.
    expect(await textBacklog(h.db, h.config, w.other.orgId, later)).toMatchObject({
      waiting: 0,
      oldestDueSeconds: 0,
    });

    expect((await call(h.app, 'GET', '/api/messages/backlog', { cookie: w.cookie.admin })).status).toBe(200);
    const refused = await call(h.app, 'GET', '/api/messages/backlog', { cookie: w.cookie.chw });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    // Once the provider is back the text goes and nothing is late.
    expect(await deliverTexts(h.db, h.config, provider(), later)).toMatchObject({ sent: 1 });
    expect(await textBacklog(h.db, h.config, w.org.orgId, later)).toMatchObject({ oldestDueSeconds: 0 });
  });
});
