import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { call, signIn } from '../../test/http.js';
import { sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { importDirectory } from './import.js';
import { readJson } from './read-json.js';

const h = useApp();
let org: TestOrg;
let cookie: { admin: string; partner: string };
beforeAll(async () => {
  org = await seedOrg(h.db, 'dir-hsds');
  await importDirectory(h.db, org.orgId, readJson(sampleDirectory(), 'sample.json'));
  const example = JSON.parse(
    await readFile(new URL('./fixtures/examples/service_full.json', import.meta.url), 'utf8'),
  );
  await importDirectory(h.db, org.orgId, readJson(example, 'service_full.json'));
  cookie = {
    admin: await signIn(h.app, org.admin, PASSWORD),
    partner: await signIn(h.app, org.partner, PASSWORD),
  };
});

// The official compiled list schemas, to check /hsds/ answers item by item.
const ajv = new Ajv({ strict: false, allErrors: true });
(addFormatsPlugin as unknown as { default: (a: Ajv) => Ajv }).default(ajv);
const compiled = async (name: string) =>
  ajv.compile(JSON.parse(await readFile(new URL(`./spec/compiled/${name}.json`, import.meta.url), 'utf8')));

describe('the HSDS 3.0 API', () => {
  it('answers the root document and pages services with every paging field', async () => {
    const root = await call(h.app, 'GET', '/hsds/', { cookie: cookie.partner });
    expect(root.body).toMatchObject({ version: '3.0', openapi_url: expect.stringContaining('openapi.json') });
    const first = await call(h.app, 'GET', '/hsds/services?per_page=4', { cookie: cookie.partner });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      total_items: 10,
      total_pages: 3,
      page_number: 1,
      size: 4,
      first_page: true,
      last_page: false,
      empty: false,
    });
    const last = await call(h.app, 'GET', '/hsds/services?per_page=4&page=3', { cookie: cookie.partner });
    expect(last.body).toMatchObject({
      page_number: 3,
      size: 2,
      first_page: false,
      last_page: true,
      empty: false,
    });
    const beyond = await call(h.app, 'GET', '/hsds/services?per_page=4&page=9', { cookie: cookie.partner });
    expect(beyond.body).toMatchObject({ size: 0, empty: true, contents: [] });
    const validate = await compiled('service_list');
    for (const item of first.body.contents as unknown[])
      expect(validate(item), JSON.stringify(validate.errors)).toBe(true);
  });

  it('finds services by search and taxonomy term, and nests one service whole', async () => {
    const found = await call(h.app, 'GET', '/hsds/services?search=despensa', { cookie: cookie.admin });
    expect((found.body.contents as { id: string }[]).map((s) => s.id)).toContain(serviceId(0));
    const full = await call(h.app, 'GET', '/hsds/services/ac148810-d857-441c-9679-408f346de14b', {
      cookie: cookie.admin,
    });
    expect(full.body).toMatchObject({
      name: 'Community Counselling',
      organization: { name: 'Example Organization Inc.' },
      service_at_locations: [
        expect.objectContaining({ location: expect.objectContaining({ name: 'MyCity Civic Center' }) }),
      ],
      attributes: [
        expect.objectContaining({
          taxonomy_term: expect.objectContaining({ id: '3f7b145d-84af-42d7-8fae-eaca714b02b2' }),
        }),
      ],
    });
  });

  it('lists services at locations by postcode and proximity, and organizations and taxonomy terms', async () => {
    const near = await call(h.app, 'GET', '/hsds/service_at_locations?postcode=93701&proximity=3', {
      cookie: cookie.admin,
    });
    expect(near.body.total_items).toBe(4);
    const validate = await compiled('service_at_location_list');
    for (const item of near.body.contents as unknown[])
      expect(validate(item), JSON.stringify(validate.errors)).toBe(true);
    const orgs = await call(h.app, 'GET', '/hsds/organizations', { cookie: cookie.admin });
    expect(orgs.body.total_items).toBe(2);
    const terms = await call(h.app, 'GET', '/hsds/taxonomy_terms?top_only=true', { cookie: cookie.admin });
    expect((terms.body.contents as { name: string }[]).map((t) => t.name).sort()).toEqual([
      'Food',
      'utility-insecurity',
    ]);
  });

  it('refuses page 0, unknown parameters and ndjson with a clear 400', async () => {
    for (const q of ['page=0', 'per_page=1000', 'colour=red', 'format=ndjson']) {
      const reply = await call(h.app, 'GET', `/hsds/services?${q}`, { cookie: cookie.admin });
      expect(reply.status, q).toBe(400);
      expect(reply.body.errors, q).toHaveLength(1);
    }
  });

  it('needs a sign-in unless the organization made its directory public under a slug', async () => {
    expect((await call(h.app, 'GET', '/hsds/services')).status).toBe(401);
    expect((await call(h.app, 'GET', '/hsds/o/red-comunitaria/services')).status).toBe(404);
    const saved = await call(h.app, 'PUT', '/api/directory/settings', {
      cookie: cookie.admin,
      body: { hsdsPublic: true, publicSlug: 'red-comunitaria', staleAfterMonths: 6 },
    });
    expect(saved.status).toBe(200);
    const open = await call(h.app, 'GET', '/hsds/o/red-comunitaria/services?per_page=1');
    expect(open.body).toMatchObject({ total_items: 10, size: 1 });
    expect((await call(h.app, 'GET', '/hsds/o/someone-else/services')).status).toBe(404);
    const other = await seedOrg(h.db, 'dir-hsds-other');
    const otherAdmin = await signIn(h.app, other.admin, PASSWORD);
    const taken = await call(h.app, 'PUT', '/api/directory/settings', {
      cookie: otherAdmin,
      body: { hsdsPublic: true, publicSlug: 'red-comunitaria', staleAfterMonths: 12 },
    });
    expect(taken.status).toBe(409);
  });
});
