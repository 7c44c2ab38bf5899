import { describe, expect, it } from 'vitest';
import { programToday } from '../../test/dates.js';
import { call } from '../../test/http.js';
import { safetyPlanBody } from '../../test/matrix-world.js';
import { useTwilioProgram } from '../../test/twilio-program.js';
import { deliverTexts } from './deliver.js';
import { queueDueReminders } from './reminders.js';

const twilio = useTwilioProgram();
const { h, provider, textablePerson, inbound, record, thread } = twilio;

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
    const before = twilio.fake.messages.length;
    await deliverTexts(h.db, h.config, provider(), now);
    const toHer = twilio.fake.messages.slice(before).filter((m) => m.to === '+15552015566');
    expect(toHer).toHaveLength(1);
    expect(toHer[0]?.body).toContain('no le enviaremos');
    const refused = (await thread(p.client.id)).messages.find((m) => m.kind === 'reminder');
    expect(refused?.status).toBe('refused');
    // The CHW is told why, in her language.
    const send = await call(h.app, 'POST', `/api/clients/${p.client.id}/messages`, {
      cookie: twilio.w.cookie.chw,
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
    const stream = await h.app.request('/api/news/stream', { headers: { cookie: twilio.w.cookie.chw } });
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
    const inbox = await call(h.app, 'GET', '/api/messages/inbox', { cookie: twilio.w.cookie.supervisor });
    expect(inbox.status).toBe(200);
    expect(inbox.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: '+15559998888', body: '¿Quién es?' })]),
    );
    expect((await call(h.app, 'GET', '/api/messages/inbox', { cookie: twilio.w.cookie.chw })).status).toBe(
      403,
    );
  });
});

// After the replies: its counts hide the one STOP and the one confirmation above.
describe('messages a CHW sends', () => {
  it('sends a CHW’s message from a template in the person’s language, and counts without content', async () => {
    const p = await textablePerson('Plantilla', '555-201-2323');
    const template = await call(h.app, 'POST', '/api/messages/templates', {
      cookie: twilio.w.cookie.admin,
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
      cookie: twilio.w.cookie.chw,
      body: { templateId: template.body.id },
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      kind: 'chw',
      status: 'queued',
      body: 'Hola Plantilla, soy su promotora de Org texts.',
    });
    const before = twilio.fake.messages.length;
    await deliverTexts(h.db, h.config, provider(), new Date());
    expect(twilio.fake.messages.slice(before).map((m) => m.body)).toContain(
      'Hola Plantilla, soy su promotora de Org texts.',
    );
    // Not the body in the database: sealed.
    const [row] = await h.db.query<{ sealed: string }>(
      'select body_sealed as sealed from text_message where id = $1',
      [sent.body.id],
    );
    expect(row?.sealed).not.toContain('Plantilla');

    const counts = await call(h.app, 'GET', `/api/messages/counts?from=2000-01-01&to=2100-01-01`, {
      cookie: twilio.w.cookie.manager,
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

describe('STOP is a withdrawal of the text consent, as one made in the app', () => {
  it('revokes the person’s private links and is audited as the withdrawal', async () => {
    const p = await textablePerson('Rocío', '555-201-7788');
    const cookie = twilio.w.cookie.chw;
    const base = `/api/clients/${p.client.id}`;
    expect((await call(h.app, 'PUT', `${base}/safety-plan`, { cookie, body: safetyPlanBody })).status).toBe(
      200,
    );
    const share = await call(h.app, 'POST', `${base}/safety-plan/share`, {
      cookie,
      body: { expiresOn: programToday(14), language: 'es' },
    });
    expect(share.status).toBe(201);
    const token = String(share.body.url).split('/').at(-1);
    expect((await call(h.app, 'GET', `/api/public/safety-plans/${token}`)).status).toBe(200);

    expect((await inbound('+15552017788', 'STOP', 'SMstoplink00000000000000000000001')).status).toBe(200);
    const consent = (await record(p.client.id)).consents.find((k) => k.kind === 'text');
    expect(consent?.revokedAt).not.toBeNull();
    // As after a withdrawal in the app, the plan no longer opens.
    const after = await call(h.app, 'GET', `/api/public/safety-plans/${token}`);
    expect(after.status, JSON.stringify(after.body)).toBe(410);
    const audited = await h.db.query<{ detail: Record<string, unknown> }>(
      `select detail from audit_event where subject_id = $1 and action = 'consent.revoked'`,
      [p.client.id],
    );
    expect(audited).toHaveLength(1);
    expect(audited[0]?.detail).toMatchObject({
      consent: consent?.id,
      linksRevoked: 1,
      referralsCancelled: [],
    });
  });
});
