import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { createLogger } from '../log.js';
import { PASSWORD, seedOrg, useApp } from '../test/app.js';
import { testPgUrl } from '../test/database.js';
import { call, signIn } from '../test/http.js';
import { refuseUnlessDemoOnly } from './demo-guard.js';
import { createAdmin, resetPassword } from './operator.js';
import { startPuente } from './start.js';

const h = useApp({ publicUrl: 'https://puente.test' });
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('operator commands', () => {
  it('reset-password prints a link that works once, and ends the person’s sessions', async () => {
    const org = await seedOrg(h.db, 'op-reset');
    const session = await signIn(h.app, org.chw, PASSWORD);
    const reset = await resetPassword(h.db, h.config, org.chw);
    if (!('link' in reset)) throw new Error('expected a link');
    expect(reset.link).toMatch(/^https:\/\/puente\.test\/set-password#token=[\w-]{43}$/);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: session })).status).toBe(401);
    const token = reset.link.split('token=')[1];
    const body = { token, newPassword: 'chosen by the chw' };
    expect((await call(h.app, 'POST', '/api/auth/set-password', { body })).status).toBe(204);
    expect((await call(h.app, 'POST', '/api/auth/set-password', { body })).status).toBe(400);
    await signIn(h.app, org.chw, 'chosen by the chw');
  });

  it('reset-password --temporary gives a one-time password that must be changed', async () => {
    const org = await seedOrg(h.db, 'op-temp');
    const reset = await resetPassword(h.db, h.config, org.supervisor, { temporary: true });
    if (!('password' in reset)) throw new Error('expected a password');
    const session = await signIn(h.app, org.supervisor, reset.password);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: session })).body.mustChangePassword).toBe(
      true,
    );
    expect((await call(h.app, 'GET', '/api/users', { cookie: session })).status).toBe(403);
    await expect(resetPassword(h.db, h.config, 'nobody@op-temp.test')).rejects.toThrow(/No account/);
  });

  it('create-admin adds an admin with a one-time password to the one organization', async () => {
    const org = await seedOrg(h.db, 'op-admin');
    await expect(createAdmin(h.db, { email: 'second@op-admin.test' })).rejects.toThrow(/--org/);
    const made = await createAdmin(h.db, { email: 'Second@op-admin.test', orgId: org.orgId });
    expect(made.orgId).toBe(org.orgId);
    const session = await signIn(h.app, 'second@op-admin.test', made.password);
    const me = await call(h.app, 'GET', '/api/auth/me', { cookie: session });
    expect(me.body).toMatchObject({ role: 'admin', mustChangePassword: true });
    await expect(createAdmin(h.db, { email: org.admin, orgId: org.orgId })).rejects.toThrow(/already/);
  });

  it('--demo refuses a database that holds a real program', async () => {
    await seedOrg(h.db, 'op-real');
    await expect(refuseUnlessDemoOnly(h.db)).rejects.toThrow(/program's own data/);
  });
});

// Each of these makes new embedded databases on disk (a new cluster each, seconds apiece).
describe.skipIf(Boolean(testPgUrl))('first start (embedded database)', { timeout: 120_000 }, () => {
  async function dataDir() {
    const dir = await mkdtemp(join(tmpdir(), 'puente-start-'));
    dirs.push(dir);
    return join(dir, 'data');
  }

  it('on a port in use: a plain message, no password printed, and no admin made', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    const config = loadConfig({ DATA_DIR: await dataDir(), PORT: String(port) });
    const said: string[] = [];
    try {
      await expect(
        startPuente(config, createLogger('silent'), { demo: false }, (l) => said.push(l)),
      ).rejects.toThrow(`Port 127.0.0.1:${port} is already in use`);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    expect(said.join('\n')).not.toMatch(/password/);
    const db = await openDatabase(config);
    try {
      await migrate(db);
      expect(await db.query('select 1 from app_user')).toHaveLength(0);
    } finally {
      await db.close();
    }
    // Started again on a free port: the first admin is made now, and its password printed once it answers.
    const again = await startPuente({ ...config, port: 0 }, createLogger('silent'), { demo: false }, (l) =>
      said.push(l),
    );
    try {
      expect(said.join('\n')).toMatch(/password: \S{12,}/);
      expect((await fetch(`${again.url}/api/health`)).status).toBe(200);
    } finally {
      await again.stop();
    }
  });

  it('--demo loads the demo into an empty database, and refuses one with a real program', async () => {
    const config = { ...loadConfig({ DATA_DIR: await dataDir() }), port: 0 };
    const db = await openDatabase(config);
    try {
      await migrate(db);
      await seedOrg(db, 'op-demo-real');
    } finally {
      await db.close();
    }
    await expect(startPuente(config, createLogger('silent'), { demo: true }, () => {})).rejects.toThrow(
      /--demo is refused/,
    );
    const empty = { ...loadConfig({ DATA_DIR: await dataDir() }), port: 0 };
    const said: string[] = [];
    const server = await startPuente(empty, createLogger('silent'), { demo: true }, (l) => said.push(l));
    await server.stop();
    expect(said.join('\n')).toMatch(/Demo organization loaded/);
    expect(said.join('\n')).not.toMatch(/first organization/);
  });
});
