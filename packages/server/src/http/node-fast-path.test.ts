import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../app.js';
import { PASSWORD, seedOrg, useApp } from '../test/app.js';
import { register } from '../test/caseload.js';
import { signIn } from '../test/http.js';

// The app behind @hono/node-server, as `puente start` serves it. The adapter's lightweight
// Request and Response become full Web objects only when something touches their bodies
// (node-fast-path.ts); its inspect() shows the full object it made, if any, as
// nativeRequest / nativeResponse. What the app answers must not change on the fast path.
const h = useApp();
let server: ServerType;
let base = '';
let cookie = '';
let person = '';
let signInAs = '';
const made: { request: string; response: string }[] = [];

beforeAll(async () => {
  const org = await seedOrg(h.db, 'fastpath');
  cookie = await signIn(h.app, org.chw, PASSWORD);
  signInAs = org.supervisor;
  person = (await register(h, cookie, { givenName: 'Rosa', familyName: 'Quintero' })).id;
  server = createAdaptorServer({
    fetch: async (req: Request) => {
      const res = await h.app.fetch(req);
      // Read once the adapter has written the answer: that is when it would have built one.
      setTimeout(
        () => made.push({ request: inspect(req, { depth: 1 }), response: inspect(res, { depth: 1 }) }),
        20,
      );
      return res;
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A request over real HTTP; without `length` the body goes chunked, with no Content-Length. */
function send(
  method: string,
  path: string,
  body?: string,
  options: { length?: boolean; gzip?: boolean } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      {
        method,
        headers: {
          cookie,
          'sec-fetch-site': 'same-origin',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(body !== undefined && options.length !== false
            ? { 'content-length': Buffer.byteLength(body) }
            : {}),
          ...(options.gzip ? { 'accept-encoding': 'gzip' } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const settled = async (count: number) => {
  for (let i = 0; i < 100 && made.length < count; i++) await new Promise((r) => setTimeout(r, 10));
  return made[count - 1];
};

const visit = JSON.stringify({
  kind: 'phone-call',
  occurredAt: '2026-12-01T15:00:00.000Z',
  language: 'es',
  activities: ['listening-support'],
  note: 'Llamada.',
});

/** What every answer of the API carries, however it was made. */
function expectEveryHeader(headers: Record<string, string | string[] | undefined>) {
  expect(headers).toMatchObject({
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['permissions-policy']).toContain('camera=()');
  // Plain http: no HSTS (hardening.test.ts checks it over TLS).
  expect(headers['strict-transport-security']).toBeUndefined();
}

describe('the server on @hono/node-server’s fast path', () => {
  it('records a visit without building a full Request or Response, with every header it had', async () => {
    const before = made.length;
    const reply = await send('POST', `/api/clients/${person}/encounters`, visit, { gzip: true });
    expect(reply.status).toBe(201);
    expect(JSON.parse(reply.body.toString('utf8'))).toMatchObject({ kind: 'phone-call', note: 'Llamada.' });
    // Small, so not compressed, and said in one piece with its length.
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers['content-length']).toBe(String(reply.body.length));
    expectEveryHeader(reply.headers);
    const objects = await settled(before + 1);
    expect(objects?.request).toContain('nativeRequest: undefined');
    expect(objects?.response).toContain('nativeResponse: undefined');
  });

  it('still compresses an answer over 1 KB for a phone that accepts gzip', async () => {
    const reply = await send('GET', '/api/openapi.json', undefined, { gzip: true });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(reply.body).toString('utf8'))).toHaveProperty('openapi');
  });

  it('refuses a body over 1 MB by its declared length, and one sent without a length as it streams', async () => {
    const huge = JSON.stringify({ note: 'x'.repeat(BODY_LIMIT_BYTES) });
    for (const length of [true, false]) {
      const reply = await send('POST', `/api/clients/${person}/encounters`, huge, { length });
      expect(reply.status).toBe(413);
      expect(reply.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(reply.body.toString('utf8'))).toMatchObject({ status: 413 });
    }
  });

  it('gives the same headers to answers made another way: a refusal, one whose handler set a header first', async () => {
    const refused = await send('POST', `/api/clients/${person}/encounters`, '{"kind":');
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expectEveryHeader(refused.headers);
    // Sign-in sets its cookie before answering: Hono merges it into the JSON answer.
    const signedIn = await send(
      'POST',
      '/api/auth/sign-in',
      JSON.stringify({ email: signInAs, password: PASSWORD }),
    );
    expect(signedIn.status).toBe(200);
    expect(String(signedIn.headers['set-cookie'])).toMatch(/^puente_session=/);
    expect(signedIn.headers['content-length']).toBe(String(signedIn.body.length));
    expectEveryHeader(signedIn.headers);
  });

  it('takes a visit sent without a declared length (chunked) as it takes one with', async () => {
    const reply = await send('POST', `/api/clients/${person}/encounters`, visit.replace('15:00', '16:00'), {
      length: false,
    });
    expect(reply.status).toBe(201);
  });
});
