import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../log.js';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { call, signIn } from '../../test/http.js';
import { useTestSmtp } from '../../test/smtp.js';
import { deliverOutbox } from '../notifications/outbox.js';

const smtp = useTestSmtp('accounts@puente.test');
const { inbox } = smtp;
const h = useApp({ publicUrl: 'https://puente.test' });
let org: TestOrg;
let admin: string;

beforeAll(async () => {
  org = await seedOrg(h.db, 'accounts');
  admin = await signIn(h.app, org.admin, PASSWORD);
});

/** Sends what waits in the outbox and returns the link of the newest email to `to`. */
async function linkSentTo(to: string): Promise<string> {
  await deliverOutbox(h.db, smtp.mailer(), new Date(), createLogger('silent'));
  const mail = inbox.filter((m) => m.to.includes(to)).at(-1);
  const token = mail?.raw.replace(/=3D/g, '=').match(/\/set-password#token=([\w-]{43})/)?.[1];
  if (!token) throw new Error(`no link emailed to ${to}`);
  return token;
}

const setPassword = (token: string, newPassword: string) =>
  call(h.app, 'POST', '/api/auth/set-password', { body: { token, newPassword } });

describe('invitations', () => {
  it('an invited person sets their own password through a link that works once', async () => {
    const invited = await call(h.app, 'POST', '/api/users/invitations', {
      cookie: admin,
      body: { email: 'nueva@accounts.test', displayName: 'Nueva', role: 'supervisor', locale: 'es' },
    });
    expect(invited.status).toBe(201);
    expect(JSON.stringify(invited.body)).not.toMatch(/password/i);
    const token = await linkSentTo('nueva@accounts.test');
    const mail = inbox.at(-1)?.raw ?? '';
    expect(mail).toContain('Puente: active su cuenta');
    expect(mail).not.toContain('Nueva');
    const [stored] = await h.db.query<{ n: number }>(
      'select count(*)::int as n from account_link where token_hash = $1',
      [token],
    );
    expect(stored?.n).toBe(0);

    expect((await setPassword(token, 'mi contraseña propia')).status).toBe(204);
    const session = await signIn(h.app, 'nueva@accounts.test', 'mi contraseña propia');
    const me = await call(h.app, 'GET', '/api/auth/me', { cookie: session });
    expect(me.body.mustChangePassword).toBeUndefined();
    // Once only.
    const again = await setPassword(token, 'otra contraseña más');
    expect(again).toMatchObject({ status: 400, body: { code: 'linkInvalid' } });
    const actions = await h.db.query<{ action: string }>(
      "select action from audit_event where org_id = $1 and action in ('user.invited', 'auth.password-set')",
      [org.orgId],
    );
    expect(actions.map((a) => a.action).sort()).toEqual(['auth.password-set', 'user.invited']);
  });

  it('an expired link opens nothing, and a newer link replaces an older one', async () => {
    await call(h.app, 'POST', '/api/users/invitations', {
      cookie: admin,
      body: { email: 'late@accounts.test', displayName: 'Late', role: 'chw', locale: 'en' },
    });
    const expired = await linkSentTo('late@accounts.test');
    await h.db.query(
      "update account_link set expires_at = now() - interval '1 second' where used_at is null",
    );
    expect((await setPassword(expired, 'a long password here')).body.code).toBe('linkInvalid');

    const [user] = await h.db.query<{ id: string }>(
      "select id from app_user where email = 'late@accounts.test'",
    );
    const first = await call(h.app, 'POST', `/api/users/${user?.id}/password-link`, { cookie: admin });
    expect(first.status).toBe(202);
    const older = await linkSentTo('late@accounts.test');
    await call(h.app, 'POST', `/api/users/${user?.id}/password-link`, { cookie: admin });
    const newer = await linkSentTo('late@accounts.test');
    expect((await setPassword(older, 'a long password here')).body.code).toBe('linkInvalid');
    expect((await setPassword(newer, 'a long password here')).status).toBe(204);
  });
});

describe('a password set by someone else', () => {
  it('must be changed at first sign-in: until then the session can only change it', async () => {
    const made = await call(h.app, 'POST', '/api/users', {
      cookie: admin,
      body: {
        email: 'temp@accounts.test',
        displayName: 'Temp',
        role: 'chw',
        password: 'admin knows this one',
      },
    });
    expect(made.status).toBe(201);
    const session = await signIn(h.app, 'temp@accounts.test', 'admin knows this one');
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: session })).body.mustChangePassword).toBe(
      true,
    );
    expect(await call(h.app, 'GET', '/api/clients', { cookie: session })).toMatchObject({
      status: 403,
      body: { code: 'passwordChangeRequired' },
    });
    const same = await call(h.app, 'POST', '/api/me/password', {
      cookie: session,
      body: { currentPassword: 'admin knows this one', newPassword: 'admin knows this one' },
    });
    expect(same.body.code).toBe('passwordNotNew');
    const changed = await call(h.app, 'POST', '/api/me/password', {
      cookie: session,
      body: { currentPassword: 'admin knows this one', newPassword: 'only I know this one' },
    });
    expect(changed.status).toBe(204);
    expect((await call(h.app, 'GET', '/api/clients', { cookie: session })).status).toBe(200);
  });
});

describe('forgot password', () => {
  it('answers the same for an unknown email, and its link works once', async () => {
    const before = inbox.length;
    const unknown = await call(h.app, 'POST', '/api/auth/forgot-password', {
      body: { email: 'nobody@accounts.test' },
    });
    const known = await call(h.app, 'POST', '/api/auth/forgot-password', { body: { email: org.chw } });
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(unknown.body).toEqual(known.body);
    const token = await linkSentTo(org.chw);
    expect(inbox.length).toBe(before + 1);
    expect((await setPassword(token, 'a brand new password')).status).toBe(204);
    expect((await setPassword(token, 'a second new password')).body.code).toBe('linkInvalid');
    await signIn(h.app, org.chw, 'a brand new password');
    const [audited] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from audit_event where org_id = $1 and action = 'auth.reset-requested'",
      [org.orgId],
    );
    expect(audited?.n).toBe(1);
  });

  it('sends at most three reset emails an hour to one person', async () => {
    for (let i = 0; i < 5; i++) {
      await call(h.app, 'POST', '/api/auth/forgot-password', { body: { email: org.manager } });
    }
    const [sent] = await h.db.query<{ n: number }>(
      `select count(*)::int as n from account_link l join app_user u on u.id = l.user_id
        where u.email = $1 and l.purpose = 'reset'`,
      [org.manager],
    );
    expect(sent?.n).toBe(3);
  });
});
