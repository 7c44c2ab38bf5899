import type { Consent, PartnerAccount, PartnerReferral } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../setup/demo.js';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { programToday } from '../../test/dates.js';
import { bodyAs, call } from '../../test/http.js';
import { ORG_ID, sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';

// Partners answer for directory services, not for a whole HSDS organization, and only
// while the person's consent stands. In the sample directory one network ("Red
// Comunitaria") runs both the food pantry and the legal aid society.
const h = useApp();
let w: CaseloadWorld;
let partnerId: string;
const PANTRY = serviceId(0);
const LEGAL = serviceId(5);
const today = programToday();

async function consent(clientId: string, body: Record<string, unknown>): Promise<Consent> {
  const reply = await call(h.app, 'POST', `/api/clients/${clientId}/consents`, {
    cookie: w.cookie.chw,
    body: { method: 'verbal', givenOn: today, ...body },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return bodyAs<Consent>(reply);
}

/** A person who agreed to be served and to share with the network; the share consent is returned. */
async function consenting(person: Record<string, unknown>, dataKinds?: string[]) {
  const client = await register(h, w.cookie.chw, { notADuplicate: true, ...person });
  await consent(client.id, { kind: 'service' });
  const share = await consent(client.id, {
    kind: 'share',
    partnerName: 'Red Comunitaria',
    ...(dataKinds ? { dataKinds } : {}),
  });
  return { id: client.id, share: share.id };
}

async function refer(clientId: string, body: Record<string, unknown> = {}): Promise<string> {
  const reply = await call(h.app, 'POST', `/api/clients/${clientId}/referrals`, {
    cookie: w.cookie.chw,
    body: { serviceId: PANTRY, need: 'food-insecurity', reason: 'Runs out of food', ...body },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return String(reply.body.id);
}

const inbox = async (state = 'all') =>
  bodyAs<{ referrals: PartnerReferral[] }>(
    await call(h.app, 'GET', `/api/partner/referrals?state=${state}`, { cookie: w.cookie.partner }),
  ).referrals;
const read = (id: string) => call(h.app, 'GET', `/api/partner/referrals/${id}`, { cookie: w.cookie.partner });
const answer = (id: string, body: Record<string, unknown> = { status: 'accepted' }) =>
  call(h.app, 'POST', `/api/partner/referrals/${id}/status`, { cookie: w.cookie.partner, body });
const linkServices = (serviceIds: unknown, cookie = w.cookie.admin) =>
  call(h.app, 'PUT', `/api/partners/${partnerId}/services`, { cookie, body: { serviceIds } });
const revoke = (clientId: string, consentId: string) =>
  call(h.app, 'POST', `/api/clients/${clientId}/consents/${consentId}/revoke`, {
    cookie: w.cookie.chw,
    body: {},
  });

beforeAll(async () => {
  w = await caseloadWorld(h, 'partner-inbox');
  await importDirectory(h.db, w.org.orgId, readJson(sampleDirectory(), 'sample.json'));
  partnerId = w.org.ids[w.org.partner] ?? '';
  const linked = await linkServices([PANTRY]);
  expect(linked.status, JSON.stringify(linked.body)).toBe(200);
});

describe('a partner answers for its services, not for its whole directory organization', () => {
  let pantry: string;
  let legal: string;
  beforeAll(async () => {
    const ana = await consenting({ givenName: 'Ana', familyName: 'Lozano' });
    pantry = await refer(ana.id);
    legal = await refer(ana.id, {
      serviceId: LEGAL,
      need: 'financial-insecurity',
      reason: 'Eviction notice',
    });
  });

  it('lists the pantry’s referral and not the legal clinic’s of the same organization', async () => {
    const ids = (await inbox()).map((r) => r.id);
    expect(ids).toContain(pantry);
    expect(ids).not.toContain(legal);
  });

  it('answers the legal clinic’s referral as if it did not exist: read or moved', async () => {
    expect((await read(pantry)).status).toBe(200);
    const seen = await read(legal);
    expect(seen.status).toBe(404);
    expect(seen.body.code).toBe('referralNotFound');
    expect((await answer(legal)).status).toBe(404);
    const [row] = await h.db.query<{ status: string }>('select status from referral where id = $1', [legal]);
    expect(row?.status).toBe('requested');
    expect((await answer(pantry)).status).toBe(200);
  });

  it('tells the CHW the pantry answers in Puente, and lets the CHW record the legal clinic’s answers', async () => {
    const status = async (id: string) =>
      (await call(h.app, 'GET', `/api/referrals/${id}`, { cookie: w.cookie.chw })).body.partnerHasAccounts;
    expect(await status(pantry)).toBe(true);
    expect(await status(legal)).toBe(false);
  });
});

describe('a withdrawn consent closes the inbox to the person', () => {
  it('hides an open referral once the consent to share is withdrawn: not listed, not read, not moved', async () => {
    const beto = await consenting({ givenName: 'Beto', familyName: 'Quintana' });
    const id = await refer(beto.id);
    expect((await inbox()).map((r) => r.id)).toContain(id);
    expect((await revoke(beto.id, beto.share)).status).toBe(200);
    const after = await inbox();
    expect(after.map((r) => r.id)).not.toContain(id);
    expect(JSON.stringify(after)).not.toContain('Quintana');
    expect((await read(id)).status).toBe(404);
    expect((await answer(id)).status).toBe(404);
  });

  it('hides a referral closed before the withdrawal too, name and reason', async () => {
    const cata = await consenting({ givenName: 'Cata', familyName: 'Ibarra' });
    const id = await refer(cata.id, { reason: 'Lost her job last month' });
    expect((await answer(id)).status).toBe(200);
    expect((await answer(id, { status: 'completed', result: 'Groceries' })).status).toBe(200);
    expect((await revoke(cata.id, cata.share)).status).toBe(200);
    const closed = await inbox('closed');
    expect(closed.map((r) => r.id)).not.toContain(id);
    expect(JSON.stringify(closed)).not.toMatch(/Ibarra|Lost her job/);
    expect((await read(id)).status).toBe(404);
  });

  it('hides the person’s referrals once they withdraw their consent to be served', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Dora', notADuplicate: true });
    const service = await consent(client.id, { kind: 'service' });
    await consent(client.id, { kind: 'share', partnerName: 'Red Comunitaria' });
    const id = await refer(client.id);
    expect((await read(id)).status).toBe(200);
    expect((await revoke(client.id, service.id)).status).toBe(200);
    expect((await inbox()).map((r) => r.id)).not.toContain(id);
    expect((await read(id)).status).toBe(404);
    expect((await answer(id)).status).toBe(404);
  });
});

describe('the phone reaches the partner only when every condition holds', () => {
  const phoneOf = async (id: string) => bodyAs<PartnerReferral>(await read(id)).person.phone;

  it('shows it when the consent covers contact, the CHW shared it, and contact is allowed and safe', async () => {
    const p = await consenting({ givenName: 'Eva', phone: '559-555-0111' });
    const seen = bodyAs<PartnerReferral>(await read(await refer(p.id, { shares: ['phone'] })));
    expect(seen.person).toEqual({ name: 'Eva', language: 'es', phone: '+15595550111', ageRange: null });
  });

  it('hides it when the consent to share does not cover contact', async () => {
    const p = await consenting({ givenName: 'Fabi', phone: '559-555-0112' }, ['identity', 'referral']);
    expect(await phoneOf(await refer(p.id, { shares: ['phone'] }))).toBeNull();
  });

  it('hides it when the CHW did not pass it on', async () => {
    const p = await consenting({ givenName: 'Gabi', phone: '559-555-0113' });
    expect(await phoneOf(await refer(p.id, { shares: [] }))).toBeNull();
  });

  it('hides it when the person asked not to be contacted about this referral', async () => {
    const p = await consenting({ givenName: 'Hugo', phone: '559-555-0114' });
    expect(await phoneOf(await refer(p.id, { shares: ['phone'], doNotContact: true }))).toBeNull();
  });

  it('hides it when contacting the person is not safe', async () => {
    const p = await consenting({ givenName: 'Inés', phone: '559-555-0115', safeToContact: false });
    expect(await phoneOf(await refer(p.id, { shares: ['phone'] }))).toBeNull();
  });

  it('shows the age range only when the CHW shared it', async () => {
    const p = await consenting({ givenName: 'Juan', ageRange: '25-34' });
    expect(bodyAs<PartnerReferral>(await read(await refer(p.id))).person.ageRange).toBeNull();
    const shared = await refer(p.id, { shares: ['age-range'] });
    expect(bodyAs<PartnerReferral>(await read(shared)).person.ageRange).toBe('25-34');
  });
});

describe('an administrator links partners to services', () => {
  const accountOf = async () =>
    bodyAs<{ partners: PartnerAccount[] }>(
      await call(h.app, 'GET', '/api/partners', { cookie: w.cookie.admin }),
    ).partners.find((p) => p.userId === partnerId);

  it('sets exactly the services chosen, lists them, and audits the change', async () => {
    const reply = await linkServices([PANTRY, LEGAL]);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(bodyAs<PartnerAccount>(reply).services.map((s) => [s.id, s.organizationName])).toEqual([
      [PANTRY, 'Red Comunitaria'],
      [LEGAL, 'Red Comunitaria'],
    ]);
    expect((await linkServices([PANTRY])).status).toBe(200);
    expect((await accountOf())?.services.map((s) => s.name)).toEqual(['Community Food Pantry']);
    const audit = await h.db.query<{ detail: { added: string[]; removed: string[] } }>(
      `select detail from audit_event where action = 'partner.services-linked' and subject_id = $1 order by seq`,
      [partnerId],
    );
    expect(audit.at(-1)?.detail).toEqual({ added: [], removed: [LEGAL] });
  });

  it('links every service of an organization by the shortcut, besides the others', async () => {
    const reply = await call(h.app, 'PUT', `/api/partners/${partnerId}`, {
      cookie: w.cookie.admin,
      body: { organizationId: ORG_ID },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(bodyAs<PartnerAccount>(reply).services).toHaveLength(
      sampleDirectory()['services.csv']?.length ?? -1,
    );
    expect((await linkServices([PANTRY])).status).toBe(200);
  });

  it('refuses anyone but an administrator', async () => {
    for (const cookie of [w.cookie.chw, w.cookie.supervisor, w.cookie.manager, w.cookie.partner]) {
      expect((await linkServices([LEGAL], cookie)).status).toBe(403);
    }
    expect((await accountOf())?.services.map((s) => s.id)).toEqual([PANTRY]);
  });

  it('refuses a service that is not in this program’s directory, with problem details, and changes nothing', async () => {
    const reply = await linkServices([PANTRY, 'no-such-service']);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.code).toBe('partnerServiceNotFound');
    // Another program's admin cannot link to this program's services either.
    const foreign = await call(h.app, 'PUT', `/api/partners/${partnerId}/services`, {
      cookie: w.cookie.otherAdmin,
      body: { serviceIds: [PANTRY] },
    });
    expect(foreign.status).toBe(404);
    expect((await linkServices('pantry')).status).toBe(400);
    expect((await accountOf())?.services.map((s) => s.id)).toEqual([PANTRY]);
  });
});

describe('the demo', () => {
  it('links Carmen to the food pantry’s service only, not the rest of its network', async () => {
    expect((await loadDemo(h.db)).created).toBe(true);
    const links = await h.db.query<{ service: string }>(
      `select ps.service_id as service from partner_service ps join app_user u on u.id = ps.user_id
        where u.email = 'carmen@demo.puente.test'`,
    );
    expect(links.map((l) => l.service)).toEqual([PANTRY]);
  });
});
