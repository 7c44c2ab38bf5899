import type { Client, TextThread } from '@puente/core';
import { afterAll, beforeAll, expect } from 'vitest';
import { configuredProvider } from '../features/messages/deliver.js';
import {
  type FakeMessage,
  type FakeProvider,
  fakeTwilio,
  twilioCallback,
} from '../features/messages/testing.js';
import { closeNews } from '../features/news/hub.js';
import { type Harness, useApp } from './app.js';
import { type CaseloadWorld, caseloadWorld, register } from './caseload.js';
import { testPgUrl } from './database.js';
import { bodyAs, call } from './http.js';
import { programThatTexts, twilioTexts } from './texts.js';

export const SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const TOKEN = 'twilio-test-auth-token-0123456789';
export const PUBLIC = 'https://puente.test';
export const SENDER = '+15552001111';
const day = 86_400_000;
export const today = () => new Date().toISOString().slice(0, 10);

/** A test file's program that texts through its own fake Twilio; `w` and `fake` are there once its tests run. */
export interface TwilioProgram {
  h: Harness;
  w: CaseloadWorld;
  fake: FakeProvider;
}

/**
 * Gives a test file of the Twilio texts its own database, a program whose
 * sender is SENDER with reminders the day before at 18:00 and 2 hours before,
 * and a fake Twilio, with the steps its tests take: a person who can be
 * texted, the callbacks Twilio would make, and what the CHW sees.
 */
export function useTwilioProgram() {
  const texts = twilioTexts(SID, TOKEN);
  const h = useApp({ publicUrl: PUBLIC, texts });
  const t = { h } as TwilioProgram;

  beforeAll(async () => {
    t.fake = await fakeTwilio(SID, TOKEN);
    texts.baseUrl = t.fake.url;
    // On PostgreSQL news travels by LISTEN on a connection of its own, to the test's database.
    if (testPgUrl) {
      const [row] = await h.db.query<{ name: string }>('select current_database() as name');
      const url = new URL(testPgUrl);
      url.pathname = `/${row?.name}`;
      h.config.databaseUrl = url.toString();
    }
    t.w = await caseloadWorld(h, 'texts');
    const saved = await programThatTexts(h.app, t.w.cookie.admin, {
      sender: '(555) 200-1111',
      reminders: [{ daysBefore: 1, at: '18:00' }, { hoursBefore: 2 }],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.sender).toBe(SENDER);
  });
  afterAll(async () => {
    await t.fake?.close();
    await closeNews(h.db);
  });

  const provider = () => {
    const p = configuredProvider(h.config);
    if (!p) throw new Error('texts are off');
    return p;
  };

  /** A person who agreed to be served and texted, with an appointment three days ahead at 15:00 UTC. */
  async function textablePerson(givenName: string, phone: string) {
    const client = await register(h, t.w.cookie.chw, { givenName, phone });
    for (const kind of ['service', 'text']) {
      const k = await call(h.app, 'POST', `/api/clients/${client.id}/consents`, {
        cookie: t.w.cookie.chw,
        body: { kind, method: 'verbal', givenOn: today() },
      });
      expect(k.status).toBe(201);
    }
    const at = new Date(Date.now() + 3 * day);
    at.setUTCHours(15, 0, 0, 0);
    const appt = await call(h.app, 'POST', `/api/clients/${client.id}/appointments`, {
      cookie: t.w.cookie.chw,
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

  const thread = async (clientId: string, cookie = t.w.cookie.chw) =>
    bodyAs<TextThread>(await call(h.app, 'GET', `/api/clients/${clientId}/messages`, { cookie }));
  const record = async (clientId: string) =>
    bodyAs<Client>(await call(h.app, 'GET', `/api/clients/${clientId}`, { cookie: t.w.cookie.chw }));
  /** A text from `from` as Twilio's signed inbound callback brings it. */
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
  /** Twilio's signed news of a message it was handed, at the status address Puente gave it. */
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

  return Object.assign(t, { provider, textablePerson, thread, record, inbound, statusOf, countRows });
}
