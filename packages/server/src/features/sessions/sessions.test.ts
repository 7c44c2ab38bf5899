import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';

const h = useApp();
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  org = await seedOrg(h.db, 'ss');
  other = await seedOrg(h.db, 'ss-other');
});

interface Listed {
  sessions: { id: string; current: boolean; userAgent: string | null }[];
}

const signInFrom = async (email: string, userAgent: string) => {
  const reply = await call(h.app, 'POST', '/api/auth/sign-in', {
    body: { email, password: PASSWORD },
    headers: { 'user-agent': userAgent },
  });
  return (reply.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
};

describe('the sessions screen', () => {
  it('lists one’s sessions with their browsers, and signs out one of them', async () => {
    const phone = await signInFrom(org.chw, 'Phone browser');
    const laptop = await signInFrom(org.chw, 'Laptop browser');
    const listed = bodyAs<Listed>(await call(h.app, 'GET', '/api/me/sessions', { cookie: laptop }));
    expect(listed.sessions.map((s) => s.userAgent).sort()).toEqual(['Laptop browser', 'Phone browser']);
    expect(listed.sessions.find((s) => s.current)?.userAgent).toBe('Laptop browser');
    const phoneId = listed.sessions.find((s) => !s.current)?.id ?? '';
    const ended = await call(h.app, 'POST', `/api/me/sessions/${phoneId}/sign-out`, { cookie: laptop });
    expect(ended.status).toBe(204);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: phone })).status).toBe(401);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: laptop })).status).toBe(200);
  });

  it('signs out everywhere else, keeping this session', async () => {
    const a = await signIn(h.app, org.supervisor, PASSWORD);
    const b = await signIn(h.app, org.supervisor, PASSWORD);
    const here = await signIn(h.app, org.supervisor, PASSWORD);
    const reply = await call(h.app, 'POST', '/api/me/sessions/sign-out-others', { cookie: here });
    expect(reply.body.ended).toBe(2);
    for (const gone of [a, b])
      expect((await call(h.app, 'GET', '/api/auth/me', { cookie: gone })).status).toBe(401);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: here })).status).toBe(200);
  });

  it('does not let one person end another’s session by its id', async () => {
    const victim = await signIn(h.app, org.manager, PASSWORD);
    const mine = bodyAs<Listed>(await call(h.app, 'GET', '/api/me/sessions', { cookie: victim }));
    const id = mine.sessions[0]?.id ?? '';
    const intruder = await signIn(h.app, org.chw2, PASSWORD);
    const reply = await call(h.app, 'POST', `/api/me/sessions/${id}/sign-out`, { cookie: intruder });
    expect(reply.status).toBe(404);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: victim })).status).toBe(200);
  });

  it('lets an admin see and end every session of a user of their organization, not of another', async () => {
    const partner = await signInFrom(org.partner, 'Partner browser');
    const admin = await signIn(h.app, org.admin, PASSWORD);
    const id = org.ids[org.partner];
    const seen = bodyAs<Listed>(await call(h.app, 'GET', `/api/users/${id}/sessions`, { cookie: admin }));
    expect(seen.sessions.map((s) => s.userAgent)).toEqual(['Partner browser']);
    const ended = await call(h.app, 'POST', `/api/users/${id}/sessions/sign-out`, { cookie: admin });
    expect(ended.body.ended).toBe(1);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: partner })).status).toBe(401);

    const foreign = await signIn(h.app, other.chw, PASSWORD);
    const reach = await call(h.app, 'POST', `/api/users/${other.ids[other.chw]}/sessions/sign-out`, {
      cookie: admin,
    });
    expect(reach.status).toBe(404);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: foreign })).status).toBe(200);
    const asChw = await call(h.app, 'GET', `/api/users/${id}/sessions`, { cookie: foreign });
    expect(asChw.status).toBe(403);
  });
});
