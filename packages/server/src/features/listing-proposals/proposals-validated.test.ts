import { type ListingProposal, ServiceForm, type ServiceFormView } from '@puente/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { homeDirectory } from '../../test/matrix-world.js';
import { serviceId } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';

// The proposed form is checked once, by the route; what comes back from the database (the
// listing as it is, a stored proposal) is checked again before it is used, and refused in words.

const h = useApp();
let org: TestOrg;
const cookie = { admin: '', partner: '' };
const own = serviceId(0);

const form = async () =>
  bodyAs<ServiceFormView>(
    await call(h.app, 'GET', `/api/directory/services/${own}/form`, { cookie: cookie.admin }),
  ).form;
const propose = (body: unknown) =>
  call(h.app, 'POST', '/api/listing-proposals', { cookie: cookie.partner, body });
const approve = (id: string) =>
  call(h.app, 'POST', `/api/listing-proposals/${id}/approve`, { cookie: cookie.admin });

beforeAll(async () => {
  org = await seedOrg(h.db, 'proposals-once');
  await importDirectory(h.db, org.orgId, readJson(homeDirectory(), 'home.json'));
  cookie.admin = await signIn(h.app, org.admin, PASSWORD);
  cookie.partner = await signIn(h.app, org.partner, PASSWORD);
  const linked = await call(h.app, 'PUT', `/api/partners/${org.ids[org.partner]}/services`, {
    cookie: cookie.admin,
    body: { serviceIds: [own] },
  });
  expect(linked.status).toBe(200);
});

afterEach(() => vi.restoreAllMocks());

describe('a proposal’s form, checked once and its stored copy checked again', () => {
  it('the route’s validated form flows through: the service does not parse the proposed values again', async () => {
    const seen: unknown[] = [];
    const parse = ServiceForm.parse.bind(ServiceForm);
    const safeParse = ServiceForm.safeParse.bind(ServiceForm);
    vi.spyOn(ServiceForm, 'parse').mockImplementation((value, params) => {
      seen.push(value);
      return parse(value, params);
    });
    vi.spyOn(ServiceForm, 'safeParse').mockImplementation((value, params) => {
      seen.push(value);
      return safeParse(value, params);
    });
    const proposedName = 'Despensa del Barrio (nuevo nombre)';
    const sent = await propose({ serviceId: own, form: { ...(await form()), name: `  ${proposedName}  ` } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    // The route trimmed it; the service kept that value as it came.
    const made = bodyAs<ListingProposal>(sent);
    expect(made.changes).toContainEqual(expect.objectContaining({ field: 'name', after: proposedName }));
    // The route's check was the only one: the service parsed nothing of it again.
    expect(seen).toEqual([]);
    await call(h.app, 'POST', `/api/listing-proposals/${made.id}/decline`, {
      cookie: cookie.admin,
      body: {},
    });
  });

  it('a stored proposal that no longer passes the form is refused at approval, field by field, and nothing is written', async () => {
    const before = await form();
    const sent = await propose({ serviceId: own, form: { ...before, phone: '(512) 555-0142' } });
    expect(sent.status).toBe(201);
    const { id } = bodyAs<ListingProposal>(sent);
    // Its stored copy changed behind the form's back (a rule tightened since, a hand edit).
    await h.db.query(
      `update listing_proposal set after = jsonb_build_object('name', repeat('x', 300)) where id = $1`,
      [id],
    );
    const refused = await approve(id);
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ errors: [expect.objectContaining({ path: 'name' })] });
    expect(await form()).toEqual(before);
  });
});
