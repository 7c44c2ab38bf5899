import type { PartnerReferral, ReferralDetail } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { ORG_ID } from '../directory/sample-directory.js';
import { ORG2, PARTNER2_EMAIL, useReferralWorld } from './testing.js';

// The closed loop: a partner that answers in Puente sees the minimum, moves the referral, and the CHW hears.
const { h, w, refer, move, answer, link } = useReferralWorld();

describe('the closed loop with a partner that has an account', () => {
  let id: string;
  beforeAll(async () => {
    expect((await link(w.org.ids[w.org.partner] as string, ORG_ID)).status).toBe(200);
    expect((await link(w.partner2, ORG2)).status).toBe(200);
    const reply = await refer(w.ana, { shares: ['phone'], reason: 'Necesita despensa esta semana' });
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
    const quiet = await refer(w.ana, { shares: ['phone'], doNotContact: true });
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
    const other = await signIn(h.app, PARTNER2_EMAIL, PASSWORD);
    const inbox = bodyAs<{ referrals: PartnerReferral[] }>(
      await call(h.app, 'GET', '/api/partner/referrals?state=all', { cookie: other }),
    ).referrals;
    expect(inbox.map((r) => r.id)).not.toContain(id);
    expect((await call(h.app, 'GET', `/api/partner/referrals/${id}`, { cookie: other })).status).toBe(404);
    expect((await answer(id, { status: 'accepted' }, other)).status).toBe(404);
    // Nor the person's record, by any route.
    expect((await call(h.app, 'GET', `/api/clients/${w.ana}`, { cookie: w.cookie.partner })).status).toBe(
      403,
    );
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
    const fresh = String((await refer(w.beto)).body.id);
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
