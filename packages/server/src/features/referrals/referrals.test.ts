import {
  figureKey,
  type PartnerReferral,
  type PublishedReferralFigures,
  type Referral,
  type ReferralDetail,
} from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { programToday } from '../../test/dates.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { passwordChosen } from '../../test/users.js';
import { importDirectory } from '../directory/import.js';
import { readJson } from '../directory/read-json.js';
import { ORG_ID, sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { countedFigures } from '../reports/testing.js';
import { followUpQuietReferrals } from './follow-up.js';

const h = useApp();
let w: CaseloadWorld;
let ana: string;
let beto: string;
let partner2: string;
const ORG2 = 'f0000000-0000-4000-8000-000000000002';
const FOOD = serviceId(0);
const SHELTER = serviceId(1);
const today = programToday();

beforeAll(async () => {
  w = await caseloadWorld(h, 'referrals');
  // The sample directory, with the shelter run by a second organization.
  const directory = sampleDirectory();
  directory['organizations.csv']?.push({ id: ORG2, name: 'Casa Esperanza', description: 'Shelter' });
  const shelter = directory['services.csv']?.find((s) => s.id === SHELTER);
  if (shelter) shelter.organization_id = ORG2;
  await importDirectory(h.db, w.org.orgId, readJson(directory, 'sample.json'));

  ana = (await register(h, w.cookie.chw, { givenName: 'Ana', familyName: 'Ruiz', phone: '559-555-0199' })).id;
  beto = (await register(h, w.cookie.chw, { givenName: 'Beto' })).id;
  for (const person of [ana, beto]) {
    await consent(person, { kind: 'service' });
    await consent(person, { kind: 'share', partnerCategory: 'food' });
  }
  await consent(ana, { kind: 'share', partnerName: 'Casa Esperanza' });
  const made = await call(h.app, 'POST', '/api/users', {
    cookie: w.cookie.admin,
    body: {
      email: 'partner2@referrals.test',
      displayName: 'Casa staff',
      role: 'partner',
      password: PASSWORD,
    },
  });
  expect(made.status).toBe(201);
  partner2 = String(made.body.id);
  await passwordChosen(h.db, partner2);
});

async function consent(clientId: string, body: Record<string, unknown>) {
  const reply = await call(h.app, 'POST', `/api/clients/${clientId}/consents`, {
    cookie: w.cookie.chw,
    body: { method: 'verbal', givenOn: today, ...body },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
}

const refer = (clientId: string, body: Record<string, unknown> = {}, cookie = w.cookie.chw) =>
  call(h.app, 'POST', `/api/clients/${clientId}/referrals`, {
    cookie,
    body: { serviceId: FOOD, need: 'food-insecurity', reason: 'Runs out of food before payday', ...body },
  });
const move = (id: string, body: Record<string, unknown>, cookie = w.cookie.chw) =>
  call(h.app, 'POST', `/api/referrals/${id}/status`, { cookie, body });
const answer = (id: string, body: Record<string, unknown>, cookie = w.cookie.partner) =>
  call(h.app, 'POST', `/api/partner/referrals/${id}/status`, { cookie, body });
const referralCount = async () =>
  Number((await h.db.query<{ n: number }>('select count(*)::int as n from referral'))[0]?.n);
const link = (userId: string, organizationId: string) =>
  call(h.app, 'PUT', `/api/partners/${userId}`, { cookie: w.cookie.admin, body: { organizationId } });

describe('making a referral', () => {
  it('refers from a need to a service once the person consented to share with it', async () => {
    const reply = await refer(ana, { urgency: 'urgent', shares: ['phone'] });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const r = bodyAs<Referral>(reply);
    expect(r).toMatchObject({
      status: 'requested',
      need: 'food-insecurity',
      serviceName: 'Community Food Pantry',
      partnerName: 'Red Comunitaria',
      partnerHasAccounts: false,
      urgency: 'urgent',
      shares: ['phone'],
      clientName: 'Ana Ruiz',
      closedAt: null,
    });
    // No partner account yet: the CHW records the partner's answers too.
    expect(r.nextStatuses).toContain('accepted');
  });

  it('refuses without consent to share with that partner, and writes nothing', async () => {
    const before = await referralCount();
    const reply = await refer(beto, { serviceId: SHELTER, need: 'homelessness' });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('noShareConsent');
    expect(String(reply.body.title)).toContain('Casa Esperanza');
    expect(await referralCount()).toBe(before);
  });

  it('refuses a service that is not in the directory, and a goal of someone else', async () => {
    expect((await refer(ana, { serviceId: 'no-such-service' })).body.code).toBe('referralServiceNotFound');
    const goal = await call(h.app, 'POST', `/api/clients/${beto}/goals`, {
      cookie: w.cookie.chw,
      body: { text: 'Comer bien', needArea: 'food-insecurity' },
    });
    expect(goal.status, JSON.stringify(goal.body)).toBe(201);
    const reply = await refer(ana, { goalId: goal.body.id });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('goalNotFound');
  });

  it('makes an offline retry of the same referral once', async () => {
    const id = '01900000-0000-7000-8000-00000000beef';
    const before = await referralCount();
    expect((await refer(beto, { id })).status).toBe(201);
    expect((await refer(beto, { id })).status).toBe(201);
    expect(await referralCount()).toBe(before + 1);
    expect((await refer(ana, { id })).status).toBe(409);
  });

  it('keeps people outside the caller’s caseload out of reach', async () => {
    expect((await refer(ana, {}, w.cookie.chw2)).status).toBe(404);
    expect((await refer(ana, {}, w.cookie.manager)).status).toBe(403);
    expect((await refer(ana, {}, w.cookie.partner)).status).toBe(403);
    const [mine] = bodyAs<{ referrals: Referral[] }>(
      await call(h.app, 'GET', `/api/clients/${ana}/referrals`, { cookie: w.cookie.chw }),
    ).referrals;
    expect(mine).toBeDefined();
    expect((await call(h.app, 'GET', `/api/referrals/${mine?.id}`, { cookie: w.cookie.chw2 })).status).toBe(
      404,
    );
    expect((await move(String(mine?.id), { status: 'cancelled', reason: 'x' }, w.cookie.chw2)).status).toBe(
      404,
    );
    const list = bodyAs<{ referrals: Referral[] }>(
      await call(h.app, 'GET', '/api/referrals', { cookie: w.cookie.chw2 }),
    );
    expect(list.referrals).toEqual([]);
  });

  it('follows the record kept when a duplicate is merged, so an open referral is not lost', async () => {
    const kept = (await register(h, w.cookie.chw, { givenName: 'Carla', familyName: 'Soto' })).id;
    const dup = (await register(h, w.cookie.chw, { givenName: 'Carlita', notADuplicate: true })).id;
    await consent(dup, { kind: 'service' });
    await consent(dup, { kind: 'share', partnerCategory: 'food' });
    const referred = await refer(dup);
    expect(referred.status, JSON.stringify(referred.body)).toBe(201);
    const made = bodyAs<Referral>(referred);
    const merged = await call(h.app, 'POST', `/api/clients/${kept}/merge`, {
      cookie: w.cookie.supervisor,
      body: { duplicateId: dup },
    });
    expect(merged.status).toBe(204);
    const onKept = bodyAs<{ referrals: Referral[] }>(
      await call(h.app, 'GET', `/api/clients/${kept}/referrals`, { cookie: w.cookie.chw }),
    ).referrals;
    expect(onKept.map((r) => [r.id, r.clientName])).toEqual([[made.id, 'Carla Soto']]);
    expect((await move(made.id, { status: 'accepted' })).status).toBe(200);
  });
});

describe('the closed loop with a partner that has an account', () => {
  let id: string;
  beforeAll(async () => {
    expect((await link(w.org.ids[w.org.partner] as string, ORG_ID)).status).toBe(200);
    expect((await link(partner2, ORG2)).status).toBe(200);
    const reply = await refer(ana, { shares: ['phone'], reason: 'Necesita despensa esta semana' });
    id = String(reply.body.id);
  });

  it('shows the partner the minimum: name, language, the phone only when shared', async () => {
    const inbox = bodyAs<{ referrals: PartnerReferral[] }>(
      await call(h.app, 'GET', '/api/partner/referrals', { cookie: w.cookie.partner }),
    ).referrals;
    const mine = inbox.find((r) => r.id === id);
    expect(mine?.person).toEqual({ name: 'Ana Ruiz', language: 'es', phone: '+15595550199', ageRange: null });
    expect(mine?.nextStatuses).toEqual([
      'accepted',
      'rejected',
      'on-hold',
      'completed',
      'failed',
      'cancelled',
    ]);
    expect(Object.keys(mine ?? {})).not.toContain('clientId');
    // Beto's referral shared no phone.
    expect(inbox.filter((r) => r.person.name === 'Beto').every((r) => r.person.phone === null)).toBe(true);
    const audit = await h.db.query("select 1 from audit_event where action = 'referral.inbox-viewed'");
    expect(audit.length).toBeGreaterThan(0);
  });

  it('hides the phone when the person asked not to be contacted about this', async () => {
    const quiet = await refer(ana, { shares: ['phone'], doNotContact: true });
    const seen = bodyAs<PartnerReferral>(
      await call(h.app, 'GET', `/api/partner/referrals/${quiet.body.id}`, { cookie: w.cookie.partner }),
    );
    expect(seen.doNotContact).toBe(true);
    expect(seen.person.phone).toBeNull();
  });

  it('lets the CHW only cancel or mark in error once the partner answers in Puente', async () => {
    const r = bodyAs<ReferralDetail>(
      await call(h.app, 'GET', `/api/referrals/${id}`, { cookie: w.cookie.chw }),
    );
    expect(r.partnerHasAccounts).toBe(true);
    expect(r.nextStatuses).toEqual(['cancelled', 'entered-in-error']);
    const refused = await move(id, { status: 'accepted' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('referralNotYourMove');
  });

  it('keeps other partners out: another organization’s partner cannot see or answer it', async () => {
    const other = await signIn(h.app, 'partner2@referrals.test', PASSWORD);
    const inbox = bodyAs<{ referrals: PartnerReferral[] }>(
      await call(h.app, 'GET', '/api/partner/referrals?state=all', { cookie: other }),
    ).referrals;
    expect(inbox.map((r) => r.id)).not.toContain(id);
    expect((await call(h.app, 'GET', `/api/partner/referrals/${id}`, { cookie: other })).status).toBe(404);
    expect((await answer(id, { status: 'accepted' }, other)).status).toBe(404);
    // Nor the person's record, by any route.
    expect((await call(h.app, 'GET', `/api/clients/${ana}`, { cookie: w.cookie.partner })).status).toBe(403);
    expect((await call(h.app, 'GET', `/api/referrals/${id}`, { cookie: w.cookie.partner })).status).toBe(403);
    // A partner of another program sees nothing either.
    const foreign = await call(h.app, 'GET', `/api/partner/referrals/${id}`, {
      cookie: await signIn(h.app, w.other.partner, PASSWORD),
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('partnerNotLinked');
  });

  it('walks accept → in progress → completed, telling the CHW each time', async () => {
    const accepted = await answer(id, { status: 'accepted', capacity: 'has-capacity' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const tasks = await h.db.query<{ title: string; status: string }>(
      'select title, status from task where referral_id = $1',
      [id],
    );
    // Rosa's account is in Spanish: the task reads in her language.
    expect(tasks).toEqual([{ title: 'Referencia a Red Comunitaria: Aceptada', status: 'open' }]);
    expect((await answer(id, { status: 'in-progress', enrollment: 'enrolled' })).status).toBe(200);
    const done = await answer(id, { status: 'completed', result: 'Groceries for the month' });
    expect(done.body).toMatchObject({
      status: 'completed',
      outcome: 'got-help',
      result: 'Groceries for the month',
    });
    const seen = bodyAs<ReferralDetail>(
      await call(h.app, 'GET', `/api/referrals/${id}`, { cookie: w.cookie.chw }),
    );
    expect(seen).toMatchObject({
      status: 'completed',
      outcome: 'got-help',
      capacity: 'has-capacity',
      enrollment: 'enrolled',
    });
    expect(seen.closedAt).not.toBeNull();
    expect(seen.events.map((e) => [e.kind, e.status, e.byPartner])).toEqual([
      ['created', 'requested', false],
      ['status', 'accepted', true],
      ['status', 'in-progress', true],
      ['status', 'completed', true],
    ]);
    // One follow-up per referral: the news renamed the same task.
    expect(await h.db.query('select 1 from task where referral_id = $1', [id])).toHaveLength(1);
  });

  it('refuses moves the lifecycle does not allow, and changes nothing', async () => {
    const back = await answer(id, { status: 'requested' });
    expect(back.status).toBe(409);
    expect(back.body.code).toBe('referralStatusNotAllowed');
    expect((await answer(id, { status: 'accepted' })).status).toBe(409);
    const [row] = await h.db.query<{ status: string }>('select status from referral where id = $1', [id]);
    expect(row?.status).toBe('completed');
  });

  it('asks for a reason when declining', async () => {
    const fresh = String((await refer(beto)).body.id);
    const bare = await answer(fresh, { status: 'rejected' });
    expect(bare.status).toBe(400);
    expect(bare.body.code).toBe('referralReasonRequired');
    const declined = await answer(fresh, {
      status: 'rejected',
      reason: 'Outside our area',
      capacity: 'no-capacity',
    });
    expect(declined.body).toMatchObject({
      status: 'rejected',
      statusReason: 'Outside our area',
      capacity: 'no-capacity',
    });
  });
});

describe('following up with a partner that has no account', () => {
  let id: string;
  beforeAll(async () => {
    // Casa Esperanza's account is disabled: the CHW records its answers again.
    const off = await call(h.app, 'PATCH', `/api/users/${partner2}`, {
      cookie: w.cookie.admin,
      body: { disabled: true },
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    id = String((await refer(ana, { serviceId: SHELTER, need: 'homelessness' })).body.id);
  });

  it('closes as unreachable only after the program’s number of attempts', async () => {
    const close = { status: 'failed', outcome: 'could-not-contact' };
    for (const result of ['no-answer', 'left-message']) {
      const logged = await call(h.app, 'POST', `/api/referrals/${id}/contact-attempts`, {
        cookie: w.cookie.chw,
        body: { result },
      });
      expect(logged.status).toBe(201);
    }
    const early = await move(id, close);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('referralTooFewAttempts');
    expect(String(early.body.title)).toContain('3');
    const third = await call(h.app, 'POST', `/api/referrals/${id}/contact-attempts`, {
      cookie: w.cookie.chw,
      body: { result: 'no-answer' },
    });
    expect(bodyAs<Referral>(third)).toMatchObject({ failedContactAttempts: 3, mayCloseUnreachable: true });
    const closed = await move(id, close);
    expect(closed.body).toMatchObject({ status: 'failed', outcome: 'could-not-contact' });
    const late = await call(h.app, 'POST', `/api/referrals/${id}/contact-attempts`, {
      cookie: w.cookie.chw,
      body: { result: 'reached' },
    });
    expect(late.status).toBe(409);
  });

  it('asks what happened when it did not work out', async () => {
    const other = String((await refer(ana, { serviceId: SHELTER, need: 'homelessness' })).body.id);
    expect((await move(other, { status: 'failed' })).body.code).toBe('referralOutcomeRequired');
    expect((await move(other, { status: 'cancelled' })).body.code).toBe('referralReasonRequired');
    expect((await move(other, { status: 'accepted' })).status).toBe(200);
  });
});

describe('follow-up and figures', () => {
  it('gives the CHW a follow-up task when a referral has had no news for the program’s days', async () => {
    const sent = await refer(ana, { serviceId: SHELTER, need: 'homelessness' });
    expect(sent.status).toBe(201);
    const id = String(sent.body.id);
    const later = new Date(Date.now() + 8 * 86_400_000);
    const made = await followUpQuietReferrals(h.db, later);
    expect(made).toBeGreaterThan(0);
    const tasks = await h.db.query<{ title: string }>('select title from task where referral_id = $1', [id]);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.title).toContain('7');
    // A second pass adds nothing while the task is open.
    await followUpQuietReferrals(h.db, later);
    expect(await h.db.query('select 1 from task where referral_id = $1', [id])).toHaveLength(1);
  });

  it('reports loop closure by need and by partner, without names', async () => {
    // The figures as counted, before small ones are hidden: this program is smaller than any threshold.
    const f = (await countedFigures(h, w.org, 'manager', {})).referrals;
    const rows = await h.db.query<{ status: string }>(
      "select status from referral where org_id = $1 and status <> 'entered-in-error'",
      [w.org.orgId],
    );
    expect(f.made).toBe(rows.length);
    const closed = rows.filter((r) =>
      ['rejected', 'completed', 'failed', 'cancelled'].includes(r.status),
    ).length;
    expect(f.closed).toBe(closed);
    expect(f.closureRate).toBeCloseTo(closed / rows.length);
    expect(f.gotHelp).toBe(1);
    expect(f.byPartner.map((p) => p.partnerName).sort()).toEqual(['Casa Esperanza', 'Red Comunitaria']);
    expect(f.byOutcome).toContainEqual({ outcome: 'could-not-contact', count: 1 });
  });

  it('publishes loop closure as the dashboard does: no count under the threshold, the view audited', async () => {
    const reply = await call(h.app, 'GET', '/api/referrals/figures', { cookie: w.cookie.manager });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const f = bodyAs<PublishedReferralFigures>(reply);
    expect(JSON.stringify(f)).not.toMatch(/Ana|Beto|Ruiz/);
    const counts = [
      f.made,
      f.closed,
      f.gotHelp,
      ...f.byOutcome.map((o) => o.count),
      ...f.byNeed.map((n) => n.made),
    ];
    for (const n of counts) expect(n === null || n === 0 || n >= f.smallCounts.threshold).toBe(true);
    expect(f.made).toBeNull();
    expect(f.smallCounts.suppressed).toContain(figureKey('referrals', 'made'));
    const [viewed] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from audit_event where action = 'report.viewed' and actor_id = $1",
      [w.org.ids[w.org.manager]],
    );
    expect(viewed?.n).toBeGreaterThan(0);
    expect((await call(h.app, 'GET', '/api/referrals/figures', { cookie: w.cookie.chw })).status).toBe(403);
    const backwards = await call(h.app, 'GET', '/api/referrals/figures?from=2026-05-01&to=2026-01-01', {
      cookie: w.cookie.manager,
    });
    expect(backwards.status).toBe(400);
  });
});
