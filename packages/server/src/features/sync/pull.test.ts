import type { PullResponse } from '@puente/core';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { testPgUrl } from '../../test/database.js';
import { call } from '../../test/http.js';
import { device, pullAll, pullPage, pushBatch, visit } from './testing.js';

const h = useApp();
let w: CaseloadWorld;
beforeAll(async () => {
  w = await caseloadWorld(h, 'pull');
});

const clientsIn = (pages: PullResponse[]) =>
  new Set(pages.flatMap((p) => p.rows.filter((r) => r.entity === 'client').map((r) => r.id)));

describe('sync pull', () => {
  it('sends only the caller’s own people, with their records, and nothing of another caseload', async () => {
    const mine = await register(h, w.cookie.chw, { givenName: 'Propia' });
    const theirs = await register(h, w.cookie.chw2, { givenName: 'Ajena' });
    await pushBatch(h, device(w.cookie.chw), [visit(mine.id)]);
    await pushBatch(h, device(w.cookie.chw2), [visit(theirs.id)]);
    const pages = await pullAll(h, device(w.cookie.chw));
    const rows = pages.flatMap((p) => p.rows);
    expect(clientsIn(pages).has(mine.id)).toBe(true);
    expect(rows.some((r) => r.clientId === theirs.id)).toBe(false);
    expect(rows.filter((r) => r.clientId === mine.id).map((r) => r.entity)).toEqual(
      expect.arrayContaining(['client', 'encounter', 'task']),
    );
    expect(pages[0]?.reset).toBe(true);
    const other = await pullAll(h, device(w.cookie.chw2));
    expect(clientsIn(other).has(mine.id)).toBe(false);
  });

  it('refuses callers who keep no caseload', async () => {
    const reply = await call(h.app, 'GET', `/api/sync/pull?device=${device('').id}`, {
      cookie: w.cookie.manager,
    });
    expect(reply.status).toBe(403);
  });

  it('removes a transferred person from the old CHW’s phone and brings the whole record to the new one', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Traslado' });
    const rosa = device(w.cookie.chw);
    await pushBatch(h, rosa, [visit(person.id)]);
    expect(clientsIn(await pullAll(h, rosa)).has(person.id)).toBe(true);
    const other = device(w.cookie.chw2);
    await pullAll(h, other);

    const moved = await call(h.app, 'POST', `/api/clients/${person.id}/transfer`, {
      cookie: w.cookie.admin,
      body: { chwId: w.org.ids[w.org.chw2], reason: 'Rosa is on leave' },
    });
    expect(moved.status).toBe(204);

    const after = await pullAll(h, rosa);
    expect(after.flatMap((p) => p.removed)).toEqual([person.id]);
    expect(after.flatMap((p) => p.rows).some((r) => r.clientId === person.id)).toBe(false);
    // Removed once: the next pull does not say it again.
    expect((await pullAll(h, rosa)).flatMap((p) => p.removed)).toEqual([]);

    const arrived = (await pullAll(h, other)).flatMap((p) => p.rows).filter((r) => r.clientId === person.id);
    expect(arrived.map((r) => r.entity)).toEqual(expect.arrayContaining(['client', 'encounter']));
  });

  it('resumes after a lost page: the page is sent again, nothing is skipped', async () => {
    for (const name of ['Uno', 'Dos', 'Tres', 'Cuatro']) await register(h, w.cookie.chw, { givenName: name });
    const phone = device(w.cookie.chw);
    const first = await pullPage(h, phone, 2);
    expect(first.more).toBe(true);
    // The second answer is lost on the way: the phone keeps its cursor and asks again.
    const lost = await pullPage(h, phone, 2, false);
    const again = await pullPage(h, phone, 2);
    expect(clientsIn([again])).toEqual(clientsIn([lost]));
    const rest = await pullAll(h, phone, 2);
    const all = clientsIn([first, again, ...rest]);
    const expected = await h.db.query<{ id: string }>(
      'select id from client where assigned_chw_id = $1 and merged_into is null',
      [w.org.ids[w.org.chw]],
    );
    expect([...all].sort()).toEqual(expected.map((r) => r.id).sort());
  });

  it('is not fooled by a copy of a pull that arrives late, after the phone kept the page', async () => {
    const phone = device(w.cookie.chw);
    const pages = await pullAll(h, phone);
    const first = await register(h, w.cookie.chw, { givenName: 'Primera' });
    const second = await register(h, w.cookie.chw, { givenName: 'Segunda' });
    // On PostgreSQL a cursor holds the oldest transaction running in the whole cluster. One held
    // open from now on, as a long report would be, keeps that the same for both pulls below.
    const held = testPgUrl ? new pg.Client({ connectionString: testPgUrl }) : undefined;
    await held?.connect();
    try {
      await held?.query('begin');
      await held?.query('select pg_current_xact_id()');
      const from = phone.cursor;
      // A page of one person, which the phone keeps.
      const kept = await pullPage(h, phone, 1);
      expect(kept.more).toBe(true);
      // A copy of that request, asking for a larger page, arrives now; the phone stopped listening long ago.
      const late = await pullPage(h, { ...phone, cursor: from }, 5000, false);
      // Its page holds more than the one kept, so it must not be taken for that page.
      expect(late.cursor).not.toBe(kept.cursor);
      pages.push(kept, ...(await pullAll(h, phone)));
    } finally {
      await held?.query('rollback');
      await held?.end();
    }
    // Both people are on the phone all the same, as a phone keeps pages (a reset starts it over).
    const shown = new Set<string>();
    for (const page of pages) {
      if (page.reset) shown.clear();
      for (const r of page.rows) if (r.entity === 'client') shown.add(r.id);
    }
    expect([shown.has(first.id), shown.has(second.id)]).toEqual([true, true]);
  });

  it('removes a person added on a page the phone kept only in part, once the caller may no longer see her', async () => {
    const phone = device(w.cookie.chw);
    await pullAll(h, phone);
    const person = await register(h, w.cookie.chw, { givenName: 'Medio' });
    // The page brings her whole; the phone writes her records, then fails before keeping the cursor.
    const page = await pullPage(h, phone, 5000, false);
    expect(clientsIn([page]).has(person.id)).toBe(true);
    const away = await call(h.app, 'POST', `/api/clients/${person.id}/transfer`, {
      cookie: w.cookie.admin,
      body: { chwId: w.org.ids[w.org.chw2], reason: 'Cambio de zona' },
    });
    expect(away.status).toBe(204);
    const pages = await pullAll(h, phone);
    expect(pages.flatMap((p) => p.removed)).toContain(person.id);
    expect(pages.flatMap((p) => p.rows).some((r) => r.clientId === person.id)).toBe(false);
  });

  it('brings whole again a person removed on a page the phone kept only in part, once she is back', async () => {
    const phone = device(w.cookie.chw);
    const person = await register(h, w.cookie.chw, { givenName: 'Ida' });
    await pushBatch(h, phone, [visit(person.id)]);
    await pullAll(h, phone);
    const transfer = (to: string) =>
      call(h.app, 'POST', `/api/clients/${person.id}/transfer`, {
        cookie: w.cookie.admin,
        body: { chwId: w.org.ids[to], reason: 'Licencia' },
      });
    expect((await transfer(w.org.chw2)).status).toBe(204);
    // The page removes her; the phone deletes her records, then fails before keeping the cursor.
    expect((await pullPage(h, phone, 5000, false)).removed).toEqual([person.id]);
    expect((await transfer(w.org.chw)).status).toBe(204);
    const rows = (await pullAll(h, phone)).flatMap((p) => p.rows).filter((r) => r.clientId === person.id);
    // Her visit too, not only what changed since the cursor the phone kept.
    expect(rows.map((r) => r.entity)).toEqual(expect.arrayContaining(['client', 'encounter']));
  });

  it('brings the steps of a duplicate’s goals under the record kept when two records are merged', async () => {
    const kept = await register(h, w.cookie.chw, { givenName: 'Marisol', familyName: 'Vega' });
    const duplicate = await register(h, w.cookie.chw, {
      givenName: 'Marisol',
      familyName: 'Vegas',
      notADuplicate: true,
    });
    const goal = await call(h.app, 'POST', `/api/clients/${duplicate.id}/goals`, {
      cookie: w.cookie.chw,
      body: { text: 'Comer mejor', needArea: 'food-insecurity' },
    });
    const goalId = (goal.body as { id: string }).id;
    const step = await call(h.app, 'POST', `/api/clients/${duplicate.id}/goals/${goalId}/steps`, {
      cookie: w.cookie.chw,
      body: { text: 'Ir al banco de comida', owner: 'client' },
    });
    expect([goal.status, step.status]).toEqual([201, 201]);
    const phone = device(w.cookie.chw);
    await pullAll(h, phone);
    const merged = await call(h.app, 'POST', `/api/clients/${kept.id}/merge`, {
      cookie: w.cookie.supervisor,
      body: { duplicateId: duplicate.id },
    });
    expect(merged.status).toBe(204);
    const pages = await pullAll(h, phone);
    // The phone drops the duplicate with everything under it, so the goal and its step come again.
    expect(pages.flatMap((p) => p.removed)).toContain(duplicate.id);
    const moved = pages.flatMap((p) => p.rows).filter((r) => r.clientId === kept.id);
    expect(moved.filter((r) => r.entity === 'goal' || r.entity === 'step').map((r) => r.entity)).toEqual([
      'goal',
      'step',
    ]);
  });

  it('gives a device id another user synced, with that user’s cursor, nothing of theirs', async () => {
    const mine = await register(h, w.cookie.chw, { givenName: 'Solo Mía' });
    const rosa = device(w.cookie.chw);
    expect(clientsIn(await pullAll(h, rosa)).has(mine.id)).toBe(true);
    // Someone else signs in and sends Rosa's device id and cursor, as a stolen or borrowed phone would.
    const borrowed = { ...rosa, cookie: w.cookie.chw2 };
    const pages = await pullAll(h, borrowed);
    expect(pages[0]?.reset).toBe(true);
    expect(pages.flatMap((p) => p.rows).some((r) => r.clientId === mine.id)).toBe(false);
    // Back in Rosa's hands the device starts over too: it was another user's copy in between.
    const back = await pullPage(h, { ...borrowed, cookie: w.cookie.chw });
    expect(back.reset).toBe(true);
    expect(clientsIn([back]).has(mine.id)).toBe(true);
  });

  it('starts over when the cursor is unknown, and says so', async () => {
    const phone = device(w.cookie.chw);
    await pullAll(h, phone);
    phone.cursor = '9.9.9';
    const page = await pullPage(h, phone);
    expect(page.reset).toBe(true);
    expect(page.rows.length).toBeGreaterThan(0);
  });
});
