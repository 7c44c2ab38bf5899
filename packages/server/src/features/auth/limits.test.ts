import type { BinaryLike, ScryptOptions } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.js';
import { testConfig } from '../../config.js';
import { createLogger } from '../../log.js';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { call, signIn } from '../../test/http.js';
import { createLimiter, limitKeys } from './limits.js';
import { passwordCheckSucceeded, passwordPathLocked, reservePasswordCheck } from './password-path.js';

// Every password check runs scrypt: counting the calls counts the checks.
const scrypts = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const scrypt = (
    password: BinaryLike,
    salt: BinaryLike,
    length: number,
    options: ScryptOptions,
    done: (error: Error | null, key: Buffer) => void,
  ) => {
    scrypts.count += 1;
    real.scrypt(password, salt, length, options, done);
  };
  return { ...real, scrypt, default: { ...real, scrypt } };
});

const rules = { signInSlowAfter: 3, signInLockAfter: 5, signInLockMinutes: 15 };
const h = useApp(rules);
let org: TestOrg;
beforeEach(async () => {
  org ??= await seedOrg(h.db, 'limits');
  // Each test starts with no counts: its own accounts' counters and the shared ones.
  await h.db.query('delete from auth_limit');
  await h.db.query('update app_user set failed_sign_ins = 0, next_attempt_at = null, locked_until = null');
  scrypts.count = 0;
});

const signInReply = (app: typeof h.app, email: string, password: string, ip?: string) =>
  call(app, 'POST', '/api/auth/sign-in', {
    body: { email, password },
    ...(ip ? { headers: { 'x-forwarded-for': ip } } : {}),
  });
const failures = async (email: string) =>
  (
    await h.db.query<{ n: number }>(
      `select count(*)::int as n from audit_event a join app_user u on u.id::text = a.subject_id
        where u.email = $1 and a.action in ('auth.sign-in-failed', 'auth.locked')`,
      [email],
    )
  )[0]?.n;

describe('sign-in limits under a burst', () => {
  it('checks at most the configured number of passwords when 50 wrong and 1 right arrive together', async () => {
    const email = org.supervisor;
    const burst = [
      signInReply(h.app, email, PASSWORD),
      ...Array.from({ length: 50 }, () => signInReply(h.app, email, 'wrong password!')),
    ];
    const replies = await Promise.all(burst);
    // Only the first `slowAfter` reservations got a check; the rest waited their turn, unhashed.
    // Which requests win the reservations is the engine's order, so the right one may or may not be among them.
    expect(scrypts.count).toBeLessThanOrEqual(rules.signInSlowAfter);
    const statuses = replies.map((r) => r.status);
    const rightChecked = statuses.includes(200) ? 1 : 0;
    expect(await failures(email)).toBeLessThanOrEqual(rules.signInSlowAfter - rightChecked);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(
      rules.signInSlowAfter - rightChecked,
    );
    expect(statuses.every((s) => [200, 401, 423, 429].includes(s))).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(50 - rules.signInSlowAfter);
  });

  it('a right password does not clear the failures reserved after it (a burst still in flight)', async () => {
    const id = org.ids[org.manager] ?? '';
    const rulesOf = { slowAfter: 10, lockAfter: 20, lockMinutes: 15 };
    const right = await reservePasswordCheck(h.db, id, rulesOf);
    await reservePasswordCheck(h.db, id, rulesOf);
    await reservePasswordCheck(h.db, id, rulesOf);
    if (!right.allowed) throw new Error('the first check must be allowed');
    await passwordCheckSucceeded(h.db, id, right.attempt);
    const [row] = await h.db.query<{ failures: number }>(
      'select failed_sign_ins as failures from app_user where id = $1',
      [id],
    );
    expect(row?.failures).toBe(2);
  });
});

describe('per-address and global limits', () => {
  const limited = () =>
    buildApp({
      db: h.db,
      config: testConfig({ ...rules, trustProxy: true, signInAddressLimit: 5, signInGlobalLimit: 12 }),
      log: createLogger('silent'),
    });

  it('stops an address after its limit, before any scrypt, while other addresses go on', async () => {
    const app = limited();
    const replies = [];
    for (let i = 0; i < 8; i++)
      replies.push(await signInReply(app, `nobody${i}@limits.test`, 'x', '203.0.113.7'));
    expect(replies.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(replies[5]?.body).toMatchObject({ code: 'tooManyAttempts' });
    expect(Number(replies[5]?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(scrypts.count).toBe(6); // five checks, plus the decoy hash made once
    // The right password from that address waits too; from another address it works.
    expect((await signInReply(app, org.chw, PASSWORD, '203.0.113.7')).status).toBe(429);
    expect((await signInReply(app, org.chw, PASSWORD, '198.51.100.9')).status).toBe(200);
  });

  it('a parallel burst from one address gets at most its limit checked', async () => {
    const app = limited();
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => signInReply(app, `burst${i}@limits.test`, 'x', '203.0.113.8')),
    );
    expect(replies.filter((r) => r.status === 401).length).toBe(5);
    expect(scrypts.count).toBeLessThanOrEqual(6);
  });

  it('all addresses together stop at the global limit', async () => {
    const app = limited();
    const statuses = [];
    for (let i = 0; i < 15; i++)
      statuses.push((await signInReply(app, `g${i}@limits.test`, 'x', `192.0.2.${i + 1}`)).status);
    expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(12)).toEqual([429, 429, 429]);
  });

  it('signing in with one’s own account does not clear an address’s guesses', async () => {
    const app = limited();
    for (let i = 0; i < 4; i++) await signInReply(app, `n${i}@limits.test`, 'x', '203.0.113.9');
    expect((await signInReply(app, org.chw2, PASSWORD, '203.0.113.9')).status).toBe(200);
    expect((await signInReply(app, 'n5@limits.test', 'x', '203.0.113.9')).status).toBe(401);
    expect((await signInReply(app, 'n6@limits.test', 'x', '203.0.113.9')).status).toBe(429);
  });
});

describe('unknown and known emails answer alike', () => {
  it('gives the same statuses and bodies, step by step, through slow-down and lock', async () => {
    const sequence = async (email: string) => {
      const seen = [];
      for (let i = 0; i < 7; i++) {
        const reply = await signInReply(h.app, email, 'wrong password!');
        seen.push({ status: reply.status, body: reply.body, retryAfter: reply.headers.get('retry-after') });
        // Let the slow-down pass without sleeping, on both kinds of counter.
        await h.db.query('update app_user set next_attempt_at = null');
        await h.db.query('update auth_limit set next_attempt_at = null');
      }
      return seen;
    };
    const known = await sequence(org.partner);
    const before = scrypts.count;
    const unknown = await sequence('no-such-person@limits.test');
    expect(unknown).toEqual(known);
    expect(known.map((k) => k.status)).toEqual([401, 401, 401, 401, 423, 423, 423]);
    // The unknown email ran scrypt as often as the known one (against a decoy hash).
    expect(scrypts.count - before).toBe(rules.signInLockAfter);
  });
});

describe('the password path locks, not the person', () => {
  it('reports the lock and keeps open sessions working', async () => {
    const cookie = await signIn(h.app, org.chw, PASSWORD);
    for (let i = 0; i < rules.signInLockAfter; i++) {
      await signInReply(h.app, org.chw, 'wrong password!');
      await h.db.query('update app_user set next_attempt_at = null');
    }
    const id = org.ids[org.chw] ?? '';
    expect(await passwordPathLocked(h.db, id)).toBeGreaterThan(14 * 60);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
  });
});

describe('guessing the current password', () => {
  it('is counted like sign-in: slowed, then locked, with at most the configured checks', async () => {
    const cookie = await signIn(h.app, org.admin, PASSWORD);
    scrypts.count = 0;
    const guesses = await Promise.all(
      Array.from({ length: 30 }, () =>
        call(h.app, 'POST', '/api/me/password', {
          cookie,
          body: { currentPassword: 'a wrong guess', newPassword: 'a new long password' },
        }),
      ),
    );
    expect(scrypts.count).toBeLessThanOrEqual(rules.signInSlowAfter);
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(rules.signInSlowAfter);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(20);
    for (let i = 0; i < rules.signInLockAfter; i++) {
      await h.db.query('update app_user set next_attempt_at = null');
      await call(h.app, 'POST', '/api/me/password', {
        cookie,
        body: { currentPassword: 'a wrong guess', newPassword: 'a new long password' },
      });
    }
    const right = await call(h.app, 'POST', '/api/me/password', {
      cookie,
      body: { currentPassword: PASSWORD, newPassword: 'a new long password' },
    });
    expect(right.status).toBe(423);
  });
});

describe('the limiter for other secrets (2FA codes)', () => {
  it('reserves atomically: of 30 parallel reservations exactly the limit pass', async () => {
    const codes = createLimiter({ limit: 4, windowSeconds: 600 });
    const key = limitKeys.user('totp', '00000000-0000-7000-8000-000000000001');
    const slots = await Promise.all(Array.from({ length: 30 }, () => codes.reserve(h.db, key)));
    expect(slots.filter((s) => s.allowed).length).toBe(4);
    const refused = slots.find((s) => !s.allowed);
    expect(refused).toMatchObject({ allowed: false, blocked: true });
    await codes.succeed(h.db, key);
    expect((await codes.reserve(h.db, key)).allowed).toBe(true);
  });
});
