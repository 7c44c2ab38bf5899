import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type PullResponse, phq9, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { programToday } from '../../test/dates.js';
import { call } from '../../test/http.js';
import { sampleDirectory } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';
import { byPoints } from '../screenings/testing.js';
import { entitiesInOrder, rowsJson, rowsOf, wholeRecordsJson } from './rows.js';
import {
  consent,
  device,
  mutation,
  pullAll,
  pushBatch,
  referral,
  type TestDevice,
  visit,
} from './testing.js';

// Two places, as a small server would have.
const h = useApp({ syncInitialPullsAtOnce: 2 });
let w: CaseloadWorld;
beforeAll(async () => {
  w = await caseloadWorld(h, 'initial');
  for (const name of ['Ana', 'Berta', 'Carmen']) await register(h, w.cookie.chw, { givenName: name });
});

/** An initial pull's answer, not read yet: the place it took stays taken until its body is. */
async function startPull(d: TestDevice, headers: Record<string, string> = {}, signal?: AbortSignal) {
  const query = new URLSearchParams({ device: d.id, limit: '5000' });
  if (d.cursor) query.set('cursor', d.cursor);
  return h.app.request(`/api/sync/pull?${query}`, {
    headers: { cookie: d.cookie, 'accept-language': 'es', ...headers },
    ...(signal ? { signal } : {}),
  });
}

async function readPage(response: Response, d: TestDevice): Promise<PullResponse> {
  const page = (await response.json()) as PullResponse;
  d.cursor = page.cursor;
  return page;
}

/** K + 1 new phones at once: the statuses, with the bodies left unread. */
async function manyAtOnce(n: number) {
  const phones = Array.from({ length: n }, () => device(w.cookie.chw));
  const answers = await Promise.all(phones.map((p) => startPull(p)));
  return { phones, answers };
}

const sorted = (list: number[]) => [...list].sort((a, b) => a - b);

describe('initial pulls at once', () => {
  it('serves K at once and tells the rest, in the caller’s language, when to come back; a pull of changes goes ahead', async () => {
    // A phone that already holds its caseload, pulling changes while the places are taken.
    const known = device(w.cookie.chw);
    await pullAll(h, known);

    const { phones, answers } = await manyAtOnce(3);
    expect(sorted(answers.map((a) => a.status))).toEqual([200, 200, 503]);
    const refused = answers.find((a) => a.status === 503) as Response;
    const seconds = Number(refused.headers.get('retry-after'));
    expect(seconds).toBeGreaterThanOrEqual(5);
    expect(seconds).toBeLessThanOrEqual(15);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await refused.json()) as { code: string; title: string; retryAfterSeconds: number };
    expect(problem.code).toBe('syncBusy');
    expect(problem.retryAfterSeconds).toBe(seconds);
    expect(problem.title).toContain(`${seconds} segundos`);

    await pushBatch(h, known, [visit((await register(h, w.cookie.chw, { givenName: 'Dora' })).id)]);
    const changes = await startPull(known);
    expect(changes.status).toBe(200);
    expect((await readPage(changes, known)).rows.length).toBeGreaterThan(0);

    // The refused phone changed nothing: it comes back later and starts as new.
    for (const [i, answer] of answers.entries())
      if (answer.status === 200) await readPage(answer, phones[i] as TestDevice);
    const waited = phones[answers.indexOf(refused)] as TestDevice;
    const again = await startPull(waited);
    expect(again.status).toBe(200);
    const page = await readPage(again, waited);
    expect(page.reset).toBe(true);
    expect(page.rows.some((r) => r.entity === 'client')).toBe(true);
  });

  it('gives a place back when the answer is read, abandoned, or never made because the phone left', async () => {
    // Read to the end (no more pages): both places free again.
    const first = await manyAtOnce(2);
    expect(first.answers.map((a) => a.status)).toEqual([200, 200]);
    for (const [i, a] of first.answers.entries()) await readPage(a, first.phones[i] as TestDevice);

    // Abandoned after the headers: the phone read nothing and went away.
    const second = await manyAtOnce(2);
    expect(second.answers.map((a) => a.status)).toEqual([200, 200]);
    for (const a of second.answers) await a.body?.cancel();

    // Gone while its page was being read from the database: 499, nothing kept.
    for (let i = 0; i < 3; i++) {
      const leaving = new AbortController();
      leaving.abort();
      const gone = await startPull(device(w.cookie.chw), {}, leaving.signal);
      expect(gone.status).toBe(499);
    }

    // Refused ones take no place either.
    const third = await manyAtOnce(4);
    expect(sorted(third.answers.map((a) => a.status))).toEqual([200, 200, 503, 503]);
    for (const [i, a] of third.answers.entries())
      if (a.status === 200) await readPage(a, third.phones[i] as TestDevice);
    // No place leaked by any of the above: two at once again.
    const last = await manyAtOnce(3);
    expect(sorted(last.answers.map((a) => a.status))).toEqual([200, 200, 503]);
    for (const a of last.answers) await a.body?.cancel();
  });

  it('keeps the place of a phone between its pages, so a sync begun is not refused halfway', async () => {
    const mid = device(w.cookie.chw);
    const firstPage = await readPage(await startPull(mid, {}), mid);
    expect(firstPage.more).toBe(false);
    // Two pages: limit 2 on a caseload of more.
    const paging = device(w.cookie.chw);
    const one = await h.app.request(`/api/sync/pull?device=${paging.id}&limit=2`, {
      headers: { cookie: paging.cookie },
    });
    expect((await readPage(one, paging)).more).toBe(true);
    // Another phone takes the second place; a third is refused, but the phone between pages is not.
    const other = await startPull(device(w.cookie.chw));
    expect(other.status).toBe(200);
    expect((await startPull(device(w.cookie.chw))).status).toBe(503);
    const next = await h.app.request(
      `/api/sync/pull?device=${paging.id}&limit=2&cursor=${encodeURIComponent(paging.cursor ?? '')}`,
      { headers: { cookie: paging.cookie } },
    );
    expect(next.status).toBe(200);
    await next.body?.cancel();
    await other.body?.cancel();
    // Its next page needed no place (few people were left): the one kept for it is free again.
    const after = await manyAtOnce(2);
    expect(after.answers.map((a) => a.status)).toEqual([200, 200]);
    for (const a of after.answers) await a.body?.cancel();
  });

  it('gives the place back when the phone hangs up over the network in the middle of the answer', async () => {
    const server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    try {
      // Each phone gets its headers, then its connection is cut before the body is read.
      for (let i = 0; i < 3; i++) {
        const d = device(w.cookie.chw);
        await new Promise<void>((resolve, reject) => {
          const req = httpRequest(
            { port, host: '127.0.0.1', path: `/api/sync/pull?device=${d.id}`, headers: { cookie: d.cookie } },
            (res) => {
              expect(res.statusCode).toBe(200);
              req.destroy();
              res.on('close', () => resolve());
            },
          );
          req.on('error', () => resolve());
          req.on('timeout', reject);
          req.end();
        });
      }
      // The server hears of each hang-up on its own time: wait until two new phones are served at once.
      let statuses: number[] = [];
      for (let tries = 0; tries < 100; tries++) {
        const { answers } = await manyAtOnce(2);
        statuses = answers.map((a) => a.status);
        for (const a of answers) await a.body?.cancel();
        if (statuses.every((s) => s === 200)) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(statuses).toEqual([200, 200]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('streams the same page gzip-compressed to a phone that takes gzip', async () => {
    const d = device(w.cookie.chw);
    const zipped = await startPull(d, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const { gunzipSync } = await import('node:zlib');
    const page = JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()) as PullResponse;
    const plain = device(w.cookie.chw);
    const same = await readPage(await startPull(plain, { 'accept-encoding': 'gzip;q=0' }), plain);
    expect(page.rows.map((r) => r.id).sort()).toEqual(same.rows.map((r) => r.id).sort());
    expect(page.rows.length).toBeGreaterThan(0);
  });
});

describe('rows as JSON text', () => {
  it('are, for every kind of row, what the presenter gives', async () => {
    await importDirectory(h.db, w.org.orgId, readJson(sampleDirectory(), 'sample.json'));
    const person = await register(h, w.cookie.chw, { givenName: 'Todas', familyName: 'Las Filas' });
    const id = person.id;
    const goal = await call(h.app, 'POST', `/api/clients/${id}/goals`, {
      cookie: w.cookie.chw,
      body: { text: 'Quiero dormir mejor', needArea: 'behavioral-health' },
    });
    await call(h.app, 'POST', `/api/clients/${id}/goals/${goal.body.id}/steps`, {
      cookie: w.cookie.chw,
      body: { text: 'Llamar a la clínica', owner: 'client', dueOn: programToday(3) },
    });
    await call(h.app, 'POST', `/api/clients/${id}/appointments`, {
      cookie: w.cookie.chw,
      body: { place: 'Clínica del Valle', at: `${programToday(2)}T16:00:00Z`, barriers: ['transport'] },
    });
    const { results } = await pushBatch(h, device(w.cookie.chw), [
      visit(id, { note: 'Habló de "su" casa\n\ty del niño', durationMinutes: 25 }),
      consent(id, { kind: 'service' }),
      consent(id, { kind: 'share', partnerCategory: 'food' }),
      mutation('screening.record', id, { screening: byPoints(phq9, 'phq9', [1, 2, 0, 1, 0, 0, 3, 0, 0]) }),
      referral(id),
      mutation('household.start', id, {
        household: { id: uuidv7(), memberId: uuidv7(), address: 'Calle 5 #12, Apt “B”' },
      }),
    ]);
    expect(results).toEqual(results.map((r) => ({ ...r, status: 'applied' })));

    const kinds: string[] = [];
    const each: unknown[] = [];
    for (const entity of entitiesInOrder) {
      const objects = await rowsOf(h.db, w.org.orgId, entity, 'client', [id]);
      const texts = await rowsJson(h.db, w.org.orgId, entity, 'client', [id]);
      const parsed = texts.map((t) => JSON.parse(t.json) as { id: string; clientId: string });
      const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
      // Through JSON, as the phone receives both: the same values, key by key.
      expect(byId(parsed)).toEqual(byId(JSON.parse(JSON.stringify(objects))));
      expect(texts.map((t) => t.clientId)).toEqual(parsed.map((p) => p.clientId));
      if (objects.length > 0) kinds.push(entity);
      each.push(...byId(parsed));
    }
    expect(kinds).toEqual([...entitiesInOrder]);
    // A whole record in one query: the same rows, kind by kind in the same order.
    const text = await wholeRecordsJson(h.db, w.org.orgId, [id]);
    const whole = JSON.parse(`[${text.json}]`) as { entity: string; id: string }[];
    expect(whole).toHaveLength(text.count);
    expect(whole.map((r) => r.entity)).toEqual(each.map((r) => (r as { entity: string }).entity));
    const sameKind = (rows: { entity: string; id: string }[]) =>
      [...rows].sort((a, b) => a.entity.localeCompare(b.entity) || a.id.localeCompare(b.id));
    expect(sameKind(whole)).toEqual(sameKind(each as { entity: string; id: string }[]));
  });
});
