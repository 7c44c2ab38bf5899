import type { SetupChecklist, SetupStep } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../setup/organizations.js';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { sampleDirectory } from '../directory/sample-directory.js';

const h = useApp();
const FRESH_ADMIN = 'admin@fresh-program.test';
let admin: string;
let other: TestOrg;
let otherAdmin: string;

beforeAll(async () => {
  // A program as the first start makes it: named "Puente", one admin, nothing else.
  await h.db.transaction((tx) =>
    createOrganization(tx, { name: 'Puente', locale: 'en', twoFactor: 'none' }, [
      { email: FRESH_ADMIN, displayName: 'First admin', role: 'admin', locale: 'es', password: PASSWORD },
    ]),
  );
  admin = await signIn(h.app, FRESH_ADMIN, PASSWORD);
  other = await seedOrg(h.db, 'setup-other');
  otherAdmin = await signIn(h.app, other.admin, PASSWORD);
});

const checklist = async (cookie: string) => {
  const reply = await call(h.app, 'GET', '/api/setup/checklist', { cookie });
  expect(reply.status).toBe(200);
  return bodyAs<SetupChecklist>(reply);
};
const stepOf = (list: SetupChecklist, id: SetupStep['id']) => list.steps.find((s) => s.id === id);
const states = (list: SetupChecklist) => Object.fromEntries(list.steps.map((s) => [s.id, s.state]));

describe('the first-run checklist', () => {
  it('shows a fresh program every step missing, the caseload import among them as optional', async () => {
    const list = await checklist(admin);
    expect(states(list)).toEqual({
      name: 'missing',
      logo: 'missing',
      timeZone: 'missing',
      language: 'missing',
      crisis: 'missing',
      teams: 'missing',
      chws: 'missing',
      directory: 'missing',
      caseload: 'missing',
    });
    expect(list).toMatchObject({ done: 0, required: 7 });
    expect(stepOf(list, 'name')).toMatchObject({ value: 'Puente' });
    expect(stepOf(list, 'crisis')?.gaps).toEqual(['lines', 'emergencyNumber']);
    expect(stepOf(list, 'caseload')).toMatchObject({ optional: true, count: 0 });
    expect(stepOf(list, 'logo')).toMatchObject({ optional: true });
  });

  it('marks the name, time zone and language done once saved, a CHW once invited, the directory once loaded', async () => {
    const settings = (await call(h.app, 'GET', '/api/program/settings', { cookie: admin })).body;
    expect(settings).toMatchObject({ programName: 'Puente', programLanguage: 'en' });
    const saved = await call(h.app, 'PUT', '/api/program/settings', {
      cookie: admin,
      body: {
        ...settings,
        programName: 'Promotoras del Valle',
        programLanguage: 'es',
        timeZone: 'America/Chicago',
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ programName: 'Promotoras del Valle', programLanguage: 'es' });
    const invited = await call(h.app, 'POST', '/api/users/invitations', {
      cookie: admin,
      body: { email: 'rosa@fresh-program.test', displayName: 'Rosa', role: 'chw', locale: 'es' },
    });
    expect(invited.status).toBe(201);
    const loaded = await call(h.app, 'POST', '/api/directory/import', {
      cookie: admin,
      body: sampleDirectory(),
    });
    expect(loaded.status).toBe(200);

    const list = await checklist(admin);
    expect(states(list)).toMatchObject({
      name: 'done',
      timeZone: 'done',
      language: 'done',
      chws: 'done',
      directory: 'done',
      crisis: 'missing',
      teams: 'missing',
    });
    expect(list.done).toBe(5);
    expect(stepOf(list, 'name')?.value).toBe('Promotoras del Valle');
    expect(stepOf(list, 'timeZone')?.value).toBe('America/Chicago');
    expect(stepOf(list, 'language')?.language).toBe('es');
    // Rosa has not chosen her password yet: invited, not yet signed in.
    expect(stepOf(list, 'chws')).toMatchObject({ count: 1, pending: 1 });
    expect(stepOf(list, 'directory')?.count).toBeGreaterThan(0);
    // The new name is what the program's people see.
    const me = await call(h.app, 'GET', '/api/auth/me', { cookie: admin });
    expect(me.body.organization).toMatchObject({ name: 'Promotoras del Valle' });
  });

  it('refuses an empty name in plain words and leaves the program as it was', async () => {
    const settings = (await call(h.app, 'GET', '/api/program/settings', { cookie: admin })).body;
    const refused = await call(h.app, 'PUT', '/api/program/settings', {
      cookie: admin,
      body: { ...settings, programName: '   ', timeZone: 'Europe/Madrid' },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('programName');
    const after = (await call(h.app, 'GET', '/api/program/settings', { cookie: admin })).body;
    expect(after).toMatchObject({ programName: 'Promotoras del Valle', timeZone: 'America/Chicago' });
  });

  it('shows another organization’s admin only their own program', async () => {
    const list = await checklist(otherAdmin);
    expect(stepOf(list, 'name')?.value).toBe('Org setup-other');
    expect(stepOf(list, 'directory')).toMatchObject({ state: 'missing', count: 0 });
    // Their own two CHWs, not the fresh program's Rosa.
    expect(stepOf(list, 'chws')).toMatchObject({ count: 2, pending: 0 });
    expect(stepOf(list, 'language')?.state).toBe('missing');
  });

  it('refuses everyone but admins, and anyone signed out', async () => {
    for (const email of [other.chw, other.supervisor, other.manager, other.partner]) {
      const cookie = await signIn(h.app, email, PASSWORD);
      const reply = await call(h.app, 'GET', '/api/setup/checklist', { cookie });
      expect(reply.status, email).toBe(403);
      expect(reply.body.steps).toBeUndefined();
    }
    expect((await call(h.app, 'GET', '/api/setup/checklist')).status).toBe(401);
  });
});
