import type { Referral } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { register } from '../../test/caseload.js';
import { bodyAs, call } from '../../test/http.js';
import { SHELTER, useReferralWorld } from './testing.js';

// Making a referral: consent, the directory, scope and offline retries. The
// partner's side is in partner-loop.test.ts, follow-up and figures in follow-up.test.ts.
const { h, w, consent, refer, move, referralCount } = useReferralWorld();

describe('making a referral', () => {
  it('refers from a need to a service once the person consented to share with it', async () => {
    const reply = await refer(w.ana, { urgency: 'urgent', shares: ['phone'] });
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
    const reply = await refer(w.beto, { serviceId: SHELTER, need: 'homelessness' });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('noShareConsent');
    expect(String(reply.body.title)).toContain('Casa Esperanza');
    expect(await referralCount()).toBe(before);
  });

  it('refuses a service that is not in the directory, and a goal of someone else', async () => {
    expect((await refer(w.ana, { serviceId: 'no-such-service' })).body.code).toBe('referralServiceNotFound');
    const goal = await call(h.app, 'POST', `/api/clients/${w.beto}/goals`, {
      cookie: w.cookie.chw,
      body: { text: 'Comer bien', needArea: 'food-insecurity' },
    });
    expect(goal.status, JSON.stringify(goal.body)).toBe(201);
    const reply = await refer(w.ana, { goalId: goal.body.id });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('goalNotFound');
  });

  it('makes an offline retry of the same referral once', async () => {
    const id = '01900000-0000-7000-8000-00000000beef';
    const before = await referralCount();
    expect((await refer(w.beto, { id })).status).toBe(201);
    expect((await refer(w.beto, { id })).status).toBe(201);
    expect(await referralCount()).toBe(before + 1);
    expect((await refer(w.ana, { id })).status).toBe(409);
  });

  it('keeps people outside the caller’s caseload out of reach', async () => {
    expect((await refer(w.ana, {}, w.cookie.chw2)).status).toBe(404);
    expect((await refer(w.ana, {}, w.cookie.manager)).status).toBe(403);
    expect((await refer(w.ana, {}, w.cookie.partner)).status).toBe(403);
    const [mine] = bodyAs<{ referrals: Referral[] }>(
      await call(h.app, 'GET', `/api/clients/${w.ana}/referrals`, { cookie: w.cookie.chw }),
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
