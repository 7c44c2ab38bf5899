import type { Client } from '@puente/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { call } from '../../test/http.js';
import { programThatTexts, twilioTexts } from '../../test/texts.js';
import { closeNews } from '../news/hub.js';
import { configuredProvider, deliverTexts } from './deliver.js';
import { queueDueReminders } from './reminders.js';
import { type FakeProvider, fakeTwilio } from './testing.js';

// An appointment's time as PostgreSQL keeps it (to the microsecond), not as the API writes it (to
// the millisecond): the reminder must still go, and still only once.
const SID = `AC${'0f1e2d3c4b5a6978'.repeat(2)}`;
const TOKEN = 'twilio-test-auth-token-exact-time';
const texts = twilioTexts(SID, TOKEN);
const h = useApp({ publicUrl: 'https://puente.test', texts });
let w: CaseloadWorld;
let fake: FakeProvider;
const hour = 3_600_000;

beforeAll(async () => {
  fake = await fakeTwilio(SID, TOKEN);
  texts.baseUrl = fake.url;
  w = await caseloadWorld(h, 'exact-time');
  const saved = await programThatTexts(h.app, w.cookie.admin, {
    sender: '(555) 200-4444',
    reminders: [{ hoursBefore: 2 }],
  });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await fake?.close();
  await closeNews(h.db);
});

async function textablePerson(): Promise<Client> {
  const client = await register(h, w.cookie.chw, {
    givenName: 'Itzel',
    phone: '(555) 203-5511',
    preferredLanguage: 'es',
  });
  for (const kind of ['service', 'text']) {
    const given = await call(h.app, 'POST', `/api/clients/${client.id}/consents`, {
      cookie: w.cookie.chw,
      body: { kind, method: 'verbal', givenOn: new Date().toISOString().slice(0, 10) },
    });
    expect(given.status).toBe(201);
  }
  return client;
}

describe('a reminder of an appointment kept to the microsecond', () => {
  it('goes once, and is not taken for a moved appointment', async () => {
    const person = await textablePerson();
    const at = new Date(Date.now() + 3 * hour);
    await h.db.query(
      `insert into appointment (id, org_id, client_id, place, at, created_by)
       values (gen_random_uuid(), $1, $2, 'Clínica', $3::timestamptz + interval '123 microseconds', $4)`,
      [w.org.orgId, person.id, at.toISOString(), w.org.ids[w.org.chw]],
    );
    const due = new Date(at.getTime() - 2 * hour + 60_000);
    expect(await queueDueReminders(h.db, h.config, due)).toBe(1);
    // The second pass finds it done: the reminder keeps the time exactly as the appointment has it.
    expect(await queueDueReminders(h.db, h.config, due)).toBe(0);
    const provider = configuredProvider(h.config);
    if (!provider) throw new Error('texts are off');
    expect(await deliverTexts(h.db, h.config, provider, due)).toMatchObject({ sent: 1, skipped: 0 });
    expect(fake.messages.filter((m) => m.to === '+15552035511')).toHaveLength(1);
  });
});
