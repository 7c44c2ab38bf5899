import type { ListingProposal, MyListings, ServiceFormView } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { homeDirectory } from '../../test/matrix-world.js';
import { sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';

// Partners propose edits to their own listings; an admin approves (through the admin's own form)
// or declines them, on a real database, with another program's ids and a race of two admins.

const h = useApp();
let org: TestOrg;
let other: TestOrg;
const cookie = { admin: '', partner: '', chw: '', otherAdmin: '', otherPartner: '' };
/** The partner's own listing, one run by another organization, and one of its network it is not linked to. */
const own = serviceId(0);
const shelter = serviceId(1);
const sameNetwork = serviceId(2);

const form = async (id: string) =>
  bodyAs<ServiceFormView>(
    await call(h.app, 'GET', `/api/directory/services/${id}/form`, { cookie: cookie.admin }),
  ).form;
const propose = (body: unknown, as = cookie.partner) =>
  call(h.app, 'POST', '/api/listing-proposals', { cookie: as, body });

beforeAll(async () => {
  org = await seedOrg(h.db, 'proposals');
  other = await seedOrg(h.db, 'proposals-other');
  await importDirectory(h.db, org.orgId, readJson(homeDirectory(), 'home.json'));
  // The same ids in another program: an id alone must never reach across.
  await importDirectory(h.db, other.orgId, readJson(sampleDirectory(), 'other.json'));
  cookie.admin = await signIn(h.app, org.admin, PASSWORD);
  cookie.partner = await signIn(h.app, org.partner, PASSWORD);
  cookie.chw = await signIn(h.app, org.chw, PASSWORD);
  cookie.otherAdmin = await signIn(h.app, other.admin, PASSWORD);
  cookie.otherPartner = await signIn(h.app, other.partner, PASSWORD);
  // Linked to the pantry alone: the network's other services (same directory organization) are not its own.
  const linked = await call(h.app, 'PUT', `/api/partners/${org.ids[org.partner]}/services`, {
    cookie: cookie.admin,
    body: { serviceIds: [own] },
  });
  expect(linked.status).toBe(200);
});

describe('a partner proposing edits to its own listings', () => {
  it('lists only its own organization’s listings, and nothing before it proposes', async () => {
    const mine = bodyAs<MyListings>(
      await call(h.app, 'GET', '/api/listing-proposals/mine', { cookie: cookie.partner }),
    );
    const ids = mine.services.map((s) => s.id);
    expect(ids).toEqual([own]);
    expect(mine.proposals).toEqual([]);
    // Another program's partner, linked to nothing, has no listing at all.
    const theirs = bodyAs<MyListings>(
      await call(h.app, 'GET', '/api/listing-proposals/mine', { cookie: cookie.otherPartner }),
    );
    expect(theirs).toEqual({ services: [], proposals: [] });
  });

  it('answers another organization’s listing, another program’s and a made-up one as not found', async () => {
    const now = await form(own);
    // Both are in the program's directory: the 404 is the partner's scope, not a missing service.
    expect((await form(shelter)).name).not.toBe('');
    expect((await form(sameNetwork)).name).not.toBe('');
    for (const id of [shelter, sameNetwork, 'no-such-service']) {
      const read = await call(h.app, 'GET', `/api/listing-proposals/services/${id}/form`, {
        cookie: cookie.partner,
      });
      expect(read.status, id).toBe(404);
      const sent = await propose({ serviceId: id, form: { ...now, phone: '(512) 555-0199' } });
      expect(sent.status, id).toBe(404);
      expect(sent.headers.get('content-type')).toContain('application/problem+json');
    }
    // The other program has a service with the same id; its partner answers for none of it.
    const foreign = await propose(
      { serviceId: own, form: { ...now, phone: '(512) 555-0199' } },
      cookie.otherPartner,
    );
    expect(foreign.status).toBe(404);
    const chw = await propose({ serviceId: own, form: now }, cookie.chw);
    expect(chw.status).toBe(403);
    const count = await h.db.query('select 1 from listing_proposal where org_id in ($1, $2)', [
      org.orgId,
      other.orgId,
    ]);
    expect(count).toHaveLength(0);
  });

  it('refuses a proposal that changes nothing, in the partner’s language, and one the form would refuse, by field', async () => {
    const view = bodyAs<ServiceFormView>(
      await call(h.app, 'GET', `/api/listing-proposals/services/${own}/form`, { cookie: cookie.partner }),
    );
    expect(view.form).toEqual(await form(own));
    await call(h.app, 'PUT', '/api/me/preferences', { cookie: cookie.partner, body: { locale: 'es' } });
    const same = await propose({ serviceId: own, form: view.form });
    expect(same.status).toBe(422);
    expect(same.body.code).toBe('proposalNoChanges');
    expect(same.body.title).toBe('No cambió nada: cambie al menos un campo antes de enviar.');
    await call(h.app, 'PUT', '/api/me/preferences', { cookie: cookie.partner, body: { locale: 'en' } });

    const wrong = await propose({
      serviceId: own,
      form: { ...view.form, phone: '12', hours: 'cuando se pueda' },
    });
    expect(wrong.status).toBe(422);
    expect((wrong.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['hours', 'phone']);
    const nul = await propose({ serviceId: own, form: { ...view.form, name: 'Despensa\u0000' } });
    expect(nul.status).toBeGreaterThanOrEqual(400);
    expect(nul.status).toBeLessThan(500);
    const huge = await propose({ serviceId: own, form: { ...view.form, description: 'x'.repeat(5000) } });
    expect(huge.status).toBe(400);
  });
});

describe('an admin deciding proposals', () => {
  it('shows each changed field before and after, applies it through the admin’s form, and records who did what', async () => {
    const before = await form(own);
    const sent = await propose({
      serviceId: own,
      form: { ...before, phone: '(512) 555-0142', cost: 'Free for everyone' },
    });
    expect(sent.status).toBe(201);
    const proposal = bodyAs<ListingProposal>(sent);
    expect(proposal).toMatchObject({ status: 'pending', serviceId: own, reason: null, decidedAt: null });
    expect(proposal.changes).toEqual([
      { field: 'phone', before: before.phone, after: '(512) 555-0142' },
      { field: 'cost', before: before.cost, after: 'Free for everyone' },
    ]);
    // Nothing changes in the directory until an admin approves.
    expect((await form(own)).phone).toBe(before.phone);

    const queue = await call(h.app, 'GET', '/api/listing-proposals', { cookie: cookie.admin });
    expect(bodyAs<{ proposals: ListingProposal[] }>(queue).proposals.map((p) => p.id)).toEqual([proposal.id]);
    const theirQueue = await call(h.app, 'GET', '/api/listing-proposals', { cookie: cookie.otherAdmin });
    expect(bodyAs<{ proposals: ListingProposal[] }>(theirQueue).proposals).toEqual([]);
    const theirs = await call(h.app, 'POST', `/api/listing-proposals/${proposal.id}/approve`, {
      cookie: cookie.otherAdmin,
    });
    expect(theirs.status).toBe(404);
    const byPartner = await call(h.app, 'POST', `/api/listing-proposals/${proposal.id}/approve`, {
      cookie: cookie.partner,
    });
    expect(byPartner.status).toBe(403);

    // Two admins approving at once: one applies it, the other is told it was already decided.
    const both = await Promise.all(
      [1, 2].map(() =>
        call(h.app, 'POST', `/api/listing-proposals/${proposal.id}/approve`, { cookie: cookie.admin }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = await form(own);
    expect(after).toEqual({ ...before, phone: '(512) 555-0142', cost: 'Free for everyone' });

    const audited = await h.db.query<{ action: string; actor_role: string }>(
      `select action, actor_role from audit_event where org_id = $1 and subject_id = $2 order by action`,
      [org.orgId, own],
    );
    expect(audited).toEqual([
      { action: 'directory.proposal-approved', actor_role: 'admin' },
      { action: 'directory.proposal-made', actor_role: 'partner' },
      { action: 'directory.service-edited', actor_role: 'admin' },
    ]);
    const mine = bodyAs<MyListings>(
      await call(h.app, 'GET', '/api/listing-proposals/mine', { cookie: cookie.partner }),
    );
    expect(mine.proposals[0]).toMatchObject({ id: proposal.id, status: 'approved' });
  });

  it('declines with a reason the partner reads, and a decided proposal cannot be decided again', async () => {
    const now = await form(own);
    const sent = bodyAs<ListingProposal>(
      await propose({ serviceId: own, form: { ...now, hours: 'Mon-Fri 8am-4pm' } }),
    );
    const declined = await call(h.app, 'POST', `/api/listing-proposals/${sent.id}/decline`, {
      cookie: cookie.admin,
      body: { reason: 'Call us to confirm the new hours first.' },
    });
    expect(declined.status).toBe(200);
    expect(await form(own)).toEqual(now);
    const mine = bodyAs<MyListings>(
      await call(h.app, 'GET', '/api/listing-proposals/mine', { cookie: cookie.partner }),
    );
    expect(mine.proposals[0]).toMatchObject({
      id: sent.id,
      status: 'declined',
      reason: 'Call us to confirm the new hours first.',
    });
    expect(mine.proposals[0]?.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    for (const action of ['approve', 'decline']) {
      const again = await call(h.app, 'POST', `/api/listing-proposals/${sent.id}/${action}`, {
        cookie: cookie.admin,
        body: {},
      });
      expect(again.status, action).toBe(409);
    }
    const pending = await call(h.app, 'GET', '/api/listing-proposals', { cookie: cookie.admin });
    expect(bodyAs<{ proposals: ListingProposal[] }>(pending).proposals).toEqual([]);
    const all = await call(h.app, 'GET', '/api/listing-proposals?status=all', { cookie: cookie.admin });
    expect(bodyAs<{ proposals: ListingProposal[] }>(all).proposals).toHaveLength(2);
    const tooLong = await call(h.app, 'POST', `/api/listing-proposals/${sent.id}/decline`, {
      cookie: cookie.admin,
      body: { reason: 'x'.repeat(501) },
    });
    expect(tooLong.status).toBe(400);
  });

  it('keeps a partner from flooding the queue: at most 20 wait at once, even sent all at once', async () => {
    const now = await form(own);
    const sent = await Promise.all(
      Array.from({ length: 24 }, (_, i) => propose({ serviceId: own, form: { ...now, cost: `Cost ${i}` } })),
    );
    expect(sent.filter((r) => r.status === 201)).toHaveLength(20);
    const refused = sent.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.body.code)).toEqual(Array(4).fill('proposalsWaiting'));
    const pending = await call(h.app, 'GET', '/api/listing-proposals', { cookie: cookie.admin });
    expect(bodyAs<{ proposals: ListingProposal[] }>(pending).proposals).toHaveLength(20);
  });
});
