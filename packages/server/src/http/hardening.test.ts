import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSafeUrl, ServiceEditRequest } from '@puente/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { testConfig } from '../config.js';
import { DataDirError, secureDataDir } from '../db/data-dir.js';
import { toCsvFiles } from '../features/hsds/export.js';
import { checkRecord } from '../features/hsds/validate.js';
import { toCsv } from '../features/reports/csv.js';
import { device, pushBatch, registration } from '../features/sync/testing.js';
import { createLogger } from '../log.js';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../test/app.js';
import { call, signIn } from '../test/http.js';
import { safeNext } from './first-paint.js';

const h = useApp();
let org: TestOrg;
let admin: string;
let chw: string;
beforeAll(async () => {
  org = await seedOrg(h.db, 'hard');
  admin = await signIn(h.app, org.admin, PASSWORD);
  chw = await signIn(h.app, org.chw, PASSWORD);
});
const withApp = (overrides: Parameters<typeof testConfig>[0]) =>
  buildApp({ db: h.db, config: testConfig(overrides), log: createLogger('silent') });
/** A raw request: only the headers given, none added as a browser would. */
const raw = (path: string, init: RequestInit, app = h.app) => app.request(path, init);

describe('the data folder', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'puente-data-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('is made readable by its owner only', async () => {
    const dir = join(root, 'fresh', 'data');
    await secureDataDir(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('refuses to start on a folder others can read, saying what to run', async () => {
    const dir = join(root, 'open');
    await mkdir(dir, { mode: 0o755 });
    const { chmod } = await import('node:fs/promises');
    await chmod(dir, 0o755);
    const refused = secureDataDir(dir);
    await expect(refused).rejects.toBeInstanceOf(DataDirError);
    await expect(secureDataDir(dir)).rejects.toThrow(`chmod 700 ${dir}`);
  });
});

describe('the client address behind a proxy', () => {
  const signedInFrom = async (trustProxy: boolean, forwarded: string) => {
    const app = withApp({ trustProxy });
    const reply = await call(app, 'POST', '/api/auth/sign-in', {
      body: { email: org.manager, password: PASSWORD },
      headers: { 'x-forwarded-for': forwarded },
    });
    expect(reply.status).toBe(200);
    const [row] = await h.db.query<{ ip: string }>(
      `select ip from audit_event where action = 'auth.signed-in' order by at desc, seq desc nulls first limit 1`,
    );
    return row?.ip;
  };

  it('is the rightmost X-Forwarded-For entry (the one the trusted proxy added), never the leftmost', async () => {
    expect(await signedInFrom(true, '6.6.6.6, 203.0.113.5')).toBe('203.0.113.5');
  });

  it('ignores X-Forwarded-For without TRUST_PROXY', async () => {
    expect(await signedInFrom(false, '6.6.6.6')).not.toBe('6.6.6.6');
  });
});

describe('changes come only from Puente’s own pages', () => {
  const put = (headers: Record<string, string>, app = h.app) =>
    raw(
      '/api/me/preferences',
      {
        method: 'PUT',
        headers: { cookie: admin, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ locale: 'en' }),
      },
      app,
    );

  it.each([
    ['neither Origin nor Sec-Fetch-Site', {}],
    ['Origin: null', { origin: 'null' }],
    ['another site in Sec-Fetch-Site', { 'sec-fetch-site': 'cross-site' }],
    ['another site in Origin', { origin: 'https://evil.example' }],
    [
      'another site made to look like this host with X-Forwarded-Host',
      { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
    ],
  ])('refuses %s', async (_name, headers) => {
    const reply = await put(headers);
    expect(reply.status).toBe(403);
    expect(((await reply.json()) as { code: string }).code).toBe('crossSite');
  });

  it('accepts the same origin, said either way', async () => {
    expect((await put({ origin: 'http://localhost' })).status).toBe(200);
    expect((await put({ 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('trusts X-Forwarded-Host only behind a trusted proxy', async () => {
    const proxied = withApp({ trustProxy: true });
    const headers = { origin: 'https://puente.example', 'x-forwarded-host': 'puente.example' };
    expect((await put(headers, proxied)).status).toBe(200);
    expect((await put(headers)).status).toBe(403);
  });
});

describe('where sign-in goes next', () => {
  it.each([
    '/%09/evil.example',
    '/\t/evil.example',
    '//evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example',
    '/.//evil.example',
    '/people\r\nSet-Cookie: x=1',
    'javascript:alert(1)',
  ])('%j goes home', (next) => {
    const decoded = next.startsWith('/%') ? decodeURIComponent(next) : next;
    expect(safeNext(decoded)).toBe('/');
  });

  it('keeps a path inside Puente', () => {
    expect(safeNext('/people/1?tab=visits#top')).toBe('/people/1?tab=visits#top');
  });

  it('a newline in the form’s next redirects home instead of failing', async () => {
    const reply = await raw('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: new URLSearchParams({ email: org.chw2, password: PASSWORD, next: '/people\nX: y' }).toString(),
    });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/');
  });
});

describe('headers over TLS', () => {
  it('sends HSTS only over TLS, and a Permissions-Policy always', async () => {
    const secure = await raw('https://puente.example/api/health', {});
    const plain = await raw('http://localhost/api/health', {});
    expect(secure.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    for (const reply of [secure, plain])
      expect(reply.headers.get('permissions-policy')).toMatch(/camera=\(\)/);
  });

  it('names a Secure session cookie __Host- and keeps plain http sessions working', async () => {
    const secure = await call(h.app, 'POST', 'https://puente.example/api/auth/sign-in', {
      body: { email: org.supervisor, password: PASSWORD },
    });
    const cookie = secure.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-puente_session=[\w-]+;/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/);
    const pair = cookie.split(';')[0] ?? '';
    const token = pair.split('=')[1] ?? '';
    expect((await call(h.app, 'GET', 'https://puente.example/api/auth/me', { cookie: pair })).status).toBe(
      200,
    );
    // Under the plain name over TLS, a cookie a subdomain could have set is not read.
    const shadow = await call(h.app, 'GET', 'https://puente.example/api/auth/me', {
      cookie: `puente_session=${token}`,
    });
    expect(shadow.status).toBe(401);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: chw })).status).toBe(200);
  });
});

describe('links people enter', () => {
  it.each([
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['vbscript:x', false],
    ['https://clinic.example/help', true],
    ['http://clinic.example', true],
    ['tel:+15550100', true],
    ['mailto:help@clinic.example', true],
  ])('%s allowed: %s', (url, allowed) => {
    expect(isSafeUrl(url)).toBe(allowed);
    expect(ServiceEditRequest.safeParse({ url }).success).toBe(allowed);
  });

  it('an import refuses a service whose url is javascript:', () => {
    const service = (url: string) => ({
      entity: 'service',
      record: { id: '0fd36e3b-0d3b-4d6c-8f3b-0d3b4d6c8f3b', name: 'Pantry', status: 'active', url },
      source: { file: 'services.csv', row: '2' },
    });
    expect(checkRecord(service('javascript:alert(1)')).errors).toEqual([
      expect.objectContaining({ field: 'url' }),
    ]);
    expect(checkRecord(service('https://pantry.example')).errors).toEqual([]);
  });
});

describe('CSV files a spreadsheet opens', () => {
  it.each(['=HYPERLINK("https://evil")', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx'])(
    'neutralise %j in reports',
    (cell) => {
      const csv = toCsv(['name'], [[cell]]);
      expect(csv.split('\r\n')[1]?.replace(/^"/, '')).toMatch(/^'/);
    },
  );

  it('leave plain numbers alone', () => {
    expect(toCsv(['n'], [['-3'], [-3]])).toBe('n\r\n-3\r\n-3\r\n');
  });

  it('neutralise formulas in the directory export', () => {
    const files = toCsvFiles({
      'services.csv': [{ id: 's1', name: '=cmd|"/c calc"!A1', status: 'active' }],
    } as Parameters<typeof toCsvFiles>[0]);
    expect(files.get('services.csv')).toContain(`"'=cmd|""/c calc""!A1"`);
  });
});

describe('input no database can store gets a 4xx', () => {
  const person = (over: Record<string, unknown>) =>
    call(h.app, 'POST', '/api/clients', {
      cookie: chw,
      body: { givenName: 'Ana', preferredLanguage: 'es', notADuplicate: true, ...over },
    });

  it('a NUL character in a text field', async () => {
    const reply = await person({ givenName: 'An\u0000a' });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('validation');
  });

  it('a NUL character in the address', async () => {
    expect((await call(h.app, 'GET', '/api/clients?q=a%00b', { cookie: chw })).status).toBe(400);
  });

  it('1,000-deep nesting', async () => {
    const deep = `${'['.repeat(1000)}${']'.repeat(1000)}`;
    const reply = await call(h.app, 'POST', '/api/clients', {
      cookie: chw,
      raw: `{"givenName":"Ana","preferredLanguage":"es","extra":${deep}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(400);
  });

  it('a year 0001 date', async () => {
    const reply = await person({ birthDate: '0001-01-01' });
    expect(reply.status).toBe(400);
  });

  it('a sync change with a NUL is refused once and for all, reported, not failed for a retry', async () => {
    const phone = device(chw);
    const bad = registration('Ro\u0000sa');
    const first = await pushBatch(h, phone, [bad, registration('Rosa')]);
    expect(first.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    expect(first.results[0]?.problem).toMatchObject({ status: 400, code: 'validation' });
    const again = await pushBatch(h, phone, [bad]);
    expect(again.results[0]?.status).toBe('rejected');
  });
});
