import { describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../app.js';
import { PASSWORD, seedOrg, useApp } from '../test/app.js';
import { call, signIn } from '../test/http.js';

const h = useApp();
let cookie: string;
const admin = async () => {
  if (!cookie) cookie = await signIn(h.app, (await seedOrg(h.db, 'bad')).admin, PASSWORD);
  return cookie;
};
const userCount = async () =>
  (await h.db.query<{ n: number }>('select count(*)::int as n from app_user'))[0]?.n;
const goodUser = {
  email: 'new@bad.test',
  displayName: 'New Person',
  role: 'chw',
  password: 'long enough password',
};

describe('bad input gets a clear 4xx and changes nothing', () => {
  const cases: [string, (c: string) => Parameters<typeof call>, number, string][] = [
    [
      'malformed JSON',
      (c) => [
        h.app,
        'POST',
        '/api/users',
        { cookie: c, raw: '{"email": "a@b.c",', headers: { 'content-type': 'application/json' } },
      ],
      400,
      'malformedJson',
    ],
    [
      'a body that is not JSON',
      (c) => [
        h.app,
        'POST',
        '/api/users',
        { cookie: c, raw: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      ],
      415,
      'unsupportedMediaType',
    ],
    [
      'wrong types',
      (c) => [h.app, 'POST', '/api/users', { cookie: c, body: { ...goodUser, role: 7 } }],
      400,
      'validation',
    ],
    [
      'an unknown field',
      (c) => [h.app, 'POST', '/api/users', { cookie: c, body: { ...goodUser, isRoot: true } }],
      400,
      'validation',
    ],
    [
      'a body over 1 MB',
      (c) => [
        h.app,
        'POST',
        '/api/users',
        { cookie: c, body: { ...goodUser, displayName: 'x'.repeat(BODY_LIMIT_BYTES) } },
      ],
      413,
      'tooLarge',
    ],
    [
      'a request from another site',
      (c) => [
        h.app,
        'POST',
        '/api/users',
        {
          cookie: c,
          body: goodUser,
          headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', host: 'localhost' },
        },
      ],
      403,
      'crossSite',
    ],
    ['an unknown route', (c) => [h.app, 'GET', '/api/nothing-here', { cookie: c }], 404, 'notFound'],
    [
      'an id that is not a UUID',
      (c) => [h.app, 'PATCH', '/api/users/42', { cookie: c, body: { displayName: 'x' } }],
      400,
      'validation',
    ],
    ['a missing session', () => [h.app, 'POST', '/api/users', { body: goodUser }], 401, 'signInRequired'],
    [
      'a forged session',
      () => [h.app, 'POST', '/api/users', { body: goodUser, cookie: 'puente_session=forged' }],
      401,
      'sessionExpired',
    ],
  ];

  it.each(cases)('%s', async (_name, request, status, code) => {
    const c = await admin();
    const before = await userCount();
    const reply = await call(...request(c));
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ status, code });
    expect(typeof reply.body.title).toBe('string');
    expect(JSON.stringify(reply.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(await userCount()).toBe(before);
  });

  it('names each wrong field in the caller’s language', async () => {
    const reply = await call(h.app, 'POST', '/api/users', {
      cookie: await admin(),
      body: { email: 'not-an-email', displayName: '', role: 'boss', password: 'short', extra: 1 },
    });
    expect(reply.status).toBe(400);
    const paths = (reply.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['displayName', 'email', 'password', 'role']));
  });

  it('a duplicate email is refused and the first account is untouched', async () => {
    const c = await admin();
    const first = await call(h.app, 'POST', '/api/users', {
      cookie: c,
      body: { ...goodUser, email: 'dup@bad.test' },
    });
    expect(first.status).toBe(201);
    const second = await call(h.app, 'POST', '/api/users', {
      cookie: c,
      body: { ...goodUser, email: 'DUP@bad.test', displayName: 'Someone Else' },
    });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('emailTaken');
    const users = (await call(h.app, 'GET', '/api/users', { cookie: c })).body.users as {
      email: string;
      displayName: string;
    }[];
    expect(users.filter((u) => u.email === 'dup@bad.test')).toEqual([
      expect.objectContaining({ displayName: 'New Person' }),
    ]);
  });
});
