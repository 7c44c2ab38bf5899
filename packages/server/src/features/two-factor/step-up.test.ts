import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../http/tokens.js';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { call, signIn } from '../../test/http.js';

const h = useApp();
let org: TestOrg;

beforeAll(async () => {
  org = await seedOrg(h.db, 'su');
});

/** A session whose last check of who holds it was an hour ago. */
async function staleSession(email: string): Promise<string> {
  const cookie = await signIn(h.app, email, PASSWORD);
  const token = cookie.split('=')[1] ?? '';
  await h.db.query(`update session set verified_at = now() - interval '1 hour' where token_hash = $1`, [
    hashToken(token),
  ]);
  return cookie;
}

describe('a second check before the most sensitive actions', () => {
  it('refuses a new FHIR client secret until the admin confirms the password, then allows it', async () => {
    const cookie = await staleSession(org.admin);
    const body = { name: 'Clinic', partnerName: 'Valley Clinic' };
    const refused = await call(h.app, 'POST', '/api/fhir-clients', { cookie, body });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('stepUpRequired');
    const wrong = await call(h.app, 'POST', '/api/auth/step-up', {
      cookie,
      body: { password: 'not it at all' },
    });
    expect(wrong.status).toBe(400);
    expect((await call(h.app, 'POST', '/api/fhir-clients', { cookie, body })).status).toBe(403);
    const ok = await call(h.app, 'POST', '/api/auth/step-up', { cookie, body: { password: PASSWORD } });
    expect(ok.status).toBe(204);
    const made = await call(h.app, 'POST', '/api/fhir-clients', { cookie, body });
    expect(made.status).toBe(201);
    expect(typeof made.body.secret).toBe('string');
  });

  it('refuses the person-level extract to a stale session, allows it after the check', async () => {
    const cookie = await staleSession(org.manager);
    const refused = await call(h.app, 'GET', '/api/reports/extract.csv', { cookie });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('stepUpRequired');
    await call(h.app, 'POST', '/api/auth/step-up', { cookie, body: { password: PASSWORD } });
    expect((await call(h.app, 'GET', '/api/reports/extract.csv', { cookie })).status).toBe(200);
  });

  it('refuses break-the-glass to a stale session before anything else is looked at', async () => {
    const cookie = await staleSession(org.supervisor);
    const path = '/api/clients/00000000-0000-7000-8000-000000000000/break-glass';
    const body = { reason: 'Crisis call from the family, CHW unreachable' };
    const refused = await call(h.app, 'POST', path, { cookie, body });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('stepUpRequired');
    await call(h.app, 'POST', '/api/auth/step-up', { cookie, body: { password: PASSWORD } });
    // Past the check, the route answers on its merits: nobody has that id.
    expect((await call(h.app, 'POST', path, { cookie, body })).status).toBe(404);
  });

  it('still refuses a role without the permission as forbidden, not as a missing check', async () => {
    const cookie = await staleSession(org.chw);
    const refused = await call(h.app, 'GET', '/api/reports/extract.csv', { cookie });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
  });
});
