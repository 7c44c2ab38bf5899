import type { Client, TextThread } from '@puente/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { testPgUrl } from '../../test/database.js';
import { bodyAs, call } from '../../test/http.js';
import { programThatTexts, twilioTexts } from '../../test/texts.js';
import { closeNews } from '../news/hub.js';
import { configuredProvider, deliverDueTexts, deliverTexts } from './deliver.js';
import { queueDueReminders } from './reminders.js';
import { type FakeMessage, type FakeProvider, fakeTwilio, twilioCallback } from './testing.js';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'twilio-test-auth-token-0123456789';
const PUBLIC = 'https://puente.test';
const SENDER = '+15552001111';
const texts = twilioTexts(SID, TOKEN);
const h = useApp({ publicUrl: PUBLIC, texts });
let w: CaseloadWorld;
let fake: FakeProvider;
const day = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  fake = await fakeTwilio(SID, TOKEN);
  texts.baseUrl = fake.url;
  // On PostgreSQL news travels by LISTEN on a connection of its own, to the test's database.
  if (testPgUrl) {
    const [row] = await h.db.query<{ name: string }>('select current_database() as name');
    const url = new URL(testPgUrl);
    url.pathname = `/${row?.name}`;
    h.config.databaseUrl = url.toString();
  }
  w = await caseloadWorld(h, 'texts');
  const saved = await programThatTexts(h.app, w.cookie.admin, {
    sender: '(555) 200-1111',
    reminders: [{ daysBefore: 1, at: '18:00' }, { hoursBefore: 2 }],
  });
  expect(saved.status).toBe(200);
  expect(saved.body.sender).toBe(SENDER);
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

/** A person who agreed to be served and texted, with an appointment three days ahead at 15:00 UTC. */
async function textablePerson(givenName: string, phone: string) {
  const client = await register(h, w.cookie.chw, { givenName, phone });
  for (const kind of ['service', 'text']) {
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
    body: { place: 'Clínica del Valle', purpose: 'Psiquiatría', at: at.toISOString() },
  });
  expect(appt.status).toBe(201);
  return {
    client,
    appointmentId: String(appt.body.id),
    at,
    dayBefore6pm: new Date(at.getTime() - day + 3 * 3_600_000),
  };
}

const thread = async (clientId: string, cookie = w.cookie.chw) =>
  bodyAs<TextThread>(await call(h.app, 'GET', `/api/clients/${clientId}/messages`, { cookie }));
const record = async (clientId: string) =>
  bodyAs<Client>(await call(h.app, 'GET', `/api/clients/${clientId}`, { cookie: w.cookie.chw }));
const inbound = (from: string, body: string, sid: string) =>
  twilioCallback(
    h.app,
    PUBLIC,
    '/hooks/messages/twilio/inbound',
    {
      AccountSid: SID,
      MessageSid: sid,
      From: from,
      To: SENDER,
      Body: body,
      NumMedia: '0',
      ApiVersion: '2010-04-01',
    },
    TOKEN,
  );
const statusOf = (m: FakeMessage, status: string) => {
  const url = new URL(m.statusCallback ?? '');
  expect(url.origin).toBe(PUBLIC);
  return twilioCallback(
    h.app,
    PUBLIC,
    `${url.pathname}${url.search}`,
    {
      AccountSid: SID,
      MessageSid: m.sid,
      MessageStatus: status,
      To: m.to,
      From: SENDER,
      ApiVersion: '2010-04-01',
    },
    TOKEN,
  );
};
const countRows = async () =>
  (await h.db.query<{ n: number }>('select count(*)::int as n from text_message'))[0]?.n ?? 0;

describe('reminders through Twilio', () => {
  it('sends a reminder once although the first attempt’s reply was lost, and status callbacks update it', async () => {
    const p = await textablePerson('Lucía', '(555) 201-3344');
    const now = new Date(p.dayBefore6pm.getTime() + 60_000);
    // Not due yet an hour before the slot.
    expect(await queueDueReminders(h.db, h.config, new Date(p.dayBefore6pm.getTime() - 3_600_000))).toBe(0);
    expect(await queueDueReminders(h.db, h.config, now)).toBe(1);
    // A second pass (or a second server) finds it queued already.
    expect(await queueDueReminders(h.db, h.config, now)).toBe(0);

    const before = fake.messages.length;
    fake.failNext('lost-reply');
    const first = await deliverTexts(h.db, h.config, provider(), now);
    expect(first).toMatchObject({ sent: 0, failed: 1 });
    expect(fake.messages.length).toBe(before + 1);
    const sent = fake.messages.at(-1);
    if (!sent) throw new Error('nothing sent');
    expect(sent.to).toBe('+15552013344');
    expect(sent.from).toBe(SENDER);
    // Spanish, her name, when; never the purpose (Psiquiatría).
    expect(sent.body).toContain('Lucía');
    expect(sent.body).toContain('Responda 1');
    expect(sent.body).not.toContain('Psiquiatr');

    // Twilio's status news comes back carrying Puente's id: the retry finds the message handed over.
    expect((await statusOf(sent, 'sent')).status).toBe(200);
    const retry = await deliverTexts(h.db, h.config, provider(), new Date(now.getTime() + 10 * 60_000));
    expect(retry).toMatchObject({ sent: 0, failed: 0, skipped: 1 });
    expect(fake.messages.length).toBe(before + 1);

    const t1 = await thread(p.client.id);
    expect(t1.messages).toHaveLength(1);
    expect(t1.messages[0]).toMatchObject({
      kind: 'reminder',
      status: 'sent',
      appointmentId: p.appointmentId,
    });
    expect(t1.messages[0]?.body).toBe(sent.body);

    expect((await statusOf(sent, 'delivered')).status).toBe(200);
    // Late or repeated news never moves a message back.
    expect((await statusOf(sent, 'sent')).status).toBe(200);
    expect((await statusOf(sent, 'delivered')).status).toBe(200);
    expect((await thread(p.client.id)).messages[0]?.status).toBe('delivered');

    // The 2-hours-before slot comes later, once.
    const twoHours = new Date(p.at.getTime() - 2 * 3_600_000 + 60_000);
    expect(await queueDueReminders(h.db, h.config, twoHours)).toBe(1);
    expect(await queueDueReminders(h.db, h.config, twoHours)).toBe(0);
  });

  it('waits when Twilio is down and sends once it answers', async () => {
    const p = await textablePerson('Rocío', '555-201-7788');
    const now = new Date(p.dayBefore6pm.getTime() + 60_000);
    expect(await queueDueReminders(h.db, h.config, now)).toBe(1);
    const before = fake.messages.length;
    fake.failNext('unavailable');
    expect(await deliverTexts(h.db, h.config, provider(), now)).toMatchObject({ failed: 1 });
    expect(fake.messages.length).toBe(before);
    // Not before its backoff…
    expect(await deliverTexts(h.db, h.config, provider(), new Date(now.getTime() + 10_000))).toMatchObject({
      sent: 0,
    });
    // …and then exactly once.
    expect(await deliverTexts(h.db, h.config, provider(), new Date(now.getTime() + 60_000))).toMatchObject({
      sent: 1,
    });
    expect(fake.messages.filter((m) => m.to === '+15552017788')).toHaveLength(1);
  });

  it('hands every reminder due in the same minute to Twilio in one pass, batch after batch', async () => {
    const people = [];
    for (const n of [1, 2, 3, 4, 5]) people.push(await textablePerson(`Grupo${n}`, `555-301-000${n}`));
    const now = new Date((people[0]?.dayBefore6pm.getTime() ?? 0) + 60_000);
    expect(await queueDueReminders(h.db, h.config, now)).toBe(5);
    const before = fake.messages.length;
    expect(await deliverDueTexts(h.db, h.config, provider(), now, undefined, { batch: 2 })).toMatchObject({
      sent: 5,
    });
    expect(new Set(fake.messages.slice(before).map((m) => m.to)).size).toBe(5);
  });

  it('holds a reminder due in quiet hours until they end in the program’s zone', async () => {
    const p = await textablePerson('Quieta', '555-201-6655');
    await call(h.app, 'PUT', '/api/messages/settings', {
      cookie: w.cookie.admin,
      body: {
        sender: SENDER,
        reminders: [{ daysBefore: 1, at: '18:00' }],
        quietStart: '17:00',
        quietEnd: '19:00',
      },
    });
    try {
      const now = new Date(p.dayBefore6pm.getTime() + 60_000);
      expect(await queueDueReminders(h.db, h.config, now)).toBe(1);
      const before = fake.messages.length;
      expect(await deliverTexts(h.db, h.config, provider(), now)).toMatchObject({ sent: 0 });
      const after = new Date(p.dayBefore6pm.getTime() + 3_600_000 + 60_000);
      expect(await deliverTexts(h.db, h.config, provider(), after)).toMatchObject({ sent: 1 });
      expect(fake.messages.length).toBe(before + 1);
    } finally {
      await call(h.app, 'PUT', '/api/messages/settings', {
        cookie: w.cookie.admin,
        body: {
          sender: SENDER,
          reminders: [{ daysBefore: 1, at: '18:00' }, { hoursBefore: 2 }],
          quietStart: '00:00',
          quietEnd: '00:00',
        },
      });
    }
  });
});

describe('replies', () => {
  it('“Sí” confirms the appointment the reminder was about, once however often Twilio retries', async () => {
    const p = await textablePerson('Marta', '555-201-4455');
    const now = new Date(p.dayBefore6pm.getTime() + 60_000);
    await queueDueReminders(h.db, h.config, now);
    await deliverTexts(h.db, h.config, provider(), now);
    const reply = await inbound('+15552014455', 'Sí', 'SMreply0000000000000000000000001');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/xml');
    expect((await inbound('+15552014455', 'Sí', 'SMreply0000000000000000000000001')).status).toBe(200);
    const appointment = (await record(p.client.id)).appointments.find((a) => a.id === p.appointmentId);
    expect(appointment?.textReply).toBe('confirmed');
    const t = await thread(p.client.id);
    expect(t.messages.filter((m) => m.direction === 'in')).toHaveLength(1);
    expect(t.messages.find((m) => m.direction === 'in')?.body).toBe('Sí');
    // She is thanked, in Spanish.
    const thanks = t.messages.filter((m) => m.kind === 'keyword-reply');
    expect(thanks).toHaveLength(1);
    expect(thanks[0]?.body).toContain('confirmada');
  });

  it('“2” asks the CHW to call, on the appointment', async () => {
    const p = await textablePerson('Nora', '555-201-9900');
    const now = new Date(p.dayBefore6pm.getTime() + 60_000);
    await queueDueReminders(h.db, h.config, now);
    await deliverTexts(h.db, h.config, provider(), now);
    expect((await inbound('+15552019900', '2', 'SMreply0000000000000000000000002')).status).toBe(200);
    expect((await record(p.client.id)).appointments.find((a) => a.id === p.appointmentId)?.textReply).toBe(
      'call-me',
    );
  });

  it('STOP ends every message, withdraws the text consent on the record, and START (or sí) resumes them', async () => {
    const p = await textablePerson('Paula', '555-201-5566');
    expect((await thread(p.client.id)).canText).toBe(true);
    expect((await inbound('+15552015566', 'PARAR', 'SMstop00000000000000000000000001')).status).toBe(200);
    const t = await thread(p.client.id);
    expect(t).toMatchObject({ optedOut: true, canText: false, reason: 'textOptedOut' });
    const consent = (await record(p.client.id)).consents.find((k) => k.kind === 'text');
    expect(consent?.revokedAt).not.toBeNull();
    // The confirmation carriers require goes out; nothing else does.
    const now = new Date(p.dayBefore6pm.getTime() + 60_000);
    await queueDueReminders(h.db, h.config, now);
    const before = fake.messages.length;
    await deliverTexts(h.db, h.config, provider(), now);
    const toHer = fake.messages.slice(before).filter((m) => m.to === '+15552015566');
    expect(toHer).toHaveLength(1);
    expect(toHer[0]?.body).toContain('no le enviaremos');
    const refused = (await thread(p.client.id)).messages.find((m) => m.kind === 'reminder');
    expect(refused?.status).toBe('refused');
    // The CHW is told why, in her language.
    const send = await call(h.app, 'POST', `/api/clients/${p.client.id}/messages`, {
      cookie: w.cookie.chw,
      body: { text: 'Hola Paula' },
    });
    expect(send.status).toBe(403);
    expect(send.headers.get('content-type')).toContain('application/problem+json');
    expect(send.body).toMatchObject({ code: 'textOptedOut' });
    expect(String(send.body.title)).toContain('PARAR');
    const audit = await h.db.query<{ action: string }>(
      `select action from audit_event where subject_id = $1 and action like 'text.%'`,
      [p.client.id],
    );
    expect(audit.map((a) => a.action)).toContain('text.opted-out');

    expect((await inbound('+15552015566', 'si', 'SMstart0000000000000000000000001')).status).toBe(200);
    const back = await thread(p.client.id);
    expect(back).toMatchObject({ optedOut: false, canText: true });
    const consents = (await record(p.client.id)).consents.filter((k) => k.kind === 'text');
    expect(consents.find((k) => k.revokedAt === null)?.method).toBe('text-reply');
  });

  it('tells the phone of the person’s CHW that a text came in, with the person’s id and nothing of the text', async () => {
    const p = await textablePerson('Noticia', '555-201-8181');
    const stream = await h.app.request('/api/news/stream', { headers: { cookie: w.cookie.chw } });
    expect(stream.status).toBe(200);
    const body = stream.body?.getReader();
    if (!body) throw new Error('no stream');
    const decoder = new TextDecoder();
    let buffer = '';
    const nextEvent = async (): Promise<string> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.split('\n').every((line) => line.startsWith(':'))) continue;
          return block;
        }
        const chunk = await body.read();
        if (chunk.done) return 'closed';
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    };
    try {
      expect(await nextEvent()).toContain('event: ready');
      expect(
        (await inbound('+15552018181', 'Gracias, ahí estaré', 'SMnews000000000000000000000001')).status,
      ).toBe(200);
      const news = await nextEvent();
      expect(news).toContain('event: news');
      expect(news).toContain(JSON.stringify({ kind: 'message', id: p.client.id }));
      expect(news).not.toContain('Gracias');
    } finally {
      await body.cancel();
    }
  });

  it('a text from a number nobody has goes to the program inbox, for supervisors only', async () => {
    expect((await inbound('+15559998888', '¿Quién es?', 'SMstranger000000000000000000001')).status).toBe(200);
    const inbox = await call(h.app, 'GET', '/api/messages/inbox', { cookie: w.cookie.supervisor });
    expect(inbox.status).toBe(200);
    expect(inbox.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: '+15559998888', body: '¿Quién es?' })]),
    );
    expect((await call(h.app, 'GET', '/api/messages/inbox', { cookie: w.cookie.chw })).status).toBe(403);
  });
});

describe('refusals', () => {
  it('refuses an unsigned or wrongly signed callback with 403 and stores nothing', async () => {
    const rows = await countRows();
    const params = {
      AccountSid: SID,
      MessageSid: 'SMforged000000000000000000000001',
      From: '+15552013344',
      To: SENDER,
      Body: 'STOP',
    };
    const unsigned = await twilioCallback(h.app, PUBLIC, '/hooks/messages/twilio/inbound', params, TOKEN, '');
    expect(unsigned.status).toBe(403);
    const wrongKey = await twilioCallback(
      h.app,
      PUBLIC,
      '/hooks/messages/twilio/inbound',
      params,
      'another-token-0123456789',
    );
    expect(wrongKey.status).toBe(403);
    // Signed for another URL (a status callback replayed at the inbound hook).
    const otherUrl = await twilioCallback(
      h.app,
      'https://elsewhere.test',
      '/hooks/messages/twilio/inbound',
      params,
      TOKEN,
    );
    expect(otherUrl.status).toBe(403);
    const status = await twilioCallback(
      h.app,
      PUBLIC,
      '/hooks/messages/twilio/status',
      { ...params, MessageStatus: 'delivered' },
      'nope-nope-nope-nope',
    );
    expect(status.status).toBe(403);
    expect(await countRows()).toBe(rows);
    expect((await h.db.query('select 1 from text_opt_out where phone = $1', ['+15552013344'])).length).toBe(
      0,
    );
  });

  it('limits guessing a signature per address: 429 before any check once 20 are wrong, a right one counts nothing', async () => {
    await h.db.query(`delete from auth_limit where key like 'text-hook:%'`);
    const params = {
      AccountSid: SID,
      MessageSid: 'SMguess0000000000000000000000001',
      MessageStatus: 'delivered',
    };
    const path = '/hooks/messages/twilio/status';
    try {
      // Right ones give their attempt back: many of them never reach the limit.
      for (let i = 0; i < 25; i++)
        expect((await twilioCallback(h.app, PUBLIC, path, params, TOKEN)).status).toBe(200);
      for (let i = 0; i < 20; i++)
        expect((await twilioCallback(h.app, PUBLIC, path, params, 'guess-guess-guess-guess')).status).toBe(
          403,
        );
      const blocked = await twilioCallback(h.app, PUBLIC, path, params, 'guess-guess-guess-guess');
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      // Refused before the signature is read, so a right one from that address waits too.
      expect((await twilioCallback(h.app, PUBLIC, path, params, TOKEN)).status).toBe(429);
    } finally {
      await h.db.query(`delete from auth_limit where key like 'text-hook:%'`);
    }
  });

  it('refuses a wrong number, a message over 10 segments and an unknown placeholder in the caller’s language', async () => {
    const p = await textablePerson('Larga', '555-201-1212');
    const long = await call(h.app, 'POST', `/api/clients/${p.client.id}/messages`, {
      cookie: w.cookie.chw,
      body: { text: 'á'.repeat(671) },
    });
    expect(long.status).toBe(422);
    expect(long.body).toMatchObject({ code: 'textTooLong' });
    expect(String(long.body.title)).toContain('máximo es 10');

    // A number kept from before phones were checked at registration.
    const bad = await register(h, w.cookie.chw, { givenName: 'Corto', phone: '555-201-4747' });
    await h.db.query('update client set phone = $2 where id = $1', [bad.id, '12345']);
    for (const kind of ['service', 'text']) {
      await call(h.app, 'POST', `/api/clients/${bad.id}/consents`, {
        cookie: w.cookie.chw,
        body: { kind, method: 'verbal', givenOn: today() },
      });
    }
    const wrong = await call(h.app, 'POST', `/api/clients/${bad.id}/messages`, {
      cookie: w.cookie.chw,
      body: { text: 'Hola' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body).toMatchObject({ code: 'textBadNumber' });

    const noConsent = await register(h, w.cookie.chw, { givenName: 'Sin', phone: '555-201-3131' });
    const refused = await call(h.app, 'POST', `/api/clients/${noConsent.id}/messages`, {
      cookie: w.cookie.chw,
      body: { text: 'Hola' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'noServiceConsent' });

    const template = await call(h.app, 'POST', '/api/messages/templates', {
      cookie: w.cookie.admin,
      headers: { 'accept-language': 'es' },
      body: {
        kind: 'reminder',
        name: 'Cita',
        language: 'es',
        body: 'Hola {name}, su {diagnosis} es el {date}',
      },
    });
    expect(template.status).toBe(422);
    expect(template.body).toMatchObject({ code: 'textUnknownPlaceholder' });
    expect(String(template.body.title)).toContain('{diagnosis}');
  });

  it('sends a CHW’s message from a template in the person’s language, and counts without content', async () => {
    const p = await textablePerson('Plantilla', '555-201-2323');
    const template = await call(h.app, 'POST', '/api/messages/templates', {
      cookie: w.cookie.admin,
      body: {
        kind: 'message',
        name: 'Saludo',
        language: 'es',
        body: 'Hola {name}, soy su promotora de {program}.',
      },
    });
    expect(template.status).toBe(201);
    expect(template.body).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    const sent = await call(h.app, 'POST', `/api/clients/${p.client.id}/messages`, {
      cookie: w.cookie.chw,
      body: { templateId: template.body.id },
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      kind: 'chw',
      status: 'queued',
      body: 'Hola Plantilla, soy su promotora de Org texts.',
    });
    const before = fake.messages.length;
    await deliverTexts(h.db, h.config, provider(), new Date());
    expect(fake.messages.slice(before).map((m) => m.body)).toContain(
      'Hola Plantilla, soy su promotora de Org texts.',
    );
    // Not the body in the database: sealed.
    const [row] = await h.db.query<{ sealed: string }>(
      'select body_sealed as sealed from text_message where id = $1',
      [sent.body.id],
    );
    expect(row?.sealed).not.toContain('Plantilla');

    const counts = await call(h.app, 'GET', `/api/messages/counts?from=2000-01-01&to=2100-01-01`, {
      cookie: w.cookie.manager,
    });
    expect(counts.status).toBe(200);
    // One STOP and one confirmation in this file: under the threshold, hidden as reports hide them.
    expect(counts.body).toMatchObject({ optedOut: null, confirmed: null, smallCounts: { threshold: 11 } });
    expect(counts.body.smallCounts).toMatchObject({
      suppressed: expect.arrayContaining(['confirmed', 'optedOut']),
    });
    expect(JSON.stringify(counts.body)).not.toContain('Plantilla');
  });
});
