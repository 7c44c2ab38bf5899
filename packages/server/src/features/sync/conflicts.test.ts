import { type SyncConflict, uuidv7 } from '@puente/core';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { engine, testPgUrl } from '../../test/database.js';
import { bodyAs, call } from '../../test/http.js';
import { device, pushBatch } from './testing.js';

const h = useApp();
let w: CaseloadWorld;
beforeAll(async () => {
  w = await caseloadWorld(h, 'conflicts');
});

const edit = (clientId: string, base: Record<string, unknown>, change: Record<string, unknown>) => ({
  id: uuidv7(),
  kind: 'client.update',
  clientId,
  base,
  change,
});

describe('conflicts of offline edits', () => {
  it('merges two offline edits field by field, keeps both, and logs the value that lost', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Cruce', notes: 'original' });
    const base = { phone: null, neighborhood: null, notes: 'original' };
    // The supervisor's phone edited and synced first; Rosa, offline and not having seen it,
    // edited later: both changed the notes.
    const daniel = edit(person.id, base, { neighborhood: 'Eastside', notes: 'nota de Daniel' });
    expect((await pushBatch(h, device(w.cookie.supervisor), [daniel])).results[0]).toMatchObject({
      status: 'applied',
      conflicts: 0,
    });
    const rosa = edit(person.id, base, { phone: '+15552223333', notes: 'nota de Rosa' });
    expect((await pushBatch(h, device(w.cookie.chw), [rosa])).results[0]).toMatchObject({
      status: 'applied',
      conflicts: 1,
    });
    const record = await call(h.app, 'GET', `/api/clients/${person.id}`, { cookie: w.cookie.chw });
    expect(record.body).toMatchObject({
      neighborhood: 'Eastside',
      phone: '+15552223333',
      notes: 'nota de Rosa',
    });

    const listed = bodyAs<{ conflicts: SyncConflict[] }>(
      await call(h.app, 'GET', '/api/sync/conflicts', { cookie: w.cookie.chw }),
    );
    const mine = listed.conflicts.filter((c) => c.clientId === person.id);
    expect(mine).toMatchObject([
      {
        field: 'notes',
        kept: 'nota de Rosa',
        lost: 'nota de Daniel',
        lostBy: null,
        keptSide: 'incoming',
        incoming: { value: 'nota de Rosa', by: expect.stringContaining('chw'), byYou: true },
        server: { value: 'nota de Daniel', by: expect.stringContaining('supervisor'), byYou: false },
        current: 'nota de Rosa',
      },
    ]);
    expect(Date.parse(mine[0]?.incoming.at ?? '')).toBeLessThanOrEqual(Date.now());
    const hidden = bodyAs<{ conflicts: SyncConflict[] }>(
      await call(h.app, 'GET', '/api/sync/conflicts', { cookie: w.cookie.chw2 }),
    );
    expect(hidden.conflicts.some((c) => c.clientId === person.id)).toBe(false);

    const refused = await call(h.app, 'POST', `/api/sync/conflicts/${mine[0]?.id}/resolve`, {
      cookie: w.cookie.chw2,
      body: { choose: 'lost' },
    });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 404, code: 'notFound' });
    const resolved = await call(h.app, 'POST', `/api/sync/conflicts/${mine[0]?.id}/resolve`, {
      cookie: w.cookie.chw,
      body: { choose: 'lost' },
    });
    expect(resolved.status).toBe(204);
    const after = await call(h.app, 'GET', `/api/clients/${person.id}`, { cookie: w.cookie.chw });
    expect(after.body).toMatchObject({ notes: 'nota de Daniel', phone: '+15552223333' });
    const left = bodyAs<{ conflicts: SyncConflict[] }>(
      await call(h.app, 'GET', '/api/sync/conflicts', { cookie: w.cookie.chw }),
    );
    expect(left.conflicts.some((c) => c.clientId === person.id)).toBe(false);
  });

  it('keeps the newer server value when the offline edit is older, and logs the phone’s value', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Viejo', notes: 'original' });
    const old = {
      ...edit(person.id, { notes: 'original' }, { notes: 'del teléfono' }),
      id: uuidv7(Date.now() - 3_600_000),
    };
    await call(h.app, 'PATCH', `/api/clients/${person.id}`, {
      cookie: w.cookie.supervisor,
      body: { notes: 'del servidor' },
    });
    const { results } = await pushBatch(h, device(w.cookie.chw), [old]);
    expect(results[0]).toMatchObject({ status: 'applied', conflicts: 1 });
    const record = await call(h.app, 'GET', `/api/clients/${person.id}`, { cookie: w.cookie.chw });
    expect(record.body).toMatchObject({ notes: 'del servidor' });
    const listed = bodyAs<{ conflicts: SyncConflict[] }>(
      await call(h.app, 'GET', '/api/sync/conflicts', { cookie: w.cookie.chw }),
    );
    expect(listed.conflicts.find((c) => c.clientId === person.id)).toMatchObject({
      kept: 'del servidor',
      lost: 'del teléfono',
      lostBy: expect.stringContaining('chw'),
    });
  });

  it('refuses to put a lost value back over a value changed since, and keeps the record as it is', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Después', phone: '+15552220001' });
    const base = { phone: '+15552220001' };
    await pushBatch(h, device(w.cookie.supervisor), [edit(person.id, base, { phone: '+15552220002' })]);
    await pushBatch(h, device(w.cookie.chw), [edit(person.id, base, { phone: '+15552220003' })]);
    const open = async () =>
      bodyAs<{ conflicts: SyncConflict[] }>(
        await call(h.app, 'GET', '/api/sync/conflicts', { cookie: w.cookie.chw }),
      ).conflicts.filter((c) => c.clientId === person.id);
    const [conflict] = await open();
    expect(conflict).toMatchObject({ kept: '+15552220003', lost: '+15552220002', current: '+15552220003' });
    // Someone changes the phone again before the conflict is looked at.
    await call(h.app, 'PATCH', `/api/clients/${person.id}`, {
      cookie: w.cookie.supervisor,
      body: { phone: '+15552220004' },
    });
    expect((await open())[0]).toMatchObject({ current: '+15552220004' });
    const late = await call(h.app, 'POST', `/api/sync/conflicts/${conflict?.id}/resolve`, {
      cookie: w.cookie.chw,
      body: { choose: 'lost' },
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'conflictOutdated' });
    const record = await call(h.app, 'GET', `/api/clients/${person.id}`, { cookie: w.cookie.chw });
    expect(record.body).toMatchObject({ phone: '+15552220004' });
    const kept = await call(h.app, 'POST', `/api/sync/conflicts/${conflict?.id}/resolve`, {
      cookie: w.cookie.chw,
      body: { choose: 'kept' },
    });
    expect(kept.status).toBe(204);
    expect(await open()).toEqual([]);
    const again = await call(h.app, 'POST', `/api/sync/conflicts/${conflict?.id}/resolve`, {
      cookie: w.cookie.chw,
      body: { choose: 'kept' },
    });
    expect(again.status).toBe(404);
  });

  it('refuses callers who keep no caseload', async () => {
    const reply = await call(h.app, 'GET', '/api/sync/conflicts', { cookie: w.cookie.manager });
    expect(reply.status).toBe(403);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
  });
});

// Two connections at once: PostgreSQL only (PGlite runs one statement at a time).
describe.skipIf(engine !== 'postgres')('two offline edits of one field arriving at the same moment', () => {
  it('log the value that lost, as when they arrive one after the other', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Carrera', notes: 'original' });
    const [db] = await h.db.query<{ name: string }>('select current_database() as name');
    const url = new URL(String(testPgUrl));
    url.pathname = `/${db?.name}`;
    const other = new pg.Client({ connectionString: url.toString() });
    await other.connect();
    try {
      // Another write to the person is under way (a staff edit, a transfer), so both edits wait for it.
      await other.query('begin');
      await other.query('select 1 from client where id = $1 for update', [person.id]);
      const both = Promise.all([
        pushBatch(h, device(w.cookie.supervisor), [
          edit(person.id, { notes: 'original' }, { notes: 'de Daniel' }),
        ]),
        pushBatch(h, device(w.cookie.chw), [edit(person.id, { notes: 'original' }, { notes: 'de Rosa' })]),
      ]);
      // A moment for both to reach the person (with the lock, the second waits for the first).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await other.query('commit');
      const replies = await both;
      expect(replies.map((r) => r.results[0]?.status)).toEqual(['applied', 'applied']);
      const logged = await h.db.query<{ lost: string }>(
        'select lost::text as lost from sync_conflict where client_id = $1',
        [person.id],
      );
      // Both changed the notes from the same value: one of the two lost, and is logged.
      expect(logged).toHaveLength(1);
    } finally {
      await other.end();
    }
  });
});
