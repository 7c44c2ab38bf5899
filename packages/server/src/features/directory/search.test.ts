import type { DirectoryFlag, DirectorySearchResponse } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';
import { places, sampleDirectory, serviceId } from './sample-directory.js';

const h = useApp();
let org: TestOrg;
let cookie: { chw: string; admin: string; otherChw: string };
beforeAll(async () => {
  org = await seedOrg(h.db, 'dir-search');
  const other = await seedOrg(h.db, 'dir-search-other');
  await importDirectory(h.db, org.orgId, readJson(sampleDirectory(), 'sample.json'));
  cookie = {
    chw: await signIn(h.app, org.chw, PASSWORD),
    admin: await signIn(h.app, org.admin, PASSWORD),
    otherChw: await signIn(h.app, other.chw, PASSWORD),
  };
});

// Monday 30 November 2026, 10:00 in Los Angeles (the program's default time zone).
const MONDAY_10AM = '2026-11-30T18:00:00Z';
const search = async (query: string, as = cookie.chw) => {
  const reply = await call(h.app, 'GET', `/api/directory/search?${query}`, { cookie: as });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return bodyAs<DirectorySearchResponse>(reply);
};
const name = (i: number) => places[i]?.name;

describe('finding help in English or Spanish', () => {
  it.each([
    ['comida', 0],
    ['despensa', 0],
    ['food pantry', 0],
    ['fod pantry', 0],
    ['Food Pantries', 0],
    ['luz', 2],
    ['ayuda con el recibo de luz', 2],
    ['trabajo', 3],
    ['clinica', 4],
    ['consejería', 5],
    ['counseling', 5],
    ['abogado', 6],
    ['transporte', 7],
    ['Casa Esperanza', 1],
    ['esperansa', 1],
  ])('"%s" finds %#', async (q, expected) => {
    const { results } = await search(`q=${encodeURIComponent(q)}`);
    expect(results.slice(0, 2).map((r) => r.name)).toContain(name(expected));
  });

  it('ranks both food services above everything else for "comida"', async () => {
    const { results } = await search('q=comida');
    expect(results.slice(0, 2).every((r) => r.needs.includes('food'))).toBe(true);
  });

  it.each([
    ['words', 'q=food%20pantry%20clinica%20luz%20empleo'],
    ['words near a point', 'q=food%20pantry%20clinica%20luz%20empleo&lat=36.74&lng=-119.79'],
    ['filters near a point', 'lat=36.74&lng=-119.79'],
  ])('pages through %s without repeating or skipping, counting all of them', async (_what, query) => {
    const all = await search(`${query}&limit=50`);
    expect(all.results.length).toBeGreaterThan(4);
    expect(all).toMatchObject({ total: all.results.length, totalAtLeast: false });
    const pages = await Promise.all(
      [0, 2, 4, 6, 8].map((offset) => search(`${query}&limit=2&offset=${offset}`)),
    );
    expect(pages.flatMap((p) => p.results.map((r) => r.id))).toEqual(
      all.results.slice(0, 10).map((r) => r.id),
    );
    expect(pages[0]?.total).toBe(all.total);
  });

  it('combines filters: food, in Spanish, open at a given time', async () => {
    const { results } = await search(`need=Food&language=es&openNow=true&at=${MONDAY_10AM}`);
    expect(results.map((r) => r.name)).toEqual([name(0)]);
    expect(results[0]).toMatchObject({
      openNow: true,
      languages: ['en', 'es'],
      phone: '559-555-0100',
      howToApply: 'Walk in or call.',
      cost: 'free',
      hours: expect.arrayContaining([{ day: 'MO', opens: '09:00', closes: '13:00' }]),
      lastVerifiedAt: '2020-01-15T12:00:00.000Z',
      stale: true,
    });
  });

  it('filters by postcode and distance, free cost and age, nearest first', async () => {
    const near = await search('postcode=93701&radiusKm=5&cost=free');
    expect(near.results.map((r) => r.name).sort()).toEqual([name(0), name(1), name(7)].sort());
    expect(near.results.every((r) => r.distanceKm !== null && r.distanceKm <= 5)).toBe(true);
    const rides = await search('need=transportation-insecurity&age=70&lat=36.74&lng=-119.79');
    expect(rides.results.map((r) => r.name)).toEqual([name(7)]);
    expect(rides.results[0]?.distanceKm).toBe(0);
    const teen = await search('q=food&age=15');
    expect(teen.results.map((r) => r.name)).toContain(name(8));
  });

  it('says open now from the schedule, overnight hours included', async () => {
    const morning = await search(`q=comida&at=${MONDAY_10AM}`);
    const open = Object.fromEntries(morning.results.map((r) => [r.name, r.openNow]));
    expect(open).toMatchObject({ [name(0) ?? '']: true, [name(8) ?? '']: false });
    const night = await search('q=shelter&openNow=true&at=2026-12-01T07:30:00Z');
    expect(night.results.map((r) => r.name)).toEqual([name(1)]);
  });
});

describe('keeping the directory true', () => {
  it('takes a CHW flag to the admins’ review queue with who flagged it', async () => {
    const flagged = await call(h.app, 'POST', `/api/directory/services/${serviceId(3)}/flags`, {
      cookie: cookie.chw,
      body: { reason: 'phone-not-working', note: 'Sonó ocupado tres días' },
    });
    expect(flagged.status).toBe(201);
    expect((await call(h.app, 'GET', '/api/directory/flags', { cookie: cookie.chw })).status).toBe(403);
    const queue = bodyAs<{ flags: DirectoryFlag[] }>(
      await call(h.app, 'GET', '/api/directory/flags', { cookie: cookie.admin }),
    );
    expect(queue.flags).toEqual([
      expect.objectContaining({
        serviceId: serviceId(3),
        serviceName: name(3),
        reason: 'phone-not-working',
        flaggedBy: org.ids[org.chw],
        resolvedAt: null,
      }),
    ]);
    expect((await search('q=trabajo')).results[0]?.openFlags).toBe(1);
    const id = queue.flags[0]?.id ?? '';
    const resolved = await call(h.app, 'POST', `/api/directory/flags/${id}/resolve`, {
      cookie: cookie.admin,
      body: { resolution: 'fixed' },
    });
    expect(resolved.status).toBe(204);
    expect(
      bodyAs<{ flags: DirectoryFlag[] }>(
        await call(h.app, 'GET', '/api/directory/flags', { cookie: cookie.admin }),
      ).flags,
    ).toEqual([]);
  });

  it('shows staff edits at once, and a verified entry is no longer stale', async () => {
    const edit = await call(h.app, 'PATCH', `/api/directory/services/${serviceId(4)}`, {
      cookie: cookie.admin,
      body: { name: 'Clínica del Pueblo Unido', application_process: 'Llame para una cita.' },
    });
    expect(edit.status).toBe(204);
    const verify = await call(h.app, 'POST', `/api/directory/services/${serviceId(4)}/verify`, {
      cookie: cookie.admin,
    });
    expect(verify.status).toBe(200);
    const [first] = (await search('q=pueblo unido')).results;
    expect(first).toMatchObject({
      name: 'Clínica del Pueblo Unido',
      howToApply: 'Llame para una cita.',
      stale: false,
    });
    const chwEdit = await call(h.app, 'PATCH', `/api/directory/services/${serviceId(4)}`, {
      cookie: cookie.chw,
      body: { name: 'x' },
    });
    expect(chwEdit.status).toBe(403);
  });
});

describe('another organization and bad input', () => {
  it('keeps one organization’s directory invisible to another', async () => {
    expect((await search('q=comida', cookie.otherChw)).total).toBe(0);
    const flag = await call(h.app, 'POST', `/api/directory/services/${serviceId(0)}/flags`, {
      cookie: cookie.otherChw,
      body: { reason: 'closed' },
    });
    expect(flag.status).toBe(404);
    expect(
      (await call(h.app, 'GET', `/hsds/services/${serviceId(0)}`, { cookie: cookie.otherChw })).status,
    ).toBe(404);
  });

  it.each([
    ['an unknown filter', 'colour=red', 'colour'],
    ['an unknown need', 'need=spaceships', 'need'],
    ['a latitude without a longitude', 'lat=36.7', 'lng'],
    ['a latitude of 200', 'lat=200&lng=10', 'lat'],
    ['a page size over 50', 'limit=500', 'limit'],
  ])('refuses %s, naming the field', async (_what, query, path) => {
    const reply = await call(h.app, 'GET', `/api/directory/search?${query}`, { cookie: cookie.chw });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toContainEqual(expect.objectContaining({ path }));
  });

  it('says plainly when a postcode is not in the directory', async () => {
    const reply = await call(h.app, 'GET', '/api/directory/search?postcode=00000', { cookie: cookie.chw });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'unknownPostcode', title: expect.stringContaining('00000') });
  });
});
