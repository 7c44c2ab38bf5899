import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call } from '../../test/http.js';

const h = useApp();
let org: TestOrg;

beforeAll(async () => {
  org = await seedOrg(h.db, 'tf');
  await h.db.query(`update organization set two_factor = 'staff' where id = $1`, [org.orgId]);
});

/** Signs in with the password and returns the cookie and the stage the answer names. */
async function passwordSignIn(email: string) {
  const reply = await call(h.app, 'POST', '/api/auth/sign-in', { body: { email, password: PASSWORD } });
  expect(reply.status).toBe(200);
  return { cookie: cookieOf(reply.headers), stage: reply.body.stage };
}
const cookieOf = (headers: Headers) => (headers.get('set-cookie') ?? '').split(';')[0] ?? '';
/** A code for the next 30-second step: the one just used is refused (each is accepted once). */
const nextCode = (secret: string, steps = 1) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * steps });

describe('two-factor sign-in with an authenticator app', () => {
  let secret = '';
  let recoveryCodes: string[] = [];

  it('takes a supervisor who has no second factor to enrolment, and nowhere else', async () => {
    const { cookie, stage } = await passwordSignIn(org.supervisor);
    expect(stage).toBe('enrol');
    const refused = await call(h.app, 'GET', '/api/clients', { cookie });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('enrolmentRequired');
    const me = await call(h.app, 'GET', '/api/auth/me', { cookie });
    expect(me.body.stage).toBe('enrol');

    const started = await call(h.app, 'POST', '/api/me/two-factor/totp', { cookie });
    expect(started.status).toBe(200);
    secret = String(started.body.secret);
    expect(String(started.body.qr)).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(String(started.body.uri)).toContain('otpauth://totp/');

    const wrong = await call(h.app, 'POST', '/api/me/two-factor/totp/confirm', {
      cookie,
      body: { code: (Number(await generate({ secret })) ^ 1).toString().padStart(6, '0') },
    });
    expect(wrong.status).toBe(400);
    const confirmed = await call(h.app, 'POST', '/api/me/two-factor/totp/confirm', {
      cookie,
      body: { code: await generate({ secret }) },
    });
    expect(confirmed.status).toBe(200);
    recoveryCodes = bodyAs<{ recoveryCodes: string[] }>(confirmed).recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    // The session became full under a new token; the limited one's token no longer opens anything.
    const full = cookieOf(confirmed.headers);
    expect(full).not.toBe(cookie);
    expect((await call(h.app, 'GET', '/api/clients', { cookie: full })).status).toBe(200);
    expect((await call(h.app, 'GET', '/api/clients', { cookie })).status).toBe(401);
  });

  it('keeps the secret sealed in the database, never plain', async () => {
    const [row] = await h.db.query<{ secret: string }>(
      'select totp_secret as secret from user_two_factor where user_id = $1',
      [org.ids[org.supervisor]],
    );
    expect(row?.secret).toMatch(/^v1\./);
    expect(row?.secret).not.toContain(secret);
    const codes = await h.db.query<{ hash: string }>(
      'select code_hash as hash from user_recovery_code where user_id = $1',
      [org.ids[org.supervisor]],
    );
    expect(codes).toHaveLength(10);
    expect(codes.map((c) => c.hash)).not.toContain(recoveryCodes[0]);
  });

  it('asks for the second factor after the password, and accepts a code from the app', async () => {
    const { cookie, stage } = await passwordSignIn(org.supervisor);
    expect(stage).toBe('second-factor');
    const refused = await call(h.app, 'GET', '/api/clients', { cookie });
    expect(refused.body.code).toBe('secondFactorRequired');
    const done = await call(h.app, 'POST', '/api/auth/second-factor', {
      cookie,
      body: { code: await nextCode(secret) },
    });
    expect(done.status).toBe(200);
    expect(done.body.stage).toBeUndefined();
    expect((await call(h.app, 'GET', '/api/clients', { cookie: cookieOf(done.headers) })).status).toBe(200);
  });

  it('accepts a recovery code once', async () => {
    const code = recoveryCodes[0] ?? '';
    const first = await passwordSignIn(org.supervisor);
    const used = await call(h.app, 'POST', '/api/auth/second-factor', {
      cookie: first.cookie,
      body: { code },
    });
    expect(used.status).toBe(200);
    const second = await passwordSignIn(org.supervisor);
    const again = await call(h.app, 'POST', '/api/auth/second-factor', {
      cookie: second.cookie,
      body: { code },
    });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('wrongCode');
    const status = await call(h.app, 'GET', '/api/me/two-factor', { cookie: cookieOf(used.headers) });
    expect(status.body.recoveryCodesLeft).toBe(9);
  });

  it('counts wrong codes before checking them: a burst gets no more than five checked', async () => {
    const { cookie } = await passwordSignIn(org.supervisor);
    const replies = await Promise.all(
      Array.from({ length: 12 }, () =>
        call(h.app, 'POST', '/api/auth/second-factor', { cookie, body: { code: '000000' } }),
      ),
    );
    const checked = replies.filter((r) => r.status === 400).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(replies.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(7);
    // Even the right code waits out the block.
    const right = await call(h.app, 'POST', '/api/auth/second-factor', {
      cookie,
      body: { code: await nextCode(secret, 0) },
    });
    expect(right.status).toBe(429);
  });

  it('lets a CHW sign in with a password alone while the program requires staff only', async () => {
    expect((await passwordSignIn(org.chw)).stage).toBeUndefined();
  });

  it('requires everyone when the program says so', async () => {
    const admin = await passwordSignIn(org.admin);
    expect(admin.stage).toBe('enrol');
    await h.db.query(`update organization set two_factor = 'everyone' where id = $1`, [org.orgId]);
    expect((await passwordSignIn(org.chw)).stage).toBe('enrol');
    await h.db.query(`update organization set two_factor = 'staff' where id = $1`, [org.orgId]);
  });
});
