import { type SyncRow, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { call, signIn } from '../../test/http.js';
import { device, mutation, pullAll, pushBatch, registration } from '../sync/testing.js';

// Households through sync, as the phone makes them: who may see which member, refusals, one visit for several.

const h = useApp();
let w: CaseloadWorld;

beforeAll(async () => {
  w = await caseloadWorld(h, 'households');
});

const start = (clientId: string, householdId = uuidv7(), address?: string) =>
  mutation('household.start', clientId, {
    household: { id: householdId, memberId: uuidv7(), ...(address ? { address } : {}) },
  });
const join = (clientId: string, householdId: string, relationship: string, move?: boolean) =>
  mutation('household.join', clientId, {
    householdId,
    join: { memberId: uuidv7(), relationship, ...(move === undefined ? {} : { move }) },
  });
const leave = (clientId: string, householdId: string) =>
  mutation('household.leave', clientId, { householdId });
const visit = (householdId: string, clientIds: string[]) => ({
  id: uuidv7(),
  kind: 'household.visit',
  householdId,
  visit: {
    present: clientIds.map((clientId) => ({ clientId, encounterId: uuidv7() })),
    encounter: {
      kind: 'home-visit',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      language: 'es',
      activities: ['listening-support'],
    },
  },
});
const statuses = (r: { results: { status: string; problem?: Record<string, unknown> }[] }) =>
  r.results.map((x) => [x.status, x.problem?.code]);
const members = (pages: { rows: SyncRow[] }[]) =>
  pages.flatMap((p) => p.rows).filter((r) => r.entity === 'member');
const count = async (query: string, params: unknown[]) =>
  Number((await h.db.query<{ n: number }>(query, params))[0]?.n);

describe('households through sync', () => {
  it('starts a household, registers a member into it offline, and syncs the memberships with the address', async () => {
    const head = registration('Marta', { gender: 'mujer', address: 'Calle Luna 4' });
    const child = registration('Luis', { gender: 'hombre' });
    const household = uuidv7();
    const phone = device(w.cookie.chw);
    const pushed = await pushBatch(h, phone, [
      head,
      start(head.client.id, household),
      child,
      join(child.client.id, household, 'child'),
    ]);
    expect(statuses(pushed)).toEqual(Array(4).fill(['applied', undefined]));

    const rows = members(await pullAll(h, device(w.cookie.chw)));
    const mine = rows.filter((r) => r.data.householdId === household);
    expect(mine.map((r) => [r.clientId, r.data.relationship, r.data.address, r.data.leftAt])).toEqual(
      expect.arrayContaining([
        [head.client.id, 'head', 'Calle Luna 4', null],
        [child.client.id, 'child', 'Calle Luna 4', null],
      ]),
    );
    expect(mine).toHaveLength(2);
    const audited = await count(
      `select count(*)::int as n from audit_event where action = 'household.joined' and subject_id = $1`,
      [child.client.id],
    );
    expect(audited).toBe(1);
  });

  it('shows a CHW only the members in their caseload, and refuses a visit naming one they may not see', async () => {
    const mine = registration('Rosa');
    const household = uuidv7();
    const phone = device(w.cookie.chw);
    await pushBatch(h, phone, [mine, start(mine.client.id, household)]);
    // A neighbour of the other CHW's caseload lives there too (put there by someone who sees both).
    const theirs = await register(h, w.cookie.chw2, { givenName: 'Ajena' });
    await h.db.query(
      `insert into household_member (id, org_id, household_id, client_id, relationship) values ($1, $2, $3, $4, 'sibling')`,
      [uuidv7(), w.org.orgId, household, theirs.id],
    );

    const seen = members(await pullAll(h, device(w.cookie.chw))).filter(
      (r) => r.data.householdId === household,
    );
    expect(seen.map((r) => r.clientId)).toEqual([mine.client.id]);
    const theirSeen = members(await pullAll(h, device(w.cookie.chw2))).filter(
      (r) => r.data.householdId === household,
    );
    expect(theirSeen.map((r) => r.clientId)).toEqual([theirs.id]);

    // One visit for both: refused whole, so the member the CHW may see gets no encounter either.
    const refused = await pushBatch(h, phone, [visit(household, [mine.client.id, theirs.id])]);
    expect(statuses(refused)).toEqual([['rejected', 'clientNotFound']]);
    expect(
      await count('select count(*)::int as n from encounter where client_id = $1', [mine.client.id]),
    ).toBe(0);
  });

  it('refuses another organization’s person and household', async () => {
    const mine = registration('Elena');
    const household = uuidv7();
    await pushBatch(h, device(w.cookie.chw), [mine, start(mine.client.id, household)]);
    const otherChw = await signIn(h.app, w.other.chw, PASSWORD);
    const stranger = await register(h, otherChw, { givenName: 'Extraña' });

    const intoMine = await pushBatch(h, device(w.cookie.chw), [join(stranger.id, household, 'other')]);
    expect(statuses(intoMine)).toEqual([['rejected', 'clientNotFound']]);
    const theirs = registration('Suya');
    const fromThem = await pushBatch(h, device(otherChw), [
      theirs,
      join(theirs.client.id, household, 'other'),
    ]);
    expect(statuses(fromThem)).toEqual([
      ['applied', undefined],
      ['rejected', 'notFound'],
    ]);
    expect(
      await count('select count(*)::int as n from household_member where household_id = $1', [household]),
    ).toBe(1);
  });

  it('asks before moving a person from another household, and keeps the last member', async () => {
    const [a, b, c] = [registration('Ana'), registration('Beto'), registration('Caro')];
    const [first, second] = [uuidv7(), uuidv7()];
    const phone = device(w.cookie.chw);
    await pushBatch(h, phone, [a, b, c, start(a.client.id, first), join(b.client.id, first, 'partner')]);
    await pushBatch(h, phone, [start(c.client.id, second)]);

    const asked = await pushBatch(h, phone, [join(b.client.id, second, 'sibling')]);
    expect(statuses(asked)).toEqual([['rejected', 'inAnother']]);
    expect(asked.results[0]?.problem?.canMove).toBe(true);
    const moved = await pushBatch(h, phone, [join(b.client.id, second, 'sibling', true)]);
    expect(statuses(moved)).toEqual([['applied', undefined]]);
    const rows = members(await pullAll(h, device(w.cookie.chw))).filter((r) => r.clientId === b.client.id);
    expect(rows.map((r) => [r.data.householdId, r.data.leftAt === null])).toEqual(
      expect.arrayContaining([
        [first, false],
        [second, true],
      ]),
    );

    const last = await pushBatch(h, phone, [leave(a.client.id, first)]);
    expect(statuses(last)).toEqual([['rejected', 'lastMember']]);
    const head = await pushBatch(h, phone, [leave(c.client.id, second)]);
    expect(statuses(head)).toEqual([['rejected', 'headCannotLeave']]);
    const out = await pushBatch(h, phone, [leave(b.client.id, second)]);
    expect(statuses(out)).toEqual([['applied', undefined]]);
  });

  it('writes one audited encounter per member present, on each one’s history, in one mutation', async () => {
    const [a, b, c] = [registration('Dora'), registration('Eva'), registration('Fidel')];
    const household = uuidv7();
    const phone = device(w.cookie.chw);
    await pushBatch(h, phone, [
      a,
      b,
      c,
      start(a.client.id, household),
      join(b.client.id, household, 'parent'),
      join(c.client.id, household, 'grandchild'),
    ]);
    const done = await pushBatch(h, phone, [visit(household, [a.client.id, b.client.id])]);
    expect(statuses(done)).toEqual([['applied', undefined]]);

    const encounters = (await pullAll(h, device(w.cookie.chw)))
      .flatMap((p) => p.rows)
      .filter((r) => r.entity === 'encounter');
    const on = (id: string) => encounters.filter((r) => r.clientId === id).length;
    expect([on(a.client.id), on(b.client.id), on(c.client.id)]).toEqual([1, 1, 0]);
    const audited = await count(
      `select count(*)::int as n from audit_event where action = 'encounter.recorded' and subject_id = any($1::text[])`,
      [[a.client.id, b.client.id, c.client.id]],
    );
    expect(audited).toBe(2);

    // Someone not in the household cannot be counted present.
    const outsider = registration('Gil');
    const refused = await pushBatch(h, phone, [
      outsider,
      visit(household, [a.client.id, outsider.client.id]),
    ]);
    expect(statuses(refused)).toEqual([
      ['applied', undefined],
      ['rejected', 'presentNotMember'],
    ]);
  });

  it('lets a supervisor see and visit their team’s households, and nobody else’s', async () => {
    // The team CHW's household of two, and a household of the CHW on no team.
    const head = registration('Teresa');
    const son = registration('Tomás');
    const teamHousehold = uuidv7();
    await pushBatch(h, device(w.cookie.chw), [
      head,
      start(head.client.id, teamHousehold),
      son,
      join(son.client.id, teamHousehold, 'child'),
    ]);
    const loner = registration('Olga');
    const otherHousehold = uuidv7();
    await pushBatch(h, device(w.cookie.chw2), [loner, start(loner.client.id, otherHousehold)]);

    const supervisorPhone = device(w.cookie.supervisor);
    const seen = members(await pullAll(h, supervisorPhone));
    expect(
      seen
        .filter((r) => r.data.householdId === teamHousehold)
        .map((r) => r.clientId)
        .sort(),
    ).toEqual([head.client.id, son.client.id].sort());
    expect(seen.filter((r) => r.data.householdId === otherHousehold)).toEqual([]);

    // A visit to the team's household, as the supervisor; one to another CHW's is refused as not found.
    const visited = await pushBatch(h, supervisorPhone, [
      visit(teamHousehold, [head.client.id, son.client.id]),
    ]);
    expect(statuses(visited)).toEqual([['applied', undefined]]);
    const outside = await pushBatch(h, supervisorPhone, [visit(otherHousehold, [loner.client.id])]);
    expect(statuses(outside)[0]?.[0]).toBe('rejected');
    expect(
      await count('select count(*)::int as n from encounter where client_id = $1', [loner.client.id]),
    ).toBe(0);
    // Registering into the team's household from the supervisor's phone, too.
    const daughter = registration('Diana');
    const joined = await pushBatch(h, supervisorPhone, [
      daughter,
      join(daughter.client.id, teamHousehold, 'child'),
    ]);
    expect(statuses(joined)).toEqual([
      ['applied', undefined],
      ['applied', undefined],
    ]);
    // The supervisor's phone shows all three; Diana is the supervisor's own person until handed to the CHW,
    // so the CHW's phone keeps the two it holds; the CHW on no team still sees none of it.
    const supervisorSeen = members(await pullAll(h, device(w.cookie.supervisor))).filter(
      (r) => r.data.householdId === teamHousehold,
    );
    expect(supervisorSeen).toHaveLength(3);
    const chwSeen = members(await pullAll(h, device(w.cookie.chw))).filter(
      (r) => r.data.householdId === teamHousehold,
    );
    expect(chwSeen.map((r) => r.clientId).sort()).toEqual([head.client.id, son.client.id].sort());
    const chw2Seen = members(await pullAll(h, device(w.cookie.chw2))).filter(
      (r) => r.data.householdId === teamHousehold,
    );
    expect(chw2Seen).toEqual([]);
  });

  it('moves the households of a duplicate to the record kept when two records are merged', async () => {
    const household = uuidv7();
    const elsewhere = uuidv7();
    const kept = registration('Marisol');
    const duplicate = registration('Marisol V.');
    const other = registration('Ana');
    const another = registration('Ana M.');
    const pushed = await pushBatch(h, device(w.cookie.chw), [
      kept,
      duplicate,
      start(duplicate.client.id, household, 'Calle Sol 9'),
      other,
      another,
      start(other.client.id, elsewhere),
      join(another.client.id, household, 'sibling'),
    ]);
    expect(statuses(pushed)).toEqual(Array(7).fill(['applied', undefined]));
    const merge = (keptId: string, duplicateId: string) =>
      call(h.app, 'POST', `/api/clients/${keptId}/merge`, {
        cookie: w.cookie.supervisor,
        body: { duplicateId },
      });
    const current = (clientId: string) =>
      h.db.query<{ household: string }>(
        'select household_id as household from household_member where client_id = $1 and left_at is null',
        [clientId],
      );

    // The record kept lived nowhere: it now lives where the duplicate did, and phones hear of it.
    const phone = device(w.cookie.chw);
    await pullAll(h, phone);
    expect((await merge(kept.client.id, duplicate.client.id)).status).toBe(204);
    expect(await current(kept.client.id)).toEqual([{ household }]);
    const heard = members(await pullAll(h, phone)).filter((r) => r.clientId === kept.client.id);
    expect(heard.map((r) => r.data.householdId)).toEqual([household]);

    // The record kept lives elsewhere: it stays there, and the duplicate's membership ends as history.
    expect((await merge(other.client.id, another.client.id)).status).toBe(204);
    expect(await current(other.client.id)).toEqual([{ household: elsewhere }]);
    const past = await count(
      'select count(*)::int as n from household_member where client_id = $1 and household_id = $2 and left_at is not null',
      [other.client.id, household],
    );
    expect(past).toBe(1);
  });
});
