import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app.js';
import { testConfig } from '../config.js';
import { createLogger } from '../log.js';
import { type Harness, PASSWORD, seedOrg, type TestOrg } from '../test/app.js';
import { register } from '../test/caseload.js';
import { freshDatabase, type TestDatabase } from '../test/database.js';
import { call, signIn } from '../test/http.js';

/** Every line the app logs, parsed. */
const lines: Record<string, unknown>[] = [];
const captured = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
    done();
  },
});
const since = (mark: number) => lines.slice(mark);
const accessLines = (mark: number) => since(mark).filter((l) => l.msg === 'request');

let testDb: TestDatabase;
let app: App;
let h: Harness;
let org: TestOrg;
let chw: string;

beforeAll(async () => {
  testDb = await freshDatabase();
  const config = testConfig();
  app = buildApp({ db: testDb.db, config, log: createLogger('info', captured) });
  h = { app, db: testDb.db, config, testDb };
  // A failing route of the test's own, to show the error line carries the request id too.
  app.post('/test-only/fails', (c) => {
    c.get('log').warn('about to fail');
    throw new Error('Failed for Rosa Quintero');
  });
  org = await seedOrg(testDb.db, 'reqlog');
  chw = await signIn(app, org.chw, PASSWORD);
  return () => testDb.drop();
});

describe('request ids and the access log', () => {
  it('answers a request id and logs one access line with it: method, route template, status, duration, caller ids', async () => {
    const person = await register(h, chw, {
      givenName: 'Esperanza',
      familyName: 'Quintero',
    });
    const mark = lines.length;
    const reply = await call(app, 'GET', `/api/clients/${person.id}`, { cookie: chw });
    expect(reply.status).toBe(200);
    const id = reply.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [line, ...more] = accessLines(mark);
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      reqId: id,
      method: 'GET',
      route: '/api/clients/{id}',
      status: 200,
      userId: org.ids[org.chw],
      orgId: org.orgId,
      level: 30,
    });
    expect(typeof line?.ms).toBe('number');
    // The path's id is not in any line: only the template is.
    expect(JSON.stringify(since(mark))).not.toContain(person.id);
  });

  it('logs no trace of a name in the query string, nor the path asked for', async () => {
    const mark = lines.length;
    const reply = await call(app, 'GET', '/api/clients?q=Esperanza%20Quintero&limit=5', { cookie: chw });
    expect(reply.status).toBe(200);
    expect(accessLines(mark)).toEqual([
      expect.objectContaining({
        route: '/api/clients',
        status: 200,
        reqId: reply.headers.get('x-request-id'),
      }),
    ]);
    const written = JSON.stringify(since(mark));
    expect(written).not.toMatch(/Esperanza|Quintero|q=|limit=/);
  });

  it('keeps a proxy’s request id that is a plain token, and replaces one that could carry words', async () => {
    const proxyId = '7f3c2a9e0b4d4e6f8a1b2c3d4e5f6a7b';
    const mark = lines.length;
    const kept = await call(app, 'GET', '/api/health/live', { headers: { 'x-request-id': proxyId } });
    expect(kept.headers.get('x-request-id')).toBe(proxyId);
    expect(accessLines(mark)).toEqual([
      expect.objectContaining({ reqId: proxyId, route: '/api/health/live', status: 200 }),
    ]);
    const anonymous = accessLines(mark)[0];
    expect(anonymous).not.toHaveProperty('userId');

    const mark2 = lines.length;
    const named = await call(app, 'GET', '/api/health/live', {
      headers: { 'x-request-id': 'Rosa-Quintero-2024' },
    });
    const replaced = named.headers.get('x-request-id');
    expect(replaced).not.toBe('Rosa-Quintero-2024');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(since(mark2))).not.toContain('Rosa');
    expect(accessLines(mark2)[0]?.reqId).toBe(replaced);
  });

  it('names the route a refused request was for, and an unknown address as unmatched', async () => {
    const mark = lines.length;
    const anonymous = await call(app, 'GET', '/api/clients/01900000-0000-7000-8000-000000000001');
    expect(anonymous.status).toBe(401);
    const unknown = await call(app, 'GET', '/api/no/such/place/Esperanza', { cookie: chw });
    expect(unknown.status).toBe(404);
    expect(accessLines(mark).map((l) => [l.route, l.status])).toEqual([
      ['/api/clients/{id}', 401],
      ['unmatched', 404],
    ]);
    expect(JSON.stringify(since(mark))).not.toMatch(/Esperanza|01900000/);
  });

  it('stamps the request id on every line written while handling it, a failure’s too, without its message', async () => {
    const mark = lines.length;
    const reply = await call(app, 'POST', '/test-only/fails', { body: {} });
    expect(reply.status).toBe(500);
    const id = reply.headers.get('x-request-id');
    const written = since(mark);
    expect(written.map((l) => l.msg)).toEqual(['about to fail', 'request failed', 'request']);
    for (const line of written) expect(line.reqId).toBe(id);
    expect(JSON.stringify(written)).not.toContain('Rosa');
  });
});
