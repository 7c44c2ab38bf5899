import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureCode, postToProvider } from './post.js';

let server: Server;
let base: string;
const seen: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ body, headers: req.headers });
      if (req.url === '/hang') return; // never answers
      if (req.url === '/page') return res.end('<html>not json</html>');
      if (req.url === '/huge') return res.end(`{"id":"${'x'.repeat(200_000)}"}`);
      if (req.url === '/list') return res.end('[1,2]');
      res.statusCode = req.url === '/busy' ? 503 : 201;
      res.end(JSON.stringify({ sid: 'SM1', echo: Buffer.byteLength(body) }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('a message handed to a provider over HTTP', () => {
  it('sends the body with its length and headers, and reads the JSON answer', async () => {
    const reply = await postToProvider(
      `${base}/ok`,
      { 'content-type': 'application/json', 'x-k': 'v' },
      '{"text":"¡Hola!"}',
    );
    expect(reply).toEqual({
      status: 201,
      ok: true,
      body: { sid: 'SM1', echo: Buffer.byteLength('{"text":"¡Hola!"}') },
    });
    expect(seen.at(-1)?.headers).toMatchObject({
      'x-k': 'v',
      'content-length': String(Buffer.byteLength('{"text":"¡Hola!"}')),
    });
    expect(seen.at(-1)?.body).toBe('{"text":"¡Hola!"}');
  });

  it.each([
    { path: '/busy', status: 503, body: { sid: 'SM1', echo: 2 } },
    { path: '/page', status: 200, body: {} },
    { path: '/list', status: 200, body: {} },
    { path: '/huge', status: 200, body: {} },
  ])('answers $path as status $status and an object it can read', async ({ path, status, body }) => {
    expect(await postToProvider(`${base}${path}`, {}, '{}')).toEqual({ status, ok: status < 300, body });
  });

  it('gives up on a provider that does not answer, saying it timed out', async () => {
    const error = await postToProvider(`${base}/hang`, {}, '{}', 200).catch((e: unknown) => e);
    expect(failureCode(error)).toBe('TimeoutError');
  });

  it('says why when nothing listens there', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    const error = await postToProvider(`http://127.0.0.1:${port}/x`, {}, '{}').catch((e: unknown) => e);
    expect(failureCode(error)).toBe('ECONNREFUSED');
  });
});
