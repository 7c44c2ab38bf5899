import { figureKey, type PublishedReferralFigures, type Referral } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bodyAs, call } from '../../test/http.js';
import { countedFigures } from '../reports/testing.js';
import { followUpQuietReferrals } from './follow-up.js';
import { ORG2, SHELTER, useReferralWorld } from './testing.js';

// When a partner has no account the CHW records its answers and chases it; the
// quiet ones become tasks, and loop closure is counted without names.
const { h, w, refer, move, link } = useReferralWorld();

describe('following up with a partner that has no account', () => {
  let id: string;
  beforeAll(async () => {
    // Casa Esperanza had an account (partner-loop.test.ts), now disabled: the CHW records its answers again.
    expect((await link(w.partner2, ORG2)).status).toBe(200);
    const off = await call(h.app, 'PATCH', `/api/users/${w.partner2}`, {
      cookie: w.cookie.admin,
      body: { disabled: true },
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    id = String((await refer(w.ana, { serviceId: SHELTER, need: 'homelessness' })).body.id);
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
    const other = String((await refer(w.ana, { serviceId: SHELTER, need: 'homelessness' })).body.id);
    expect((await move(other, { status: 'failed' })).body.code).toBe('referralOutcomeRequired');
    expect((await move(other, { status: 'cancelled' })).body.code).toBe('referralReasonRequired');
    expect((await move(other, { status: 'accepted' })).status).toBe(200);
  });
});

describe('follow-up and figures', () => {
  beforeAll(async () => {
    // One loop closed with help, as the CHW records for a pantry with no account: the figures count it.
    const food = String((await refer(w.beto)).body.id);
    expect((await move(food, { status: 'accepted' })).status).toBe(200);
    const done = await move(food, { status: 'completed', result: 'Groceries for the month' });
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'got-help' });
  });

  it('gives the CHW a follow-up task when a referral has had no news for the program’s days', async () => {
    const sent = await refer(w.ana, { serviceId: SHELTER, need: 'homelessness' });
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
