import type { Team, User } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';

const h = useApp();
let a: TestOrg;
let b: TestOrg;
let adminA: string;
const setup = async () => {
  if (!a) {
    a = await seedOrg(h.db, 'org-a');
    b = await seedOrg(h.db, 'org-b');
    adminA = await signIn(h.app, a.admin, PASSWORD);
  }
};

describe('organizations are walled off from each other', () => {
  it('an admin lists only their own organization’s users', async () => {
    await setup();
    const { users } = bodyAs<{ users: User[] }>(await call(h.app, 'GET', '/api/users', { cookie: adminA }));
    expect(users.map((u) => u.email).sort()).toEqual(
      [a.admin, a.chw, a.chw2, a.manager, a.partner, a.supervisor].sort(),
    );
  });

  it('an admin cannot read, change or disable a user of another organization', async () => {
    await setup();
    const other = b.ids[b.chw];
    const reply = await call(h.app, 'PATCH', `/api/users/${other}`, {
      cookie: adminA,
      body: { disabled: true },
    });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('userNotFound');
    const [row] = await h.db.query<{ disabled: boolean }>(
      'select disabled_at is not null as disabled from app_user where id = $1',
      [other],
    );
    expect(row?.disabled).toBe(false);
  });

  it('a team cannot be made of another organization’s people', async () => {
    await setup();
    const reply = await call(h.app, 'POST', '/api/teams', {
      cookie: adminA,
      body: { name: 'Mixed', supervisorId: a.ids[a.supervisor], memberIds: [b.ids[b.chw]] },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('teamMemberNotFound');
    const foreignLead = await call(h.app, 'POST', '/api/teams', {
      cookie: adminA,
      body: { name: 'Foreign lead', supervisorId: b.ids[b.supervisor], memberIds: [] },
    });
    expect(foreignLead.body.code).toBe('supervisorRoleRequired');
    expect(await h.db.query('select 1 from team')).toHaveLength(0);
  });

  it('audit events are read per organization', async () => {
    await setup();
    const adminB = await signIn(h.app, b.admin, PASSWORD);
    const events = bodyAs<{ events: { subjectId: string }[] }>(
      await call(h.app, 'GET', '/api/audit?limit=500', { cookie: adminB }),
    ).events;
    const aIds = new Set(Object.values(a.ids));
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((e) => aIds.has(e.subjectId))).toBe(false);
  });
});

describe('users and teams', () => {
  it('an admin creates a user who can then sign in, and disabling ends their sessions', async () => {
    await setup();
    const created = await call(h.app, 'POST', '/api/users', {
      cookie: adminA,
      body: {
        email: 'Nueva@Org-A.test',
        displayName: 'Nueva Promotora',
        role: 'chw',
        locale: 'es',
        password: 'una contraseña larga',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'nueva@org-a.test',
      role: 'chw',
      locale: 'es',
      disabled: false,
    });
    const session = await signIn(h.app, 'nueva@org-a.test', 'una contraseña larga');
    const disabled = await call(h.app, 'PATCH', `/api/users/${created.body.id}`, {
      cookie: adminA,
      body: { disabled: true },
    });
    expect(disabled.body.disabled).toBe(true);
    expect((await call(h.app, 'GET', '/api/auth/me', { cookie: session })).status).toBe(401);
    const again = await call(h.app, 'POST', '/api/auth/sign-in', {
      body: { email: 'nueva@org-a.test', password: 'una contraseña larga' },
    });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('accountDisabled');
  });

  it('an admin cannot disable or demote themself', async () => {
    await setup();
    const self = a.ids[a.admin];
    for (const body of [{ disabled: true }, { role: 'chw' }]) {
      const reply = await call(h.app, 'PATCH', `/api/users/${self}`, { cookie: adminA, body });
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe('cannotDisableSelf');
    }
  });

  it('a supervisor sees the teams they lead, and only those', async () => {
    await setup();
    const made = await call(h.app, 'POST', '/api/teams', {
      cookie: adminA,
      body: {
        name: 'Equipo Norte',
        supervisorId: a.ids[a.supervisor],
        memberIds: [a.ids[a.chw], a.ids[a.chw]],
      },
    });
    expect(made.status).toBe(201);
    expect(made.body.memberIds).toEqual([a.ids[a.chw]]);
    const supervisor = await signIn(h.app, a.supervisor, PASSWORD);
    const { teams } = bodyAs<{ teams: Team[] }>(
      await call(h.app, 'GET', '/api/teams', { cookie: supervisor }),
    );
    expect(teams).toEqual([expect.objectContaining({ name: 'Equipo Norte', memberIds: [a.ids[a.chw]] })]);
    const supervisorB = await signIn(h.app, b.supervisor, PASSWORD);
    expect(
      bodyAs<{ teams: Team[] }>(await call(h.app, 'GET', '/api/teams', { cookie: supervisorB })).teams,
    ).toEqual([]);
  });
});
