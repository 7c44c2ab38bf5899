import type { Client, Task, TextThread, UnreadTexts } from '@puente/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { bodyAs, call } from '../../test/http.js';
import { programThatTexts, twilioTexts } from '../../test/texts.js';
import { sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';
import { closeNews } from '../news/hub.js';
import { configuredProvider, deliverTexts } from './deliver.js';
import { queueDueReminders } from './reminders.js';
import { type FakeProvider, fakeTwilio, twilioCallback } from './testing.js';

// Reminders of follow-up visits and of appointments a referral led to, through a fake speaking Twilio's format.
const SID = `AC${'89abcdef01234567'.repeat(2)}`;
const TOKEN = 'twilio-test-auth-token-visits-9876';
const texts = twilioTexts(SID, TOKEN);
const PUBLIC = 'https://puente.test';
const h = useApp({ publicUrl: PUBLIC, texts });
let w: CaseloadWorld;
let fake: FakeProvider;
const day = 86_400_000;
const hour = 3_600_000;
const FOOD = serviceId(0);
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  fake = await fakeTwilio(SID, TOKEN);
  texts.baseUrl = fake.url;
  w = await caseloadWorld(h, 'visits');
  await importDirectory(h.db, w.org.orgId, readJson(sampleDirectory(), 'sample.json'));
  const saved = await programThatTexts(h.app, w.cookie.admin, {
    sender: '(555) 200-3333',
    reminders: [{ daysBefore: 1, at: '18:00' }, { hoursBefore: 2 }],
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

/**
 * Three days ahead at 15:00 UTC (or `days` ahead: a time no earlier test left a reminder due at),
 * and the moment its day-before-at-18:00 reminder is due plus a minute.
 */
function threeDaysAhead(days = 3) {
  const at = new Date(Date.now() + days * day);
  at.setUTCHours(15, 0, 0, 0);
  return { at, reminderDue: new Date(at.getTime() - day + 3 * hour + 60_000) };
}

/** A person who agreed to be served and texted (and, for referrals, to share with food help). */
async function textablePerson(givenName: string, phone: string, language = 'es'): Promise<Client> {
  const client = await register(h, w.cookie.chw, { givenName, phone, preferredLanguage: language });
  for (const body of [{ kind: 'service' }, { kind: 'text' }, { kind: 'share', partnerCategory: 'food' }]) {
    const k = await call(h.app, 'POST', `/api/clients/${client.id}/consents`, {
      cookie: w.cookie.chw,
      body: { method: 'verbal', givenOn: today(), ...body },
    });
    expect(k.status).toBe(201);
  }
  return client;
}

const thread = async (clientId: string) =>
  bodyAs<TextThread>(await call(h.app, 'GET', `/api/clients/${clientId}/messages`, { cookie: w.cookie.chw }));
const sentTo = (number: string) => fake.messages.filter((m) => m.to === number);
/** The reminders on record for an appointment or a task, oldest first: how each ended, and why. */
const reminders = (column: 'appointment_id' | 'task_id', id: string) =>
  h.db.query<{ status: string; reason: string | null }>(
    `select status, reason from text_message where kind = 'reminder' and ${column} = $1 order by created_at, id`,
    [id],
  );

describe('follow-up visits', () => {
  it('reminds the person of a visit at its agreed hour once, in their language, despite a second pass and a retry', async () => {
    const person = await textablePerson('Marisol', '(555) 202-4411');
    const { at, reminderDue } = threeDaysAhead();
    const made = await call(h.app, 'POST', `/api/clients/${person.id}/tasks`, {
      cookie: w.cookie.chw,
      body: {
        title: 'Seguimiento PHQ-9: depresión',
        dueOn: at.toISOString().slice(0, 10),
        visitAt: at.toISOString(),
      },
    });
    expect(made.status).toBe(201);
    const task = bodyAs<Task>(made);
    expect(Date.parse(task.visitAt ?? '')).toBe(at.getTime());
    // A task without an agreed hour is the CHW's own work: nobody is texted about it.
    const plain = await call(h.app, 'POST', `/api/clients/${person.id}/tasks`, {
      cookie: w.cookie.chw,
      body: { title: 'Llamar al casero', dueOn: at.toISOString().slice(0, 10) },
    });
    expect(plain.status).toBe(201);

    expect(await queueDueReminders(h.db, h.config, new Date(reminderDue.getTime() - hour))).toBe(0);
    expect(await queueDueReminders(h.db, h.config, reminderDue)).toBe(1);
    expect(await queueDueReminders(h.db, h.config, reminderDue)).toBe(0);

    fake.failNext('unavailable');
    expect(await deliverTexts(h.db, h.config, provider(), reminderDue)).toMatchObject({ sent: 0, failed: 1 });
    expect(
      await deliverTexts(h.db, h.config, provider(), new Date(reminderDue.getTime() + 10 * 60_000)),
    ).toMatchObject({ sent: 1 });
    expect(
      await deliverTexts(h.db, h.config, provider(), new Date(reminderDue.getTime() + 20 * 60_000)),
    ).toMatchObject({ sent: 0 });
    const sent = sentTo('+15552024411');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toContain('Marisol');
    expect(sent[0]?.body).toContain('su promotora');
    // Never the task's words: they can say why the person is followed.
    expect(sent[0]?.body).not.toMatch(/PHQ|depresi|casero/i);
    const t = await thread(person.id);
    expect(t.messages.map((m) => [m.kind, m.status])).toEqual([['reminder', 'sent']]);
  });

  it('does not send a visit’s reminder once the visit moved, and reminds of the new hour instead', async () => {
    const person = await textablePerson('Renata', '555-202-4422', 'en');
    const { at, reminderDue } = threeDaysAhead();
    const made = await call(h.app, 'POST', `/api/clients/${person.id}/tasks`, {
      cookie: w.cookie.chw,
      body: { title: 'Home visit', dueOn: at.toISOString().slice(0, 10), visitAt: at.toISOString() },
    });
    expect(await queueDueReminders(h.db, h.config, reminderDue)).toBe(1);
    const later = new Date(at.getTime() + day);
    const moved = await call(h.app, 'PATCH', `/api/tasks/${made.body.id}`, {
      cookie: w.cookie.chw,
      body: { visitAt: later.toISOString() },
    });
    expect(moved.status).toBe(200);
    expect(Date.parse(String(moved.body.visitAt))).toBe(later.getTime());
    expect(await deliverTexts(h.db, h.config, provider(), reminderDue)).toMatchObject({
      sent: 0,
      skipped: 1,
    });
    expect(sentTo('+15552024422')).toHaveLength(0);
    // The new hour's reminder is due a day later, once, in English.
    const next = new Date(reminderDue.getTime() + day);
    expect(await queueDueReminders(h.db, h.config, next)).toBe(1);
    expect(await deliverTexts(h.db, h.config, provider(), next)).toMatchObject({ sent: 1 });
    expect(sentTo('+15552024422').map((m) => m.body)).toEqual([
      expect.stringContaining('your community health worker will be in touch'),
    ]);
    expect(await reminders('task_id', String(made.body.id))).toEqual([
      { status: 'refused', reason: 'appointmentChanged' },
      { status: 'sent', reason: null },
    ]);
  });
});

describe('referral appointments', () => {
  async function referralAppointment(clientId: string, doNotContact: boolean, at: Date) {
    const referral = await call(h.app, 'POST', `/api/clients/${clientId}/referrals`, {
      cookie: w.cookie.chw,
      body: {
        serviceId: FOOD,
        need: 'food-insecurity',
        reason: 'Runs out of food before payday',
        doNotContact,
      },
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    const appointment = await call(h.app, 'POST', `/api/clients/${clientId}/appointments`, {
      cookie: w.cookie.chw,
      body: { place: 'Despensa Comunitaria', at: at.toISOString(), referralId: referral.body.id },
    });
    expect(appointment.status, JSON.stringify(appointment.body)).toBe(201);
    expect(appointment.body.referralId).toBe(referral.body.id);
    return { referralId: String(referral.body.id), appointmentId: String(appointment.body.id) };
  }

  it('reminds of an appointment a referral led to, without naming the place, even when the template does', async () => {
    const template = await call(h.app, 'POST', '/api/messages/templates', {
      cookie: w.cookie.admin,
      body: {
        kind: 'reminder',
        name: 'Con lugar',
        language: 'es',
        body: '{program}: {name}, su cita es el {date} a las {time} en {place}.',
      },
    });
    expect(template.status).toBe(201);
    const person = await textablePerson('Inés', '555-202-4433');
    const { at, reminderDue } = threeDaysAhead();
    const { appointmentId } = await referralAppointment(person.id, false, at);
    expect(await queueDueReminders(h.db, h.config, reminderDue)).toBe(1);
    expect(await deliverTexts(h.db, h.config, provider(), reminderDue)).toMatchObject({ sent: 1 });
    const sent = sentTo('+15552024433');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toContain('Inés');
    expect(sent[0]?.body).not.toContain('Despensa');
    expect((await thread(person.id)).messages[0]).toMatchObject({ kind: 'reminder', appointmentId });
  });

  it('sends no reminder of an appointment whose referral says not to contact the person about it, and says why', async () => {
    const person = await textablePerson('Olga', '555-202-4444');
    const { at, reminderDue } = threeDaysAhead();
    const { appointmentId } = await referralAppointment(person.id, true, at);
    // An appointment of the care plan the same day is reminded of as before: the flag is the referral's alone.
    const own = await call(h.app, 'POST', `/api/clients/${person.id}/appointments`, {
      cookie: w.cookie.chw,
      body: { place: 'Centro comunitario', at: new Date(at.getTime() + hour).toISOString() },
    });
    expect(own.status).toBe(201);
    expect(await queueDueReminders(h.db, h.config, reminderDue)).toBe(1);
    expect(await queueDueReminders(h.db, h.config, reminderDue)).toBe(0);
    expect(await deliverTexts(h.db, h.config, provider(), reminderDue)).toMatchObject({ sent: 1 });
    expect(sentTo('+15552024444')).toHaveLength(1);
    expect(await reminders('appointment_id', appointmentId)).toEqual([
      { status: 'refused', reason: 'referralDoNotContact' },
    ]);
    expect(await reminders('appointment_id', String(own.body.id))).toEqual([
      { status: 'sent', reason: null },
    ]);
    // Audited as refused, with the reason and the appointment, never the words.
    const audited = await h.db.query<{ detail: Record<string, unknown> }>(
      `select detail from audit_event where action = 'text.reminder-refused' and subject_id = $1`,
      [person.id],
    );
    expect(audited.map((a) => a.detail)).toEqual([
      { appointment: appointmentId, slot: 'd1@18:00', reason: 'referralDoNotContact' },
    ]);
  });

  it('refuses an appointment tied to another person’s referral, saving nothing', async () => {
    const ana = await textablePerson('Ana', '555-202-4455');
    const beto = await textablePerson('Beto', '555-202-4466');
    const { referralId } = await referralAppointment(ana.id, false, threeDaysAhead().at);
    const refused = await call(h.app, 'POST', `/api/clients/${beto.id}/appointments`, {
      cookie: w.cookie.chw,
      body: { place: 'Despensa', at: threeDaysAhead().at.toISOString(), referralId },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'appointmentReferralOther' });
    const record = bodyAs<Client & { appointments: unknown[] }>(
      await call(h.app, 'GET', `/api/clients/${beto.id}`, { cookie: w.cookie.chw }),
    );
    expect(record.appointments).toHaveLength(0);
  });
});

/** A text from the person's phone to the program's number, as Twilio posts it, signed. */
const inbound = (from: string, body: string, sid: string) =>
  twilioCallback(
    h.app,
    PUBLIC,
    '/hooks/messages/twilio/inbound',
    {
      AccountSid: SID,
      MessageSid: sid,
      From: from,
      To: '+15552003333',
      Body: body,
      ApiVersion: '2010-04-01',
    },
    TOKEN,
  );
const record = async (clientId: string) =>
  bodyAs<Client & { openTasks: Task[]; appointments: { id: string; textReply?: string | null }[] }>(
    await call(h.app, 'GET', `/api/clients/${clientId}`, { cookie: w.cookie.chw }),
  );

describe('replies to visit and referral reminders', () => {
  it('“sí” confirms the follow-up visit the reminder was about, audited, thanked, and the CHW hears of it', async () => {
    const person = await textablePerson('Lucía', '(555) 202-5511');
    const { at, reminderDue } = threeDaysAhead(4);
    const made = await call(h.app, 'POST', `/api/clients/${person.id}/tasks`, {
      cookie: w.cookie.chw,
      body: { title: 'Visita', dueOn: at.toISOString().slice(0, 10), visitAt: at.toISOString() },
    });
    expect(made.status).toBe(201);
    const taskId = String(made.body.id);
    expect(await queueDueReminders(h.db, h.config, reminderDue)).toBe(1);
    expect(await deliverTexts(h.db, h.config, provider(), reminderDue)).toMatchObject({ sent: 1 });
    expect(sentTo('+15552025511')[0]?.body).toContain('Responda 1 para confirmar');

    const reply = await inbound('+15552025511', 'sí', 'SMvisitreply00000000000000000001');
    expect(reply.status).toBe(200);
    // Twilio retries its callbacks: the same text changes nothing more.
    expect((await inbound('+15552025511', 'sí', 'SMvisitreply00000000000000000001')).status).toBe(200);
    // The CHW who holds the person finds the text on Today, as for an appointment's answer.
    const unread = bodyAs<UnreadTexts>(
      await call(h.app, 'GET', '/api/messages/unread', { cookie: w.cookie.chw }),
    );
    expect(unread.people.map((p) => p.clientId)).toContain(person.id);
    const task = (await record(person.id)).openTasks.find((t) => t.id === taskId);
    expect(task?.textReply).toBe('confirmed');
    const answer = (await thread(person.id)).messages.filter((m) => m.direction === 'in');
    expect(answer).toHaveLength(1);
    const audited = await h.db.query<{ detail: Record<string, unknown> }>(
      `select detail from audit_event where action = 'task.text-reply' and subject_id = $1`,
      [person.id],
    );
    expect(audited.map((a) => a.detail)).toEqual([
      { message: expect.any(String), task: taskId, answer: 'confirmed' },
    ]);
    // Thanked at once, in Spanish, for the visit.
    expect(
      (await thread(person.id)).messages.filter((m) => m.kind === 'keyword-reply').map((m) => m.body),
    ).toEqual([expect.stringContaining('su visita está confirmada')]);
  });

  it('“no” on a referral appointment’s reminder asks the CHW to call, on that appointment', async () => {
    const person = await textablePerson('Rebeca', '(555) 202-5522');
    const { at, reminderDue } = threeDaysAhead(5);
    const referral = await call(h.app, 'POST', `/api/clients/${person.id}/referrals`, {
      cookie: w.cookie.chw,
      body: { serviceId: FOOD, need: 'food-insecurity', reason: 'Comida', doNotContact: false },
    });
    expect(referral.status).toBe(201);
    const appointment = await call(h.app, 'POST', `/api/clients/${person.id}/appointments`, {
      cookie: w.cookie.chw,
      body: { place: 'Despensa', at: at.toISOString(), referralId: referral.body.id },
    });
    expect(appointment.status).toBe(201);
    expect(await queueDueReminders(h.db, h.config, reminderDue)).toBe(1);
    await deliverTexts(h.db, h.config, provider(), reminderDue);
    expect(sentTo('+15552025522')).toHaveLength(1);

    expect((await inbound('+15552025522', 'no', 'SMreferralreply000000000000000001')).status).toBe(200);
    const r = await record(person.id);
    expect(r.appointments.find((a) => a.id === appointment.body.id)?.textReply).toBe('call-me');
    const audited = await h.db.query<{ detail: Record<string, unknown> }>(
      `select detail from audit_event where action = 'appointment.text-reply' and subject_id = $1`,
      [person.id],
    );
    expect(audited.map((a) => a.detail)).toEqual([
      { message: expect.any(String), appointment: appointment.body.id, answer: 'call-me' },
    ]);
  });
});

describe('counts', () => {
  it('hides counts under the program’s threshold, and what would give them back, as reports do', async () => {
    const counts = await call(h.app, 'GET', '/api/messages/counts?from=2000-01-01&to=2100-01-01', {
      cookie: w.cookie.manager,
    });
    expect(counts.status).toBe(200);
    // A handful of reminders and two answers in this file: fewer than the default threshold of 11.
    expect(counts.body).toMatchObject({
      sent: null,
      remindersSent: null,
      optedOut: 0,
      replied: null,
      confirmed: null,
      askedForCall: null,
    });
    expect(counts.body.smallCounts).toEqual({
      threshold: 11,
      suppressed: ['askedForCall', 'confirmed', 'remindersSent', 'replied', 'sent'],
    });
  });
});
