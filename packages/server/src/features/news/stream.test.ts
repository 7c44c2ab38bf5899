import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import type { Database } from '../../db/types.js';
import { createLogger } from '../../log.js';
import { PASSWORD } from '../../test/app.js';
import { engine, testPgUrl } from '../../test/database.js';
import { call, signIn } from '../../test/http.js';
import { ORG_ID } from '../directory/sample-directory.js';
import { useReferralWorld } from '../referrals/testing.js';
import { closeNews, newsHub, STREAMS_PER_USER } from './hub.js';

// The news stream: who hears of a partner's answer (the person's CHW only) and what they hear (no names).
const { h, w, refer, answer, link } = useReferralWorld();

interface Event {
  event: string;
  data: string;
}

/** Reads a stream's events one by one, as EventSource would; comments (heartbeats) are skipped. */
function reader(response: Response) {
  const body = response.body?.getReader();
  if (!body) throw new Error('no stream');
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<Event | 'closed'> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n').filter((l) => !l.startsWith(':'));
          if (lines.length === 0) continue;
          const field = (name: string) =>
            lines
              .filter((l) => l.startsWith(`${name}:`))
              .map((l) => l.slice(name.length + 1).trim())
              .join('\n');
          return { event: field('event') || 'message', data: field('data') };
        }
        const chunk = await body.read();
        if (chunk.done) return 'closed';
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => body.cancel(),
  };
}

type Reader = ReturnType<typeof reader>;

describe(`news stream (${engine})`, () => {
  let app: typeof h.app;
  let db: Database;
  let otherChw: string;
  let chw2Id: string;
  let otherChwId: string;
  const open: Reader[] = [];

  const listen = async (cookie: string) => {
    const response = await app.request('/api/news/stream', { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const r = reader(response);
    open.push(r);
    expect(await r.next()).toMatchObject({ event: 'ready' });
    return r;
  };

  beforeAll(async () => {
    db = h.db;
    // On PostgreSQL the stream LISTENs on a connection of its own, to the test's database.
    if (testPgUrl) {
      const [row] = await db.query<{ name: string }>('select current_database() as name');
      const url = new URL(testPgUrl);
      url.pathname = `/${row?.name}`;
      h.config.databaseUrl = url.toString();
    }
    app = h.app;
    expect((await link(w.org.ids[w.org.partner] as string, ORG_ID)).status).toBe(200);
    otherChw = await signIn(app, w.other.chw, PASSWORD);
    chw2Id = w.org.ids[w.org.chw2] as string;
    otherChwId = w.other.ids[w.other.chw] as string;
  });

  afterAll(async () => {
    for (const r of open) await r.close().catch(() => {});
    await closeNews(db);
  });

  it('needs a session, and stays closed to partners, managers and admins', async () => {
    expect((await call(app, 'GET', '/api/news/stream')).status).toBe(401);
    for (const cookie of [w.cookie.partner, w.cookie.manager, w.cookie.admin]) {
      expect((await call(app, 'GET', '/api/news/stream', { cookie })).status).toBe(403);
    }
  });

  it('tells the person’s CHW that a partner answered, with no name, and no one else', async () => {
    const made = await refer(w.ana, { reason: 'Necesita despensa esta semana' });
    expect(made.status).toBe(201);
    const id = String(made.body.id);
    const mine = await listen(w.cookie.chw);
    const chw2 = await listen(w.cookie.chw2);
    const other = await listen(otherChw);
    const partnerCanSee = await call(app, 'GET', '/api/partner/referrals', { cookie: w.cookie.partner });
    expect(partnerCanSee.status).toBe(200);

    expect((await answer(id, { status: 'accepted' })).status).toBe(200);
    const news = await mine.next();
    expect(news).toEqual({ event: 'news', data: JSON.stringify({ kind: 'referral', id }) });
    const text = JSON.stringify(news);
    for (const word of ['Ana', 'Ruiz', 'despensa', 'accepted', w.ana]) expect(text).not.toContain(word);

    // A marker addressed to the others after the answer: the first thing they hear must be it, not the answer.
    const marker = { kind: 'caseload' as const, id: '00000000-0000-4000-8000-00000000000a' };
    await newsHub(db, h.config.databaseUrl).publish({ org: w.org.orgId, to: [chw2Id], ...marker });
    await newsHub(db, h.config.databaseUrl).publish({ org: w.other.orgId, to: [otherChwId], ...marker });
    expect(await chw2.next()).toEqual({ event: 'news', data: JSON.stringify(marker) });
    expect(await other.next()).toEqual({ event: 'news', data: JSON.stringify(marker) });
  });

  it('hears nothing addressed to its user in another organization', async () => {
    const mine = await listen(w.cookie.chw);
    const chwId = w.org.ids[w.org.chw] as string;
    const marker = { kind: 'alert' as const, id: '00000000-0000-4000-8000-00000000000b' };
    await newsHub(db, h.config.databaseUrl).publish({
      org: w.other.orgId,
      to: [chwId],
      kind: 'alert',
      id: 'x',
    });
    await newsHub(db, h.config.databaseUrl).publish({ org: w.org.orgId, to: [chwId], ...marker });
    expect(await mine.next()).toEqual({ event: 'news', data: JSON.stringify(marker) });
  });

  it('tells both CHWs when a person is handed over', async () => {
    const mine = await listen(w.cookie.chw);
    const chw2 = await listen(w.cookie.chw2);
    const moved = await call(app, 'POST', `/api/clients/${w.beto}/transfer`, {
      cookie: w.cookie.admin,
      body: { chwId: chw2Id, reason: 'Vive más cerca' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(204);
    const news = { event: 'news', data: JSON.stringify({ kind: 'caseload', id: w.beto }) };
    expect(await mine.next()).toEqual(news);
    expect(await chw2.next()).toEqual(news);
  });

  it('tells the CHW that a supervisor acknowledged an alert about their person', async () => {
    const raised = await call(app, 'POST', '/api/alerts', {
      cookie: w.cookie.chw,
      body: {
        id: '01900000-0000-7000-8000-00000000a1e8',
        clientId: w.ana,
        note: 'Se despidió de su familia',
      },
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    const id = String(raised.body.id);
    const mine = await listen(w.cookie.chw);
    const ack = await call(app, 'POST', `/api/alerts/${id}/acknowledge`, {
      cookie: w.cookie.supervisor,
      body: { actionTaken: 'Llamé a la familia' },
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    const news = await mine.next();
    expect(news).toEqual({ event: 'news', data: JSON.stringify({ kind: 'alert', id }) });
    expect(JSON.stringify(news)).not.toContain('familia');
  });

  it('keeps a bounded number of streams per user: the oldest closes', async () => {
    const streams: Reader[] = [];
    for (let i = 0; i <= STREAMS_PER_USER; i++) streams.push(await listen(w.cookie.chw2));
    expect(await streams[0]?.next()).toBe('closed');
  });

  it('ends the stream of a session that signs out, and no other', async () => {
    const leaving = await signIn(app, w.org.chw2, PASSWORD);
    const going = await listen(leaving);
    const staying = await listen(w.cookie.chw2);
    expect((await call(app, 'POST', '/api/auth/sign-out', { cookie: leaving })).status).toBe(204);
    expect(await going.next()).toBe('closed');
    const marker = { kind: 'caseload' as const, id: '00000000-0000-4000-8000-00000000000c' };
    await newsHub(db, h.config.databaseUrl).publish({ org: w.org.orgId, to: [chw2Id], ...marker });
    expect(await staying.next()).toEqual({ event: 'news', data: JSON.stringify(marker) });
    expect((await call(app, 'GET', '/api/news/stream', { cookie: leaving })).status).toBe(401);
  });

  it('ends every stream when the server stops', async () => {
    const mine = await listen(w.cookie.chw);
    await closeNews(db);
    expect(await mine.next()).toBe('closed');
  });

  it.runIf(testPgUrl)('reaches a stream held by another server process (LISTEN/NOTIFY)', async () => {
    const another = await h.testDb.openAnother();
    const second = buildApp({ db: another, config: h.config, log: createLogger('silent') });
    const response = await second.request('/api/news/stream', { headers: { cookie: w.cookie.chw2 } });
    const r = reader(response);
    open.push(r);
    expect(await r.next()).toMatchObject({ event: 'ready' });
    const made = await refer(w.beto, {}, w.cookie.chw2);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect((await answer(String(made.body.id), { status: 'accepted' })).status).toBe(200);
    expect(await r.next()).toEqual({
      event: 'news',
      data: JSON.stringify({ kind: 'referral', id: made.body.id }),
    });
    await closeNews(another);
  });
});
