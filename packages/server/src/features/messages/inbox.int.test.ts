import { type InboxText, type TextThread, uuidv7 } from '@puente/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { bodyAs, call } from '../../test/http.js';
import { programThatTexts, twilioTexts } from '../../test/texts.js';
import { closeNews } from '../news/hub.js';
import { type FakeProvider, fakeTwilio, twilioCallback } from './testing.js';

// The program inbox of texts from numbers nobody has: a supervisor places each one into the thread of
// a person they may see, or marks it handled; nobody else may, and nothing of another organization.
const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'twilio-test-auth-token-inbox-4242';
const PUBLIC = 'https://puente.test';
const SENDER = '+15552004444';
const texts = twilioTexts(SID, TOKEN);
const h = useApp({ publicUrl: PUBLIC, texts });
let w: CaseloadWorld;
let fake: FakeProvider;

beforeAll(async () => {
  fake = await fakeTwilio(SID, TOKEN);
  texts.baseUrl = fake.url;
  w = await caseloadWorld(h, 'texts-inbox');
  const saved = await programThatTexts(h.app, w.cookie.admin, { sender: SENDER, reminders: [] });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await fake?.close();
  await closeNews(h.db);
});

let sids = 0;
/** A text to the program's number from `from`, as Twilio posts it, signed. */
async function textFrom(from: string, body: string): Promise<void> {
  sids += 1;
  const reply = await twilioCallback(
    h.app,
    PUBLIC,
    '/hooks/messages/twilio/inbound',
    {
      AccountSid: SID,
      MessageSid: `SMinbox${String(sids).padStart(25, '0')}`,
      From: from,
      To: SENDER,
      Body: body,
      ApiVersion: '2010-04-01',
    },
    TOKEN,
  );
  expect(reply.status).toBe(200);
}
const inbox = async () =>
  bodyAs<InboxText[]>(await call(h.app, 'GET', '/api/messages/inbox', { cookie: w.cookie.supervisor }));
const place = (messageId: string, body: Record<string, unknown>, cookie = w.cookie.supervisor) =>
  call(h.app, 'POST', `/api/messages/inbox/${messageId}`, { cookie, body });
const audits = (action: string) =>
  h.db.query<{ subjectId: string | null; actorId: string | null; detail: Record<string, unknown> }>(
    `select subject_id as "subjectId", actor_id as "actorId", detail from audit_event
      where org_id = $1 and action = $2 order by at`,
    [w.org.orgId, action],
  );

describe('the inbox of texts from unknown numbers', () => {
  it('a supervisor attaches a stranger’s texts to a person she may see: they move into the thread, audited', async () => {
    // The person's CHW holds her under another number (a new phone, a relative's).
    const person = await register(h, w.cookie.chw, { givenName: 'Julia', phone: '(555) 204-0001' });
    await textFrom('+15552049001', 'Hola, soy Julia, cambié de número');
    await textFrom('+15552049001', '¿Me puede llamar?');
    const waiting = (await inbox()).filter((m) => m.from === '+15552049001');
    expect(waiting).toHaveLength(2);
    const first = waiting[0]?.id ?? '';

    const placed = await place(first, { clientId: person.id });
    expect(placed.status, JSON.stringify(placed.body)).toBe(200);
    expect(placed.body).toMatchObject({ clientId: person.id });
    expect((placed.body.messages as string[]).sort()).toEqual(waiting.map((m) => m.id).sort());
    expect((await inbox()).filter((m) => m.from === '+15552049001')).toEqual([]);
    const thread = bodyAs<TextThread>(
      await call(h.app, 'GET', `/api/clients/${person.id}/messages`, { cookie: w.cookie.chw }),
    );
    expect(thread.messages.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(
      expect.arrayContaining(['Hola, soy Julia, cambié de número', '¿Me puede llamar?']),
    );
    // Ids only: never the words, nor the number.
    const audited = await audits('text.attached');
    expect(audited).toEqual([
      {
        subjectId: person.id,
        actorId: w.org.ids[w.org.supervisor],
        detail: { messages: waiting.map((m) => m.id).sort() },
      },
    ]);
    expect(JSON.stringify(audited)).not.toContain('9001');
    // Placed once: a second supervisor's try finds it gone.
    const again = await place(first, { clientId: person.id });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 'inboxTextNotFound' });
    // Her next text from that number goes to her thread, not back to the inbox.
    await textFrom('+15552049001', 'Gracias, ya me llamaron');
    expect((await inbox()).filter((m) => m.from === '+15552049001')).toEqual([]);
    const after = bodyAs<TextThread>(
      await call(h.app, 'GET', `/api/clients/${person.id}/messages`, { cookie: w.cookie.chw }),
    );
    expect(after.messages.map((m) => m.body)).toContain('Gracias, ya me llamaron');
  });

  it('refuses another organization’s person and a person beyond the supervisor’s teams, moving nothing', async () => {
    await textFrom('+15552049002', 'Número equivocado?');
    const text = (await inbox()).find((m) => m.from === '+15552049002');
    if (!text) throw new Error('the text did not reach the inbox');
    const stranger = uuidv7();
    const otherChw = w.other.ids[w.other.chw];
    await h.db.query(
      `insert into client (id, org_id, given_name, name_folded, preferred_language, created_by, assigned_chw_id)
       values ($1, $2, 'Ajena', 'ajena', 'es', $3, $3)`,
      [stranger, w.other.orgId, otherChw],
    );
    const foreign = await place(text.id, { clientId: stranger });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
    // CHW 2 is on no team of the supervisor's: her person is out of the supervisor's reach.
    const beyond = await register(h, w.cookie.chw2, { givenName: 'Lejana' });
    expect((await place(text.id, { clientId: beyond.id })).status).toBe(404);
    expect((await inbox()).map((m) => m.id)).toContain(text.id);
    expect(
      await h.db.query('select 1 from text_message where id = $1 and client_id is not null', [text.id]),
    ).toHaveLength(0);
  });

  it('a CHW may not place a text, nor read the inbox', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Marta' });
    await textFrom('+15552049003', 'Hola');
    const text = (await inbox()).find((m) => m.from === '+15552049003');
    if (!text) throw new Error('the text did not reach the inbox');
    const refused = await place(text.id, { clientId: person.id }, w.cookie.chw);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect((await call(h.app, 'GET', '/api/messages/inbox', { cookie: w.cookie.chw })).status).toBe(403);
    expect((await inbox()).map((m) => m.id)).toContain(text.id);
  });

  it('marks a text handled: it leaves the inbox, in no thread, audited; a request naming both is refused', async () => {
    await textFrom('+15552049004', 'Promoción: gane un premio');
    const text = (await inbox()).find((m) => m.from === '+15552049004');
    if (!text) throw new Error('the text did not reach the inbox');
    const both = await place(text.id, { clientId: uuidv7(), handled: true });
    expect(both.status).toBe(400);
    const handled = await place(text.id, { handled: true });
    expect(handled.status).toBe(200);
    expect(handled.body).toEqual({ messages: [text.id], clientId: null });
    expect((await inbox()).map((m) => m.id)).not.toContain(text.id);
    expect(await audits('text.inbox-handled')).toEqual([
      { subjectId: null, actorId: w.org.ids[w.org.supervisor], detail: { message: text.id } },
    ]);
  });
});
