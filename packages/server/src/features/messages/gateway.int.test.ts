import type { Client, TextThread } from '@puente/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { bodyAs, call } from '../../test/http.js';
import { configuredProvider, deliverTexts } from './deliver.js';
import { queueDueReminders } from './reminders.js';
import type { TextProviderSettings } from './settings.js';
import { type FakeProvider, fakeGateway, gatewayCallback } from './testing.js';

const TOKEN = 'gateway-bearer-token-0123456789';
const SECRET = 'gateway-signing-secret-0123456789abcdef';
const SENDER = '+525512345678';
const texts: TextProviderSettings = {
  kind: 'gateway',
  baseUrl: '',
  token: TOKEN,
  secret: SECRET,
  countryCode: '52',
};
const h = useApp({ publicUrl: 'https://puente.test', texts });
let w: CaseloadWorld;
let fake: FakeProvider & { keys: Map<string, string> };
const day = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  fake = await fakeGateway(TOKEN);
  texts.baseUrl = fake.url;
  w = await caseloadWorld(h, 'gateway');
  await call(h.app, 'PUT', '/api/program/settings', {
    cookie: w.cookie.admin,
    body: { followUpDaysAfterVisit: 7, noContactDays: 30, timeZone: 'America/Mexico_City' },
  });
  const saved = await call(h.app, 'PUT', '/api/messages/settings', {
    cookie: w.cookie.admin,
    body: {
      sender: SENDER,
      reminders: [{ daysBefore: 1, at: '18:00' }],
      quietStart: '22:00',
      quietEnd: '07:00',
    },
  });
  expect(saved.status).toBe(200);
});
afterAll(() => fake?.close());

const provider = () => {
  const p = configuredProvider(h.config);
  if (!p) throw new Error('texts are off');
  return p;
};

async function person(givenName: string, phone: string) {
  const client = await register(h, w.cookie.chw, { givenName, phone });
  for (const kind of ['service', 'text']) {
    await call(h.app, 'POST', `/api/clients/${client.id}/consents`, {
      cookie: w.cookie.chw,
      body: { kind, method: 'verbal', givenOn: today() },
    });
  }
  // 10:00 in Mexico City (UTC-6) three days ahead; the reminder is due the day before at 18:00 there (00:00 UTC).
  const at = new Date(Date.now() + 3 * day);
  at.setUTCHours(16, 0, 0, 0);
  const appt = await call(h.app, 'POST', `/api/clients/${client.id}/appointments`, {
    cookie: w.cookie.chw,
    body: { place: 'Centro de Salud', at: at.toISOString() },
  });
  expect(appt.status).toBe(201);
  const due = new Date(at.getTime() - day);
  due.setUTCHours(24, 0, 0, 0);
  return { client, appointmentId: String(appt.body.id), due };
}

const thread = async (clientId: string) =>
  bodyAs<TextThread>(await call(h.app, 'GET', `/api/clients/${clientId}/messages`, { cookie: w.cookie.chw }));

describe('the generic gateway', () => {
  it('sends a reminder once when the gateway took it but its reply was lost: the retry carries the same idempotency key', async () => {
    const p = await person('Itzel', '+52 55 8765 4321');
    expect(await queueDueReminders(h.db, h.config, new Date(p.due.getTime() - 60_000))).toBe(0);
    const now = new Date(p.due.getTime() + 60_000);
    expect(await queueDueReminders(h.db, h.config, now)).toBe(1);
    fake.failNext('lost-reply');
    expect(await deliverTexts(h.db, h.config, provider(), now)).toMatchObject({ failed: 1 });
    expect(await deliverTexts(h.db, h.config, provider(), new Date(now.getTime() + 60_000))).toMatchObject({
      sent: 1,
    });
    const toHer = fake.messages.filter((m) => m.to === '+525587654321');
    expect(toHer).toHaveLength(1);
    expect(toHer[0]?.from).toBe(SENDER);
    expect(toHer[0]?.body).toContain('Itzel');
    // 18:00 in Mexico City: the time in the message is the person's, not the server's.
    expect(toHer[0]?.body).toMatch(/10:00/);
    const t = await thread(p.client.id);
    expect(t.messages).toHaveLength(1);
    expect(t.messages[0]?.status).toBe('sent');

    const status = await gatewayCallback(
      h.app,
      { type: 'status', id: toHer[0]?.sid, status: 'delivered' },
      SECRET,
    );
    expect(status.status).toBe(200);
    expect((await thread(p.client.id)).messages[0]?.status).toBe('delivered');

    const reply = { type: 'inbound', id: 'in-1', from: '+525587654321', to: SENDER, text: '1' };
    expect((await gatewayCallback(h.app, reply, SECRET)).status).toBe(200);
    expect((await gatewayCallback(h.app, reply, SECRET)).status).toBe(200);
    const record = bodyAs<Client>(
      await call(h.app, 'GET', `/api/clients/${p.client.id}`, { cookie: w.cookie.chw }),
    );
    expect(record.appointments.find((a) => a.id === p.appointmentId)?.textReply).toBe('confirmed');
    expect((await thread(p.client.id)).messages.filter((m) => m.direction === 'in')).toHaveLength(1);
  });

  it('refuses callbacks wrongly signed, unsigned, replayed late or malformed, storing nothing', async () => {
    const count = async () =>
      (await h.db.query<{ n: number }>('select count(*)::int as n from text_message'))[0]?.n;
    const before = await count();
    const stop = { type: 'inbound', id: 'in-forged', from: '+525587654321', to: SENDER, text: 'STOP' };
    expect((await gatewayCallback(h.app, stop, 'not-the-secret-not-the-secret-0123')).status).toBe(403);
    expect((await gatewayCallback(h.app, stop, SECRET, new Date(Date.now() - 10 * 60_000))).status).toBe(403);
    expect((await gatewayCallback(h.app, stop, SECRET, new Date(), 'sha256=00')).status).toBe(403);
    const unsigned = await h.app.request('/hooks/messages/gateway', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(stop),
    });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('content-type')).toContain('application/problem+json');
    // Signed but not a callback Puente knows: a clear 400, nothing kept.
    expect((await gatewayCallback(h.app, { type: 'party' }, SECRET)).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('is off for Twilio’s hooks while the gateway is the provider', async () => {
    const reply = await h.app.request('/hooks/messages/twilio/inbound', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'From=%2B15552013344&Body=STOP',
    });
    expect(reply.status).toBe(404);
  });
});
