import { uuidv7 } from '@puente/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { type Config, testConfig } from '../../config.js';
import type { Database } from '../../db/types.js';
import { createLogger } from '../../log.js';
import { seedOrg, useApp } from '../../test/app.js';
import { freshDatabase, type TestDatabase } from '../../test/database.js';
import { call } from '../../test/http.js';

const h = useApp();
const appOn = (db: Database, config: Config = testConfig()) =>
  buildApp({ db, config, log: createLogger('silent') });
/** A mail server is set, so the jobs are expected to send what waits in the outbox. */
const withMail = (): Config =>
  testConfig({
    smtp: { host: 'mail.invalid', port: 587, secure: false, user: undefined, password: undefined },
  });

describe('health probes for a load balancer', () => {
  it('live answers while the process runs, without a session', async () => {
    const reply = await call(h.app, 'GET', '/api/health/live');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'live' });
  });

  it('ready answers once migrations ran and the database answers; /api/health still says which database', async () => {
    expect(await call(h.app, 'GET', '/api/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready' },
    });
    expect((await call(h.app, 'GET', '/api/health')).body).toMatchObject({
      status: 'ok',
      database: h.db.kind,
    });
  });

  describe('before migrations', () => {
    let bare: TestDatabase;
    beforeAll(async () => {
      bare = await freshDatabase({ migrated: false });
    });
    afterAll(() => bare.drop());

    it('ready is 503 with a plain reason, and live is still 200', async () => {
      const app = appOn(bare.db);
      const reply = await call(app, 'GET', '/api/health/ready');
      expect(reply.status).toBe(503);
      expect(reply.headers.get('content-type')).toBe('application/problem+json');
      expect(reply.body).toMatchObject({
        code: 'notMigrated',
        status: 503,
        title: expect.stringMatching(/migrated/),
      });
      expect((await call(app, 'GET', '/api/health/live')).status).toBe(200);
    });
  });

  describe('when the database is closed', () => {
    it('ready is 503 saying the database does not answer, in the caller’s language', async () => {
      const gone = await freshDatabase();
      // Closed (and on PostgreSQL dropped): every query now fails.
      await gone.drop();
      const reply = await call(appOn(gone.db), 'GET', '/api/health/ready', {
        headers: { 'accept-language': 'es' },
      });
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({
        code: 'databaseUnreachable',
        title: expect.stringMatching(/no responde/),
      });
    });
  });

  describe('the outbox', () => {
    let orgId: string;
    const queue = async (nextAttemptMinutesAgo: number) => {
      const id = uuidv7();
      await h.db.query(
        `insert into outbox (id, org_id, kind, payload, next_attempt_at, created_at)
         values ($1, $2, 'email', '{}', now() - make_interval(mins => $3), now() - make_interval(mins => $3))`,
        [id, orgId, nextAttemptMinutesAgo],
      );
      return id;
    };
    const ready = (config: Config) => call(appOn(h.db, config), 'GET', '/api/health/ready');

    beforeAll(async () => {
      orgId = (await seedOrg(h.db, 'health')).orgId;
    });

    it('an email due for a few minutes, or waiting out a retry, keeps the server ready', async () => {
      const recent = await queue(3);
      const retrying = await queue(-30);
      expect((await ready(withMail())).status).toBe(200);
      await h.db.query(`update outbox set status = 'sent' where id = any($1::uuid[])`, [[recent, retrying]]);
    });

    it('an email due for 10 minutes that no sender took makes ready 503, saying so', async () => {
      const stuck = await queue(25);
      const reply = await ready(withMail());
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({ code: 'outboxStuck', title: expect.stringContaining('25 minutes') });
      // Without a mail server nothing sends on purpose (alerts are in-app only): not a reason to take traffic away.
      expect((await ready(testConfig())).status).toBe(200);
      await h.db.query(`update outbox set status = 'sent' where id = $1`, [stuck]);
      expect((await ready(withMail())).status).toBe(200);
    });
  });
});
