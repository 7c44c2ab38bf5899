import type { Role } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { publicApiPaths } from '../http/security.js';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../test/app.js';
import { call, signIn } from '../test/http.js';

const h = useApp();
let org: TestOrg;
const cookies: Partial<Record<Role, string>> = {};
const as = async (role: Role) => {
  org ??= await seedOrg(h.db, 'policy');
  cookies[role] ??= await signIn(h.app, org[role], PASSWORD);
  return cookies[role];
};

const adminRoutes: [string, string, unknown][] = [
  ['GET', '/api/users', undefined],
  [
    'POST',
    '/api/users',
    { email: 'x@policy.test', displayName: 'X', role: 'admin', password: 'long enough password' },
  ],
  ['PATCH', '/api/users/00000000-0000-7000-8000-000000000000', { role: 'admin' }],
  ['POST', '/api/teams', { name: 'T', supervisorId: '00000000-0000-7000-8000-000000000000' }],
  ['GET', '/api/audit', undefined],
  ['GET', '/api/audit/verify', undefined],
];

describe('authorization', () => {
  it.each(['chw', 'supervisor', 'manager', 'partner'] as const)(
    'a %s cannot call admin routes',
    async (role) => {
      const cookie = await as(role);
      for (const [method, path, body] of adminRoutes) {
        const reply = await call(h.app, method, path, { cookie, body });
        expect(reply.status, `${role} ${method} ${path}`).toBe(403);
        expect(reply.body.code).toBe('forbidden');
      }
      const admins = await h.db.query("select 1 from app_user where email = 'x@policy.test'");
      expect(admins).toHaveLength(0);
    },
  );

  it('a CHW cannot make themself an admin', async () => {
    const cookie = await as('chw');
    const reply = await call(h.app, 'PATCH', `/api/users/${org.ids[org.chw]}`, {
      cookie,
      body: { role: 'admin' },
    });
    expect(reply.status).toBe(403);
    const [row] = await h.db.query<{ role: string }>('select role from app_user where email = $1', [org.chw]);
    expect(row?.role).toBe('chw');
  });

  it('refuses before validating, so a refused caller learns nothing from field messages', async () => {
    const reply = await call(h.app, 'POST', '/api/users', {
      cookie: await as('chw'),
      body: { nonsense: true },
    });
    expect(reply.status).toBe(403);
  });

  it('denies by default: every route in the API document, except the public ones, needs a session', async () => {
    const doc = (await call(h.app, 'GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map(
        (method) =>
          [method.toUpperCase(), path.replace(/\{\w+\}/g, '00000000-0000-7000-8000-000000000000')] as const,
      ),
    );
    expect(routes.length).toBeGreaterThan(8);
    for (const [method, path] of routes) {
      const reply = await call(h.app, method, path, { body: method === 'GET' ? undefined : {} });
      if (publicApiPaths.has(path)) expect(reply.status, `${method} ${path}`).not.toBe(401);
      else expect(reply.status, `${method} ${path}`).toBe(401);
    }
  });
});
