import { describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { call, signIn } from '../../test/http.js';

const h = useApp({ signInSlowAfter: 3, signInLockAfter: 5, signInLockMinutes: 15 });
let org: TestOrg;
const seeded = async () => {
  org ??= await seedOrg(h.db, 'auth');
  return org;
};

/** Lets the slow-down wait pass without sleeping in the test. */
const skipWait = (email: string) =>
  h.db.query('update app_user set next_attempt_at = null where email = $1', [email]);

describe('sign-in', () => {
  it('opens a session in an httpOnly, SameSite cookie and says who is signed in', async () => {
    const { chw, orgId } = await seeded();
    const reply = await call(h.app, 'POST', '/api/auth/sign-in', {
      body: { email: chw.toUpperCase(), password: PASSWORD },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ email: chw, role: 'chw', locale: 'es', organization: { id: orgId } });
    const cookie = reply.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^puente_session=[\w-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await call(h.app, 'GET', '/api/auth/me', { cookie: cookie.split(';')[0] ?? '' });
    expect(me.body).toMatchObject({ email: chw });
  });

  it('sets a Secure cookie behind TLS', async () => {
    const { manager } = await seeded();
    const reply = await call(h.app, 'POST', 'https://puente.example/api/auth/sign-in', {
      body: { email: manager, password: PASSWORD },
    });
    expect(reply.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('refuses a wrong password and an unknown email with the same message, as problem+json', async () => {
    const { supervisor } = await seeded();
    const wrong = await call(h.app, 'POST', '/api/auth/sign-in', {
      body: { email: supervisor, password: 'nope' },
    });
    const unknown = await call(h.app, 'POST', '/api/auth/sign-in', {
      body: { email: 'nobody@auth.test', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');
    expect(wrong.body).toMatchObject({ code: 'badCredentials', status: 401 });
    expect(unknown.body).toEqual(wrong.body);
    expect(JSON.stringify(wrong.body)).not.toContain(supervisor);
  });

  it('answers in the browser’s language before sign-in', async () => {
    const reply = await call(h.app, 'POST', '/api/auth/sign-in', {
      body: { email: 'nadie@auth.test', password: 'x' },
      headers: { 'accept-language': 'es-MX,es;q=0.9' },
    });
    expect(reply.body.title).toBe(
      'El correo o la contraseña no son correctos. Revíselos e intente de nuevo.',
    );
  });

  it('slows repeated failures, then locks the account, which stays locked even with the right password', async () => {
    const { partner } = await seeded();
    const attempt = (password: string) =>
      call(h.app, 'POST', '/api/auth/sign-in', { body: { email: partner, password } });
    for (let i = 1; i <= 3; i++) expect((await attempt('wrong')).status).toBe(401);
    // The third failure set a wait of one second (at most one second from now)…
    const [wait] = await h.db.query<{ set: boolean; withinOne: boolean }>(
      `select next_attempt_at is not null as set, next_attempt_at <= now() + interval '1 second' as "withinOne"
         from app_user where email = $1`,
      [partner],
    );
    expect(wait).toEqual({ set: true, withinOne: true });
    // …which a busy machine can let pass before the next request: it starts again here.
    await h.db.query(`update app_user set next_attempt_at = now() + interval '1 second' where email = $1`, [
      partner,
    ]);
    const slowed = await attempt(PASSWORD);
    expect(slowed.status).toBe(429);
    expect(slowed.body).toMatchObject({ code: 'tooManyAttempts', retryAfterSeconds: 1 });
    expect(slowed.headers.get('retry-after')).toBe('1');
    await skipWait(partner);
    expect((await attempt('wrong')).status).toBe(401);
    await skipWait(partner);
    const locked = await attempt('wrong');
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ code: 'accountLocked' });
    await skipWait(partner);
    const rightButLocked = await attempt(PASSWORD);
    expect(rightButLocked.status).toBe(423);
    expect(rightButLocked.body.title).toContain('15 minutes');
  });

  it('lets an admin unlock a locked account', async () => {
    const { admin, partner, ids } = await seeded();
    const cookie = await signIn(h.app, admin, PASSWORD);
    const unlocked = await call(h.app, 'PATCH', `/api/users/${ids[partner]}`, {
      cookie,
      body: { unlock: true },
    });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.locked).toBe(false);
    expect(await signIn(h.app, partner, PASSWORD)).toMatch(/^puente_session=/);
  });
});

describe('sessions', () => {
  it('ends on sign-out: the same cookie is refused afterwards', async () => {
    const { supervisor } = await seeded();
    const cookie = await signIn(h.app, supervisor, PASSWORD);
    expect((await call(h.app, 'POST', '/api/auth/sign-out', { cookie })).status).toBe(204);
    const after = await call(h.app, 'GET', '/api/auth/me', { cookie });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('sessionExpired');
  });

  it('expires: an expired session is refused with a plain message', async () => {
    const { manager } = await seeded();
    const cookie = await signIn(h.app, manager, PASSWORD);
    await h.db.query(
      `update session set expires_at = now() - interval '1 second'
        where user_id = (select id from app_user where email = $1)`,
      [manager],
    );
    const reply = await call(h.app, 'GET', '/api/auth/me', { cookie });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({
      code: 'sessionExpired',
      title: 'Your session has ended. Please sign in again.',
    });
  });

  it('without a cookie, every non-public route asks to sign in', async () => {
    const reply = await call(h.app, 'GET', '/api/auth/me');
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('signInRequired');
  });
});

describe('own account', () => {
  it('remembers the language and answers in it', async () => {
    const { supervisor } = await seeded();
    const cookie = await signIn(h.app, supervisor, PASSWORD);
    const saved = await call(h.app, 'PUT', '/api/me/preferences', { cookie, body: { locale: 'es' } });
    expect(saved.body.locale).toBe('es');
    const again = await signIn(h.app, supervisor, PASSWORD);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: again })).body.locale).toBe('es');
    const refused = await call(h.app, 'GET', '/api/users', { cookie: again });
    expect(refused.body.title).toBe('Su función no permite esto.');
    const bad = await call(h.app, 'PUT', '/api/me/preferences', { cookie, body: { locale: 'fr' } });
    expect(bad.status).toBe(400);
  });

  it('changes the password, refuses a wrong current one, and ends the other sessions', async () => {
    const { chw } = await seeded();
    const here = await signIn(h.app, chw, PASSWORD);
    const lostPhone = await signIn(h.app, chw, PASSWORD);
    const wrong = await call(h.app, 'POST', '/api/me/password', {
      cookie: here,
      body: { currentPassword: 'not it', newPassword: 'a new long password' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('wrongCurrentPassword');
    const short = await call(h.app, 'POST', '/api/me/password', {
      cookie: here,
      body: { currentPassword: PASSWORD, newPassword: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([expect.objectContaining({ path: 'newPassword' })]);
    const changed = await call(h.app, 'POST', '/api/me/password', {
      cookie: here,
      body: { currentPassword: PASSWORD, newPassword: 'a new long password' },
    });
    expect(changed.status).toBe(204);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: here })).status).toBe(200);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: lostPhone })).status).toBe(401);
    expect(await signIn(h.app, chw, 'a new long password')).toMatch(/^puente_session=/);
  });
});
