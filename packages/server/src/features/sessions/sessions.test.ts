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

describe('an admin and one user’s sessions', () => {
  let home: TestOrg;
  beforeAll(async () => {
    home = await seedOrg(h.db, 'ss-admin');
  });
  const sessionsOf = async (userId: string, cookie: string) =>
    call(h.app, 'GET', `/api/users/${userId}/sessions`, { cookie });
  const stillIn = async (cookie: string) => (await call(h.app, 'GET', '/api/auth/me', { cookie })).status;

  it('lists where a user is signed in without any secret, ends one browser and keeps the other, and audits both', async () => {
    const shared = await signInFrom(home.chw, 'Library computer');
    const phone = await signInFrom(home.chw, 'Rosa phone');
    const admin = await signIn(h.app, home.admin, PASSWORD);
    const id = home.ids[home.chw] ?? '';

    const seen = await sessionsOf(id, admin);
    expect(seen.status).toBe(200);
    const { sessions } = bodyAs<Listed>(seen);
    expect(sessions.map((s) => s.userAgent).sort()).toEqual(['Library computer', 'Rosa phone']);
    // The admin's own session is not among them, so none is "this device".
    expect(sessions.every((s) => !s.current)).toBe(true);
    for (const s of sessions)
      expect(Object.keys(s).sort()).toEqual(['createdAt', 'current', 'id', 'lastSeenAt', 'userAgent']);
    // Neither the cookies' tokens nor their stored hashes leave the server.
    const text = JSON.stringify(seen.body);
    const hashes = await h.db.query<{ hash: string }>(
      'select token_hash as hash from session where user_id = $1',
      [id],
    );
    expect(hashes).toHaveLength(2);
    for (const secret of [
      ...hashes.map((r) => r.hash),
      shared.split('=')[1] ?? '',
      phone.split('=')[1] ?? '',
    ])
      expect(text).not.toContain(secret);

    const library = sessions.find((s) => s.userAgent === 'Library computer')?.id ?? '';
    const ended = await call(h.app, 'POST', `/api/users/${id}/sessions/${library}/sign-out`, {
      cookie: admin,
    });
    expect(ended.status).toBe(204);
    expect(await stillIn(shared)).toBe(401);
    expect(await stillIn(phone)).toBe(200);
    const after = bodyAs<Listed>(await sessionsOf(id, admin));
    expect(after.sessions.map((s) => s.userAgent)).toEqual(['Rosa phone']);

    // Ended already: nothing left to end.
    const again = await call(h.app, 'POST', `/api/users/${id}/sessions/${library}/sign-out`, {
      cookie: admin,
    });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('sessionNotFound');

    const audited = await h.db.query<{ action: string; detail: Record<string, unknown> }>(
      `select action, detail from audit_event where org_id = $1 and subject_id = $2 and actor_id = $3
        and action in ('auth.sessions-viewed', 'auth.session-ended') order by seq, at`,
      [home.orgId, id, home.ids[home.admin]],
    );
    expect(audited.map((a) => a.action)).toEqual([
      'auth.sessions-viewed',
      'auth.session-ended',
      'auth.sessions-viewed',
    ]);
    expect(audited[1]?.detail).toEqual({ session: library });
  });

  it('refuses a supervisor, and answers 404 for another organization’s user, a made-up session or another user’s', async () => {
    const phone = await signInFrom(home.chw2, 'Marcus phone');
    const chw2 = home.ids[home.chw2] ?? '';
    const admin = await signIn(h.app, home.admin, PASSWORD);
    const [session] = bodyAs<Listed>(await sessionsOf(chw2, admin)).sessions;
    const sessionId = session?.id ?? '';
    expect(sessionId).not.toBe('');

    const supervisor = await signIn(h.app, home.supervisor, PASSWORD);
    expect((await sessionsOf(chw2, supervisor)).status).toBe(403);
    const bySupervisor = await call(h.app, 'POST', `/api/users/${chw2}/sessions/${sessionId}/sign-out`, {
      cookie: supervisor,
    });
    expect(bySupervisor.status).toBe(403);

    // Another organization's user is answered as one that does not exist, signed in or not.
    const foreignCookie = await signInFrom(other.chw2, 'Foreign phone');
    const foreign = other.ids[other.chw2] ?? '';
    const foreignList = await sessionsOf(foreign, admin);
    expect(foreignList.status).toBe(404);
    expect(foreignList.body.code).toBe('userNotFound');
    expect(JSON.stringify(foreignList.body)).not.toContain('Foreign phone');
    const foreignOwnAdmin = await signIn(h.app, other.admin, PASSWORD);
    const [foreignSession] = bodyAs<Listed>(await sessionsOf(foreign, foreignOwnAdmin)).sessions;
    const reach = await call(
      h.app,
      'POST',
      `/api/users/${foreign}/sessions/${foreignSession?.id ?? ''}/sign-out`,
      { cookie: admin },
    );
    expect(reach.status).toBe(404);
    expect(reach.body.code).toBe('userNotFound');
    // A session of another organization, named under a user of one's own: not found either.
    const smuggled = await call(
      h.app,
      'POST',
      `/api/users/${chw2}/sessions/${foreignSession?.id ?? ''}/sign-out`,
      { cookie: admin },
    );
    expect(smuggled.status).toBe(404);
    expect(await stillIn(foreignCookie)).toBe(200);

    // A made-up session id, and one that belongs to somebody else of the organization.
    const bogus = await call(
      h.app,
      'POST',
      `/api/users/${chw2}/sessions/00000000-0000-4000-8000-000000000000/sign-out`,
      { cookie: admin },
    );
    expect(bogus.status).toBe(404);
    expect(bogus.body.code).toBe('sessionNotFound');
    const chw = home.ids[home.chw] ?? '';
    const wrongUser = await call(h.app, 'POST', `/api/users/${chw}/sessions/${sessionId}/sign-out`, {
      cookie: admin,
    });
    expect(wrongUser.status).toBe(404);
    const notAnId = await call(h.app, 'POST', `/api/users/${chw2}/sessions/not-an-id/sign-out`, {
      cookie: admin,
    });
    expect(notAnId.status).toBe(400);
    expect(await stillIn(phone)).toBe(200);
  });

  it('says "nobody" plainly: a user signed in nowhere has an empty list', async () => {
    const admin = await signIn(h.app, home.admin, PASSWORD);
    const seen = await sessionsOf(home.ids[home.manager] ?? '', admin);
    expect(seen.status).toBe(200);
    expect(bodyAs<Listed>(seen).sessions).toEqual([]);
  });
});
