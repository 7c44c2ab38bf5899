import { phq9, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { call } from '../../test/http.js';
import { byPoints } from '../screenings/testing.js';
import { device, mutation, pullAll, pushBatch, registration, visit } from './testing.js';

const h = useApp();
let w: CaseloadWorld;
beforeAll(async () => {
  w = await caseloadWorld(h, 'push');
});

const count = async (sql: string, params: unknown[]) => (await h.db.query(sql, params)).length;

describe('sync push', () => {
  it('applies a batch with one bad mutation: each gets its own result and the others land', async () => {
    const theirs = await register(h, w.cookie.chw2, { givenName: 'Fuera' });
    const newPerson = registration('Nuevo');
    const batch = [
      newPerson,
      visit(newPerson.client.id),
      { id: 'not-a-uuid', kind: 'encounter.record' },
      visit(theirs.id),
      {
        id: uuidv7(),
        kind: 'task.add',
        clientId: newPerson.client.id,
        task: { id: uuidv7(), title: 'Llamar', dueOn: '2030-01-01' },
      },
    ];
    const { results } = await pushBatch(h, device(w.cookie.chw), batch);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected', 'rejected', 'applied']);
    expect(results[2]?.problem).toMatchObject({ status: 400, code: 'validation' });
    expect(results[3]?.problem).toMatchObject({ status: 404, code: 'clientNotFound' });
    expect(await count('select 1 from encounter where client_id = $1', [theirs.id])).toBe(0);
    expect(await count('select 1 from encounter where client_id = $1', [newPerson.client.id])).toBe(1);
    expect(
      await count(`select 1 from task where client_id = $1 and title = 'Llamar'`, [newPerson.client.id]),
    ).toBe(1);
  });

  it('changes nothing when the same batch is pushed twice', async () => {
    const person = registration('Repetido');
    const batch = [person, visit(person.client.id), visit(person.client.id, { note: 'segunda' })];
    const phone = device(w.cookie.chw);
    const first = await pushBatch(h, phone, batch);
    const snapshot = async () => ({
      clients: await count('select 1 from client where id = $1', [person.client.id]),
      visits: await count('select 1 from encounter where client_id = $1', [person.client.id]),
      tasks: await count('select 1 from task where client_id = $1', [person.client.id]),
      audit: await count(`select 1 from audit_event where subject_id = $1`, [person.client.id]),
    });
    const before = await snapshot();
    const second = await pushBatch(h, phone, batch);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(second.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await snapshot()).toEqual(before);
    expect(before).toMatchObject({ clients: 1, visits: 2 });
  });

  it('refuses a replayed refusal the same way, and another person’s mutation id', async () => {
    const bad = visit(uuidv7());
    const phone = device(w.cookie.chw);
    expect((await pushBatch(h, phone, [bad])).results[0]?.status).toBe('rejected');
    expect((await pushBatch(h, phone, [bad])).results[0]?.status).toBe('rejected');
    const mine = registration('Robado');
    await pushBatch(h, phone, [mine]);
    const stolen = await pushBatch(h, device(w.cookie.chw2), [{ ...registration('Otro'), id: mine.id }]);
    expect(stolen.results[0]).toMatchObject({ status: 'rejected', problem: { code: 'idTaken' } });
  });

  it('applies a crisis alert first, even when it comes last in the batch', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Crisis' });
    const alert = { id: uuidv7(), kind: 'alert.raise', alert: { id: uuidv7(), clientId: person.id } };
    const { results } = await pushBatch(h, device(w.cookie.chw), [visit(person.id), alert]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const order = await h.db.query<{ kind: string }>(
      'select kind from sync_mutation where id = any($1::uuid[]) order by applied_at',
      [results.map((r) => r.id)],
    );
    expect(order.map((o) => o.kind)).toEqual(['alert.raise', 'encounter.record']);
  });

  it('syncs one change in one push and one pull', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Incremental' });
    const phone = device(w.cookie.chw);
    await pullAll(h, phone);
    const change = visit(person.id);
    let requests = 0;
    const pushed = await pushBatch(h, phone, [change]);
    requests++;
    const [page] = await pullAll(h, phone);
    requests++;
    expect(pushed.results[0]?.status).toBe('applied');
    expect(page?.more).toBe(false);
    expect(page?.rows.map((r) => r.id)).toContain(change.encounter.id);
    expect(requests).toBe(2);
  });

  it('refuses a push from a user disabled since, and keeps nothing of it', async () => {
    const chw2 = w.org.ids[w.org.chw2] ?? '';
    const person = registration('Despedido');
    const disabled = await call(h.app, 'PATCH', `/api/users/${chw2}`, {
      cookie: w.cookie.admin,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    const reply = await call(h.app, 'POST', '/api/sync/push', {
      cookie: w.cookie.chw2,
      body: { device: uuidv7(), mutations: [person] },
    });
    expect(reply.status).toBe(401);
    expect(await count('select 1 from client where id = $1', [person.client.id])).toBe(0);
  });

  it('takes a screen and a visit from a phone whose clock runs fast as made now, and raises the alert', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Reloj' });
    const ahead = new Date(Date.now() + 15 * 60_000).toISOString();
    const screen = { ...byPoints(phq9, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 2]), authored: ahead };
    const late = visit(person.id);
    const pushed = await pushBatch(h, device(w.cookie.chw), [
      mutation('screening.record', person.id, { screening: screen }),
      { ...late, encounter: { ...late.encounter, occurredAt: ahead } },
    ]);
    expect(pushed.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const [kept] = await h.db.query<{ future: boolean }>(
      'select authored_at > now() as future from screening where client_id = $1',
      [person.id],
    );
    expect(kept?.future).toBe(false);
    expect(await count('select 1 from risk_alert where client_id = $1', [person.id])).toBe(1);
    expect(
      await count('select 1 from encounter where client_id = $1 and occurred_at <= now()', [person.id]),
    ).toBe(1);
  });

  it('still refuses a moment that is wrong for another reason than a fast clock', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Antiguo' });
    const old = visit(person.id);
    const pushed = await pushBatch(h, device(w.cookie.chw), [
      { ...old, encounter: { ...old.encounter, occurredAt: '1999-12-31T10:00:00Z' } },
    ]);
    expect(pushed.results[0]?.status).toBe('rejected');
  });
});
