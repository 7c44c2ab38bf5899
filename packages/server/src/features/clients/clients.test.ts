import type { Client, ClientSummary } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { programToday } from '../../test/dates.js';
import { bodyAs, call } from '../../test/http.js';

const h = useApp();
let w: CaseloadWorld;
beforeAll(async () => {
  w = await caseloadWorld(h, 'clients');
});

const count = async (table: string) =>
  (await h.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n ?? 0;

describe('registering a person', () => {
  it('needs only a name and a language, and puts the person in the CHW’s caseload', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Ernesto' });
    expect(client).toMatchObject({
      displayName: 'Ernesto',
      preferredLanguage: 'es',
      safeToContact: true,
      okToText: false,
    });
    expect(client.assignedChwId).toBe(w.org.ids[w.org.chw]);
    const list = bodyAs<{ clients: ClientSummary[] }>(
      await call(h.app, 'GET', '/api/clients', { cookie: w.cookie.chw }),
    );
    expect(list.clients.map((c) => c.id)).toContain(client.id);
  });

  it('finds people by name without accents or case, and by the last digits of a phone', async () => {
    const client = await register(h, w.cookie.chw, {
      givenName: 'María José',
      familyName: 'Núñez',
      phone: '(555) 301-7788',
    });
    for (const q of ['maria jose', 'NUÑEZ', 'nunez', '7788']) {
      const list = bodyAs<{ clients: ClientSummary[] }>(
        await call(h.app, 'GET', `/api/clients?q=${encodeURIComponent(q)}`, { cookie: w.cookie.chw }),
      );
      expect(
        list.clients.map((c) => c.id),
        q,
      ).toContain(client.id);
    }
    const none = bodyAs<{ clients: ClientSummary[]; total: number }>(
      await call(h.app, 'GET', '/api/clients?q=zzzz', { cookie: w.cookie.chw }),
    );
    expect(none).toEqual({ clients: [], total: 0 });
  });

  it('warns about a re-registration with a changed spelling and the same phone, naming only people the caller may see', async () => {
    const first = await register(h, w.cookie.chw, {
      givenName: 'José',
      familyName: 'Hernández',
      phone: '555-201-3344',
    });
    const again = await call(h.app, 'POST', '/api/clients', {
      cookie: w.cookie.chw,
      body: { givenName: 'Jose', familyName: 'Hernandes', phone: '(555) 201 3344', preferredLanguage: 'es' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'possibleDuplicate', heldElsewhere: false });
    expect(again.body.duplicates).toEqual([{ id: first.id, displayName: 'José Hernández', match: 'phone' }]);

    const byOtherChw = await call(h.app, 'POST', '/api/clients', {
      cookie: w.cookie.chw2,
      body: { givenName: 'Jose', familyName: 'Hernandez', phone: '5552013344', preferredLanguage: 'es' },
    });
    expect(byOtherChw.status).toBe(409);
    expect(byOtherChw.body).toMatchObject({ duplicates: [], heldElsewhere: true });
    expect(byOtherChw.body).not.toHaveProperty('elsewhere');
    expect(JSON.stringify(byOtherChw.body)).not.toContain('Hern');

    const sure = await call(h.app, 'POST', '/api/clients', {
      cookie: w.cookie.chw,
      body: {
        givenName: 'Jose',
        familyName: 'Hernandes',
        phone: '5552013344',
        preferredLanguage: 'es',
        notADuplicate: true,
      },
    });
    expect(sure.status).toBe(201);
  });

  it('does not warn for a different person who shares a phone', async () => {
    await register(h, w.cookie.chw, { givenName: 'Carmen', familyName: 'Ruiz', phone: '555-444-1212' });
    const sister = await call(h.app, 'POST', '/api/clients', {
      cookie: w.cookie.chw,
      body: { givenName: 'Elena', familyName: 'Ruiz', phone: '555-444-1212', preferredLanguage: 'es' },
    });
    expect(sister.status).toBe(201);
  });

  it.each([
    [
      'a birth date in the future',
      { birthDate: '2999-01-01' },
      'birthDate',
      'A birth date cannot be in the future.',
    ],
    [
      'a birth date before 1900',
      { birthDate: '1850-05-05' },
      'birthDate',
      'A birth date before 1900 is not possible.',
    ],
    ['a date that does not exist', { birthDate: '2001-02-30' }, 'birthDate', 'Enter a date as YYYY-MM-DD.'],
    [
      'a phone number that is not one',
      { phone: '555-0100' },
      'phone',
      'This is not a phone number we can call',
    ],
    [
      'a name that is far too long',
      { givenName: 'x'.repeat(500) },
      'givenName',
      'Keep this under 120 characters.',
    ],
    ['an empty name', { givenName: '  ' }, 'givenName', 'This is required.'],
    ['a field we do not know', { ssn: '123' }, 'ssn', 'This field is not expected here.'],
  ])('refuses %s, saying which field and why, and saves nothing', async (_what, change, path, message) => {
    const before = await count('client');
    const reply = await call(h.app, 'POST', '/api/clients', {
      cookie: w.cookie.chw2,
      body: { givenName: 'Valid', preferredLanguage: 'en', ...change },
    });
    expect(reply.status).toBe(400);
    const errors = reply.body.errors as { path: string; message: string }[];
    expect(errors).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(await count('client')).toBe(before);
  });

  it('answers field problems in Spanish to a CHW working in Spanish', async () => {
    const reply = await call(h.app, 'POST', '/api/clients', {
      cookie: w.cookie.chw,
      body: { givenName: 'Ana', preferredLanguage: 'es', birthDate: '2999-01-01' },
    });
    expect(reply.body.errors).toEqual([
      { path: 'birthDate', message: 'La fecha de nacimiento no puede estar en el futuro.' },
    ]);
  });
});

describe('changing a record', () => {
  it('changes and clears fields, keeping search in step with the name', async () => {
    const client = await register(h, w.cookie.chw, {
      givenName: 'Lupe',
      neighborhood: 'Centro',
      phone: '555-777-1234',
    });
    const reply = await call(h.app, 'PATCH', `/api/clients/${client.id}`, {
      cookie: w.cookie.chw,
      body: {
        familyName: 'Zamora',
        neighborhood: null,
        safeToContact: false,
        household: [{ relationship: 'hija', age: 9 }],
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      displayName: 'Lupe Zamora',
      neighborhood: null,
      safeToContact: false,
      phone: '+15557771234',
      household: [{ relationship: 'hija', age: 9 }],
    });
    const found = bodyAs<{ clients: ClientSummary[] }>(
      await call(h.app, 'GET', '/api/clients?q=zamora', { cookie: w.cookie.chw }),
    );
    expect(found.clients.map((c) => c.id)).toEqual([client.id]);
  });
});

describe('who sees whom', () => {
  it('a second CHW gets "not found" for the first CHW’s client through every client route', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Privada' });
    const doc = bodyAs<{ paths: Record<string, Record<string, unknown>> }>(
      await call(h.app, 'GET', '/api/openapi.json'),
    );
    const any = '00000000-0000-7000-8000-000000000001';
    const bodies: Record<string, unknown> = {
      'PATCH /api/clients/{id}': { notes: 'x' },
      'POST /api/clients/{id}/consents': { kind: 'service', method: 'verbal', givenOn: '2026-01-05' },
      'POST /api/clients/{id}/consents/{consentId}/revoke': {},
      'POST /api/clients/{id}/encounters': {
        kind: 'phone-call',
        occurredAt: '2026-01-05T10:00:00Z',
        language: 'es',
      },
      'POST /api/clients/{id}/goals': { text: 'x', needArea: 'stress' },
      'PATCH /api/clients/{id}/goals/{goalId}': { status: 'achieved' },
      'POST /api/clients/{id}/goals/{goalId}/steps': { text: 'x', owner: 'chw' },
      'PATCH /api/clients/{id}/goals/{goalId}/steps/{stepId}': { status: 'done' },
      'POST /api/clients/{id}/appointments': { place: 'x', at: '2026-12-05T10:00:00Z' },
      'PATCH /api/clients/{id}/appointments/{appointmentId}': { status: 'kept' },
      'POST /api/clients/{id}/tasks': { title: 'x', dueOn: '2026-12-05' },
      'POST /api/clients/{id}/transfer': { chwId: w.org.ids[w.org.chw2], reason: 'x' },
      'POST /api/clients/{id}/merge': { duplicateId: any },
      'POST /api/clients/{id}/break-glass': { reason: 'a long enough reason' },
      'POST /api/clients/{id}/referrals': { serviceId: 'x', need: 'stress', reason: 'x' },
      'POST /api/clients/{id}/messages': { text: 'Hola' },
      'POST /api/clients/{id}/resource-links': {
        resourceIds: ['x'],
        language: 'es',
        expiresOn: programToday(7),
      },
    };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/clients/{id}'))
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    for (const route of routes) {
      const [method = '', template = ''] = route.split(' ');
      const path = template.replace('{id}', client.id).replace(/\{\w+\}/g, any);
      const reply = await call(h.app, method, path, { cookie: w.cookie.chw2, body: bodies[route] });
      const roleRefused = /transfer|merge|break-glass|risk-flag/.test(route);
      expect(reply.status, route).toBe(roleRefused ? 403 : 404);
      expect(JSON.stringify(reply.body), route).not.toContain('Privada');
    }
  });

  it('a supervisor sees the team’s caseloads; a CHW outside the team is not visible to them', async () => {
    const inTeam = await register(h, w.cookie.chw, { givenName: 'Del Equipo' });
    const outside = await register(h, w.cookie.chw2, { givenName: 'Fuera' });
    expect(
      (await call(h.app, 'GET', `/api/clients/${inTeam.id}`, { cookie: w.cookie.supervisor })).status,
    ).toBe(200);
    expect(
      (await call(h.app, 'GET', `/api/clients/${outside.id}`, { cookie: w.cookie.supervisor })).status,
    ).toBe(404);
  });

  it('a manager sees counts but no names; partners and other organizations see nothing', async () => {
    await register(h, w.cookie.chw, { givenName: 'Contada' });
    expect((await call(h.app, 'GET', '/api/clients', { cookie: w.cookie.manager })).status).toBe(403);
    const counts = await call(h.app, 'GET', '/api/caseload/counts', { cookie: w.cookie.manager });
    expect(counts.status).toBe(200);
    expect(counts.body.clients).toBeGreaterThan(0);
    const text = JSON.stringify(counts.body);
    expect(text).not.toContain('Contada');
    expect(text).not.toMatch(/displayName|name/i);
    expect((await call(h.app, 'GET', '/api/clients', { cookie: w.cookie.partner })).status).toBe(403);
    const otherCounts = await call(h.app, 'GET', '/api/caseload/counts', { cookie: w.cookie.otherAdmin });
    expect(otherCounts.body.clients).toBe(0);
  });
});

describe('break the glass', () => {
  it('opens a record outside one’s scope for a stated reason, audited and shown to the supervisor', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Urgente' });
    expect((await call(h.app, 'GET', `/api/clients/${client.id}`, { cookie: w.cookie.admin })).status).toBe(
      404,
    );
    const short = await call(h.app, 'POST', `/api/clients/${client.id}/break-glass`, {
      cookie: w.cookie.admin,
      body: { reason: 'why' },
    });
    expect(short.status).toBe(400);
    const opened = await call(h.app, 'POST', `/api/clients/${client.id}/break-glass`, {
      cookie: w.cookie.admin,
      body: { reason: 'CHW on leave; the person called the office in crisis' },
    });
    expect(opened.status).toBe(200);
    const record = bodyAs<Client>(
      await call(h.app, 'GET', `/api/clients/${client.id}`, { cookie: w.cookie.admin }),
    );
    expect(record.displayName).toBe('Urgente');
    expect(record.accessUntil).toBe(opened.body.until);
    const events = await h.db.query<{ action: string; detail: Record<string, unknown> }>(
      `select action, detail from audit_event where subject_id = $1 and actor_role = 'admin' order by seq`,
      [client.id],
    );
    expect(events.map((e) => e.action)).toEqual(['client.break-glass', 'client.viewed']);
    expect(events[1]?.detail).toEqual({ breakGlass: true });
    const team = await call(h.app, 'GET', '/api/team/overview', { cookie: w.cookie.supervisor });
    expect(team.body.breakGlass).toContainEqual(
      expect.objectContaining({
        clientId: client.id,
        userName: 'admin of clients',
        reason: expect.stringContaining('crisis'),
      }),
    );
    await h.db.query(`update break_glass set expires_at = now() - interval '1 second' where client_id = $1`, [
      client.id,
    ]);
    expect((await call(h.app, 'GET', `/api/clients/${client.id}`, { cookie: w.cookie.admin })).status).toBe(
      404,
    );
  });

  it('is not for records one can already open, nor for other organizations', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Visible' });
    const own = await call(h.app, 'POST', `/api/clients/${client.id}/break-glass`, {
      cookie: w.cookie.supervisor,
      body: { reason: 'just checking on the visit' },
    });
    expect(own.body.code).toBe('breakGlassNotNeeded');
    const foreign = await call(h.app, 'POST', `/api/clients/${client.id}/break-glass`, {
      cookie: w.cookie.otherAdmin,
      body: { reason: 'trying to read another program' },
    });
    expect(foreign.status).toBe(404);
  });
});
