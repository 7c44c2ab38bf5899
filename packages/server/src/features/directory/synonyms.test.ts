import type { DirectorySearchResponse, DirectorySlice, DirectorySynonym } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { directoryConceptsBackfill } from '../../db/backfills/0034_directory_synonyms.js';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';
import { places, sampleDirectory, serviceId } from './sample-directory.js';

const h = useApp();
let org: TestOrg;
let other: TestOrg;
let cookie: { admin: string; chw: string; otherAdmin: string; otherChw: string };
beforeAll(async () => {
  org = await seedOrg(h.db, 'dir-synonyms');
  other = await seedOrg(h.db, 'dir-synonyms-other');
  await importDirectory(h.db, org.orgId, readJson(sampleDirectory(), 'sample.json'));
  await importDirectory(h.db, other.orgId, readJson(sampleDirectory(), 'sample.json'));
  cookie = {
    admin: await signIn(h.app, org.admin, PASSWORD),
    chw: await signIn(h.app, org.chw, PASSWORD),
    otherAdmin: await signIn(h.app, other.admin, PASSWORD),
    otherChw: await signIn(h.app, other.chw, PASSWORD),
  };
});

const counseling = serviceId(places.findIndex((p) => p.name === 'Consejería Familiar'));
const search = async (q: string, as: string) => {
  const reply = await call(h.app, 'GET', `/api/directory/search?q=${encodeURIComponent(q)}&limit=5`, {
    cookie: as,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return bodyAs<DirectorySearchResponse>(reply).results.map((r) => r.serviceId);
};
const hsds = async (q: string, as: string) => {
  const reply = await call(h.app, 'GET', `/hsds/services?search=${encodeURIComponent(q)}&per_page=5`, {
    cookie: as,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return (reply.body.contents as { id: string }[]).map((s) => s.id);
};
const add = (body: unknown, as = cookie.admin) =>
  call(h.app, 'POST', '/api/directory/synonyms', { cookie: as, body });

describe('a program’s own search words', () => {
  let added: DirectorySynonym;

  it('are searched as what they mean once an admin adds one, by the CHW search and the HSDS API alike', async () => {
    // The county's behavioural health department, as CHWs there call it.
    expect(await search('DBH', cookie.chw)).not.toContain(counseling);
    const reply = await add({ term: 'DBH', means: 'counseling' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    added = bodyAs<DirectorySynonym>(reply);
    expect(added).toMatchObject({ term: 'DBH', means: 'counseling' });
    expect((await search('dbh', cookie.chw))[0]).toBe(counseling);
    expect((await hsds('dbh', cookie.chw))[0]).toBe(counseling);
    const list = await call(h.app, 'GET', '/api/directory/synonyms', { cookie: cookie.admin });
    expect(list.status).toBe(200);
    expect((list.body.synonyms as DirectorySynonym[]).map((s) => s.term)).toEqual(['DBH']);
  });

  it('go to the phone with its copy of the directory, and change its version', async () => {
    const reply = await call(h.app, 'GET', '/api/sync/directory', { cookie: cookie.chw });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const slice = bodyAs<DirectorySlice>(reply);
    expect(slice.synonyms).toEqual([{ term: 'DBH', means: 'counseling' }]);
    const theirs = await call(h.app, 'GET', '/api/sync/directory', { cookie: cookie.otherChw });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    const otherSlice = bodyAs<DirectorySlice>(theirs);
    expect(otherSlice.synonyms).toEqual([]);
    expect(otherSlice.version).not.toBe(slice.version);
  });

  it('are the program’s own: another program’s search does not use them, nor can its admin remove them', async () => {
    const theirs = await call(h.app, 'GET', '/api/directory/synonyms', { cookie: cookie.otherAdmin });
    expect(theirs.body.synonyms).toEqual([]);
    expect(await search('dbh', cookie.otherAdmin)).not.toContain(counseling);
    const removed = await call(h.app, 'DELETE', `/api/directory/synonyms/${added.id}`, {
      cookie: cookie.otherAdmin,
    });
    expect(removed.status).toBe(404);
    expect(removed.headers.get('content-type')).toContain('application/problem+json');
  });

  it('are kept by admins only', async () => {
    expect((await add({ term: 'la pulga', means: 'thrift store' }, cookie.chw)).status).toBe(403);
    expect((await call(h.app, 'GET', '/api/directory/synonyms', { cookie: cookie.chw })).status).toBe(403);
    expect(
      (await call(h.app, 'DELETE', `/api/directory/synonyms/${added.id}`, { cookie: cookie.chw })).status,
    ).toBe(403);
  });

  it.each([
    ['a term of small words only', { term: 'de la', means: 'food' }, 422, 'synonymNoWords'],
    ['a meaning of small words only', { term: 'la pulga', means: 'the' }, 422, 'synonymNoWords'],
    ['a term it already has, however spelt', { term: 'dbh', means: 'clinic' }, 409, 'synonymExists'],
    ['an empty term', { term: ' ', means: 'food' }, 400, undefined],
    ['an unknown field', { term: 'la pulga', means: 'thrift store', need: 'goods' }, 400, undefined],
    ['a term too long', { term: 'x'.repeat(81), means: 'food' }, 400, undefined],
  ])('refuses %s with a message, adding nothing', async (_, body, status, code) => {
    const reply = await add(body);
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    if (code) expect(reply.body.code).toBe(code);
    const list = await call(h.app, 'GET', '/api/directory/synonyms', { cookie: cookie.admin });
    expect((list.body.synonyms as DirectorySynonym[]).map((s) => s.term)).toEqual(['DBH']);
  });

  it('are audited when added and removed, and stop counting once removed', async () => {
    const removed = await call(h.app, 'DELETE', `/api/directory/synonyms/${added.id}`, {
      cookie: cookie.admin,
    });
    expect(removed.status).toBe(204);
    expect(await search('dbh', cookie.chw)).not.toContain(counseling);
    const again = await call(h.app, 'DELETE', `/api/directory/synonyms/${added.id}`, {
      cookie: cookie.admin,
    });
    expect(again.status).toBe(404);
    const audit = await h.db.query<{ action: string }>(
      `select action from audit_event where org_id = $1 and subject_id = $2 order by at, action`,
      [org.orgId, added.id],
    );
    expect(audit.map((a) => a.action).sort()).toEqual([
      'directory.synonym-added',
      'directory.synonym-removed',
    ]);
  });
});

describe('the back-fill of migration 0034', () => {
  it('rebuilds entries indexed before the lexicon so they hold its concepts', async () => {
    const pantry = serviceId(places.findIndex((p) => p.name === 'Community Food Pantry'));
    const lexemes = async () =>
      (
        await h.db.query<{ l: string[] }>(
          'select tsvector_to_array(document) as l from directory_entry where org_id = $1 and service_id = $2',
          [org.orgId, pantry],
        )
      )[0]?.l ?? [];
    // As indexed before: stems and needs only.
    await h.db.query(
      `update directory_entry set document = array_to_tsvector(array['community', 'food', 'pantry', 'need_food'])
        where org_id = $1`,
      [org.orgId],
    );
    expect(await lexemes()).not.toContain('c_food_pantry');
    let cursor: string | null = null;
    let batches = 0;
    do {
      cursor = await h.db.transaction((tx) => directoryConceptsBackfill.batch(tx, cursor, 3));
      batches++;
    } while (cursor !== null && batches < 100);
    expect(cursor).toBeNull();
    expect(batches).toBeGreaterThan(1);
    expect(await lexemes()).toContain('c_food_pantry');
    expect(await lexemes()).toContain('need_food');
  });
});
