import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../app.js';
import { PASSWORD, seedOrg, useApp } from '../test/app.js';
import { register } from '../test/caseload.js';
import { signIn } from '../test/http.js';

// The answers the fast path (node-fast-path.ts) might have left without their guarantees:
// refusals made before a route runs, errors, HEAD, missing files, and bodies whose length
// is not what they say. Each is sent as raw bytes over a socket, so nothing between the
// test and the server corrects the request (Node's own client refuses a lying length).
const web = mkdtempSync(join(tmpdir(), 'puente-web-'));
mkdirSync(join(web, 'assets'));
writeFileSync(
  join(web, 'index.html'),
  '<!doctype html><html lang="en"><head></head><body><div id="app"></div></body></html>',
);
writeFileSync(join(web, 'assets', 'app-1.js'), 'console.log(1)');

const h = useApp({ webDir: web });
let server: ServerType;
let port = 0;
let cookie = '';
let person = '';

beforeAll(async () => {
  // A route that fails as a bug would, added before the app answers anything (the router is then fixed).
  h.app.get('/api/test-fails', () => {
    throw new Error('a bug that names Rosa Quintero');
  });
  const org = await seedOrg(h.db, 'fastedges');
  cookie = await signIn(h.app, org.chw, PASSWORD);
  person = (await register(h, cookie, { givenName: 'Rosa', familyName: 'Quintero' })).id;
  server = createAdaptorServer({ fetch: h.app.fetch });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(web, { recursive: true, force: true });
});

interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `head` then `body` as they are and reads the first answer (the server may close early). */
function raw(head: string[], body: Buffer | string = ''): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close while the rest of an oversized body is still being sent.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') socket.end();
      else reject(error);
    });
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no answer: ${JSON.stringify(text.slice(0, 200))}`));
      const [status, ...lines] = text.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      let rest = text.slice(end + 4);
      if (headers['transfer-encoding'] === 'chunked') {
        let decoded = '';
        for (;;) {
          const size = Number.parseInt(rest, 16);
          if (!size) break;
          const start = rest.indexOf('\r\n') + 2;
          decoded += rest.slice(start, start + size);
          rest = rest.slice(start + size + 2);
        }
        rest = decoded;
      } else if (headers['content-length'] !== undefined) {
        rest = rest.slice(0, Number(headers['content-length']));
      }
      resolve({
        status: Number(status?.split(' ')[1]),
        headers,
        body: Buffer.from(rest, 'latin1').toString('utf8'),
      });
    });
    socket.write(
      [
        ...head,
        `Host: 127.0.0.1:${port}`,
        `Cookie: ${cookie}`,
        'Sec-Fetch-Site: same-origin',
        'Connection: close',
        '',
        '',
      ].join('\r\n'),
    );
    if (typeof body === 'string' || body.length > 0) socket.write(body);
  });
}

/** Every answer, whatever made it, keeps the browser's guards. */
function expectGuarded(reply: RawReply, api: boolean) {
  expect(reply.headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  if (api) expect(reply.headers['cache-control']).toBe('no-store');
}

function expectProblem(reply: RawReply, status: number) {
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toContain('application/problem+json');
  expect(JSON.parse(reply.body)).toMatchObject({ status });
}

/** A chunked body of `size` bytes of JSON, in 64 KB chunks. */
function chunked(size: number): Buffer {
  const text = JSON.stringify({ note: 'x'.repeat(size) });
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += 65536) {
    const part = text.slice(i, i + 65536);
    parts.push(`${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`);
  }
  return Buffer.from(`${parts.join('')}0\r\n\r\n`);
}

describe('answers the fast path makes outside a route', () => {
  it('refuses a chunked body over 1 MB with a guarded problem', async () => {
    const reply = await raw(
      [
        `POST /api/clients/${person}/encounters HTTP/1.1`,
        'Content-Type: application/json',
        'Transfer-Encoding: chunked',
      ],
      chunked(BODY_LIMIT_BYTES + 10),
    );
    expectProblem(reply, 413);
    expectGuarded(reply, true);
  });

  it('refuses a declared length over 1 MB before the body arrives, with a guarded problem', async () => {
    const reply = await raw(
      [
        `POST /api/clients/${person}/encounters HTTP/1.1`,
        'Content-Type: application/json',
        `Content-Length: ${BODY_LIMIT_BYTES + 1}`,
      ],
      '{"note":"short"}',
    );
    expectProblem(reply, 413);
    expectGuarded(reply, true);
  });

  it('reads no more than a length that says less than was sent, and refuses what it read', async () => {
    const visit = JSON.stringify({
      kind: 'phone-call',
      occurredAt: '2026-12-01T15:00:00.000Z',
      language: 'es',
      activities: ['listening-support'],
      note: 'Llamada.',
    });
    const reply = await raw(
      [
        `POST /api/clients/${person}/encounters HTTP/1.1`,
        'Content-Type: application/json',
        'Content-Length: 5',
      ],
      visit,
    );
    // The bytes past the declared five are a second request to Node's parser, which is not HTTP:
    // Node itself answers 400 and closes (before or instead of the app's own malformed-JSON
    // problem). Either way the route saw at most `{"kin`, and nothing is recorded.
    expect(reply.status).toBe(400);
    const list = await raw([`GET /api/clients/${person}/encounters HTTP/1.1`]);
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toEqual({ encounters: [] });
    // The same visit with its true length is recorded, and listed: the list above could show it.
    const sent = await raw(
      [
        `POST /api/clients/${person}/encounters HTTP/1.1`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(visit)}`,
      ],
      visit,
    );
    expect(sent.status).toBe(201);
    expectGuarded(sent, true);
    const after = await raw([`GET /api/clients/${person}/encounters HTTP/1.1`]);
    expect(JSON.parse(after.body).encounters).toHaveLength(1);
  });

  it('answers HEAD with the headers GET has and no body', async () => {
    const api = await raw(['HEAD /api/health HTTP/1.1']);
    expect(api.status).toBe(200);
    expectGuarded(api, true);
    expect(api.body).toBe('');
    const file = await raw(['HEAD /assets/app-1.js HTTP/1.1']);
    expect(file.status).toBe(200);
    expectGuarded(file, false);
    expect(file.headers['cache-control']).toContain('immutable');
    expect(file.body).toBe('');
  });

  it('answers a missing file or API path with a guarded 404 problem', async () => {
    const file = await raw(['GET /assets/missing-2.js HTTP/1.1', 'Accept-Language: es']);
    expectProblem(file, 404);
    expectGuarded(file, false);
    // In the caller's language.
    expect(JSON.parse(file.body).title).not.toBe(
      JSON.parse((await raw(['GET /assets/missing-2.js HTTP/1.1'])).body).title,
    );
    const api = await raw(['GET /api/no-such-thing HTTP/1.1']);
    expectProblem(api, 404);
    expectGuarded(api, true);
  });

  it('answers an error thrown in a route with a guarded 500 that says nothing of it', async () => {
    const reply = await raw(['GET /api/test-fails HTTP/1.1']);
    expectProblem(reply, 500);
    expectGuarded(reply, true);
    expect(reply.body).not.toContain('Rosa');
  });
});
