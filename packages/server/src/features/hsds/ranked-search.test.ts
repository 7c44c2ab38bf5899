import type { DirectorySearchResponse } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { places, sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { importDirectory } from './import.js';
import { readJson } from './read-json.js';

const h = useApp();
let org: TestOrg;
let cookie: string;
beforeAll(async () => {
  org = await seedOrg(h.db, 'hsds-ranked');
  await importDirectory(h.db, org.orgId, readJson(sampleDirectory(), 'sample.json'));
  cookie = await signIn(h.app, org.admin, PASSWORD);
});

const hsdsIds = async (path: string, search: string) => {
  const reply = await call(h.app, 'GET', `${path}?search=${encodeURIComponent(search)}&per_page=50`, {
    cookie,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.contents as { id: string; service_id?: string }[];
};
/** The CHW search's services, best first (each place of the sample directory is one service's). */
const chwServiceIds = async (q: string) => {
  const reply = await call(h.app, 'GET', `/api/directory/search?q=${encodeURIComponent(q)}&limit=50`, {
    cookie,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return bodyAs<DirectorySearchResponse>(reply).results.map((r) => r.serviceId);
};
const nameOf = (id: string) => places[Number(id.slice(-3)) % 1000]?.name;

describe('HSDS ?search=', () => {
  it('puts the best match first, not the first id that matches', async () => {
    // The pantry comes first by id and answers "food"; the food bank answers "food" and "bank".
    const pantry = serviceId(places.findIndex((p) => p.name === 'Community Food Pantry'));
    const foodBank = serviceId(places.findIndex((p) => p.name === 'Youth Food Bank'));
    expect(pantry < foodBank).toBe(true);
    const ids = (await hsdsIds('/hsds/services', 'food bank')).map((s) => s.id);
    expect(ids).toContain(pantry);
    expect(ids[0], ids.map(nameOf).join(', ')).toBe(foodBank);
  });

  it.each([
    'food bank',
    'comida',
    'shelter housing',
    'trabajo',
    'counseling for families',
    'esperansa', // misspelt: found by its letters, as the CHW search finds it
  ])('ranks services for "%s" as the CHW search does', async (q) => {
    const chw = await chwServiceIds(q);
    expect(chw.length).toBeGreaterThan(0);
    expect((await hsdsIds('/hsds/services', q)).map((s) => s.id)).toEqual(chw);
    expect((await hsdsIds('/hsds/service_at_locations', q)).map((s) => s.service_id)).toEqual(chw);
  });

  it('without words to search by, lists every service in id order', async () => {
    const reply = await call(h.app, 'GET', '/hsds/services?per_page=50', { cookie });
    const ids = (reply.body.contents as { id: string }[]).map((s) => s.id);
    expect(ids).toEqual(places.map((_, i) => serviceId(i)));
  });
});
