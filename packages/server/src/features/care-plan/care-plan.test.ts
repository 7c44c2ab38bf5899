import type { Client, Goal, Today } from '@puente/core';
import { addDays } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { bodyAs, call } from '../../test/http.js';
import { requireConsent } from '../consents/service.js';

const h = useApp();
let w: CaseloadWorld;
beforeAll(async () => {
  w = await caseloadWorld(h, 'plan');
  await call(h.app, 'PUT', '/api/program/settings', {
    cookie: w.cookie.admin,
    body: { followUpDaysAfterVisit: 7, noContactDays: 30, timeZone: 'UTC' },
  });
});
const todayUtc = () => new Date().toISOString().slice(0, 10);

describe('consent', () => {
  it('is recorded, revocable with history, and checked before anything is shared', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Consiente' });
    const check = (target: Parameters<typeof requireConsent>[3]) =>
      requireConsent(h.db, w.org.orgId, client.id, target);
    await expect(check({ kind: 'text' })).rejects.toMatchObject({ code: 'noServiceConsent' });
    const post = (body: Record<string, unknown>) =>
      call(h.app, 'POST', `/api/clients/${client.id}/consents`, { cookie: w.cookie.chw, body });
    expect((await post({ kind: 'service', method: 'verbal', givenOn: todayUtc() })).status).toBe(201);
    await expect(check({ kind: 'text' })).rejects.toMatchObject({ code: 'noTextConsent' });
    const text = await post({ kind: 'text', method: 'verbal', givenOn: todayUtc() });
    // The consent that allows it is named, so a referral can record which one did.
    await expect(check({ kind: 'text' })).resolves.toBe(text.body.id);
    await expect(
      check({ kind: 'share', partnerName: 'Banco de Comida', partnerCategory: 'food' }),
    ).rejects.toMatchObject({
      code: 'noShareConsent',
      params: { partner: 'Banco de Comida' },
    });
    const share = await post({
      kind: 'share',
      method: 'written',
      givenOn: todayUtc(),
      partnerCategory: 'food',
    });
    expect(share.status).toBe(201);
    await expect(
      check({ kind: 'share', partnerName: 'Banco de Comida', partnerCategory: 'food' }),
    ).resolves.toBe(share.body.id);
    const revoked = await call(h.app, 'POST', `/api/clients/${client.id}/consents/${text.body.id}/revoke`, {
      cookie: w.cookie.chw,
      body: { note: 'Prefiere llamadas' },
    });
    expect(revoked.body.revokedBy).toBe('chw of plan');
    await expect(check({ kind: 'text' })).rejects.toMatchObject({ code: 'noTextConsent' });
    const again = await call(h.app, 'POST', `/api/clients/${client.id}/consents/${text.body.id}/revoke`, {
      cookie: w.cookie.chw,
      body: {},
    });
    expect(again.status).toBe(409);
    const record = bodyAs<Client>(
      await call(h.app, 'GET', `/api/clients/${client.id}`, { cookie: w.cookie.chw }),
    );
    expect(record.consents).toHaveLength(3);
  });

  it('sharing needs a partner named or a category, not both and not neither', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Comparte' });
    const reply = await call(h.app, 'POST', `/api/clients/${client.id}/consents`, {
      cookie: w.cookie.chw,
      body: { kind: 'share', method: 'verbal', givenOn: todayUtc() },
    });
    expect(reply.status).toBe(400);
  });
});

describe('care plan', () => {
  it('holds goals in the person’s words with steps, and appointments with barriers', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Metas' });
    const goal = await call(h.app, 'POST', `/api/clients/${client.id}/goals`, {
      cookie: w.cookie.chw,
      body: { text: 'Quiero dormir mejor', needArea: 'behavioral-health' },
    });
    expect(goal.status).toBe(201);
    const step = await call(h.app, 'POST', `/api/clients/${client.id}/goals/${goal.body.id}/steps`, {
      cookie: w.cookie.chw,
      body: { text: 'Llamar a la clínica', owner: 'client', dueOn: addDays(todayUtc(), 3) },
    });
    const steps = bodyAs<Goal>(step).steps;
    expect(steps).toEqual([
      expect.objectContaining({ text: 'Llamar a la clínica', owner: 'client', status: 'todo' }),
    ]);
    const done = await call(
      h.app,
      'PATCH',
      `/api/clients/${client.id}/goals/${goal.body.id}/steps/${steps[0]?.id}`,
      {
        cookie: w.cookie.chw,
        body: { status: 'done', dueOn: null },
      },
    );
    expect(bodyAs<Goal>(done).steps[0]).toMatchObject({ status: 'done', dueOn: null });
    const appt = await call(h.app, 'POST', `/api/clients/${client.id}/appointments`, {
      cookie: w.cookie.chw,
      body: {
        place: 'Clínica del Valle',
        at: `${addDays(todayUtc(), 2)}T16:00:00Z`,
        barriers: ['transport', 'childcare'],
      },
    });
    expect(appt.status).toBe(201);
    const missed = await call(h.app, 'PATCH', `/api/clients/${client.id}/appointments/${appt.body.id}`, {
      cookie: w.cookie.chw,
      body: { status: 'missed' },
    });
    expect(missed.body).toMatchObject({ status: 'missed', barriers: ['transport', 'childcare'] });
  });

  it.each([
    ['an appointment in 1900', { place: 'x', at: '1900-05-01T10:00:00Z' }, 'at'],
    ['an appointment in 2099', { place: 'x', at: '2099-05-01T10:00:00Z' }, 'at'],
    [
      'a barrier we do not know',
      { place: 'x', at: '2027-05-01T10:00:00Z', barriers: ['weather'] },
      'barriers.0',
    ],
  ])('refuses %s', async (_what, body, path) => {
    const client = await register(h, w.cookie.chw, { givenName: 'Cita Mala' });
    const reply = await call(h.app, 'POST', `/api/clients/${client.id}/appointments`, {
      cookie: w.cookie.chw,
      body,
    });
    expect(reply.status).toBe(400);
    expect((reply.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });
});

describe('follow-ups and Today', () => {
  it('sorts the CHW’s tasks into overdue, due today and upcoming, and done tasks leave', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Tareas' });
    const add = (title: string, dueOn: string) =>
      call(h.app, 'POST', `/api/clients/${client.id}/tasks`, {
        cookie: w.cookie.chw,
        body: { title, dueOn },
      });
    const late = await add('Llamar', addDays(todayUtc(), -2));
    await add('Visitar', todayUtc());
    await add('Revisar cita', addDays(todayUtc(), 4));
    const day = bodyAs<Today>(await call(h.app, 'GET', '/api/today', { cookie: w.cookie.chw }));
    expect(day.date).toBe(todayUtc());
    const mine = (list: Today['overdue']) => list.filter((t) => t.clientId === client.id).map((t) => t.title);
    expect([mine(day.overdue), mine(day.dueToday), mine(day.upcoming)]).toEqual([
      ['Llamar'],
      ['Visitar'],
      ['Revisar cita'],
    ]);
    await call(h.app, 'PATCH', `/api/tasks/${late.body.id}`, {
      cookie: w.cookie.chw,
      body: { status: 'done' },
    });
    const after = bodyAs<Today>(await call(h.app, 'GET', '/api/today', { cookie: w.cookie.chw }));
    expect(mine(after.overdue)).toEqual([]);
    const other = await call(h.app, 'PATCH', `/api/tasks/${late.body.id}`, {
      cookie: w.cookie.chw2,
      body: { status: 'open' },
    });
    expect(other.status).toBe(404);
  });
});
