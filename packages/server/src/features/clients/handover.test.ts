import type { Client, TeamOverview } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { register } from '../../test/caseload.js';
import { bodyAs, call } from '../../test/http.js';
import { type TwoTeams, twoTeams } from '../../test/two-teams.js';

const h = useApp();
let w: TwoTeams;
beforeAll(async () => {
  w = await twoTeams(h, 'handover');
});

const holder = async (clientId: string) =>
  (
    await h.db.query<{ chw: string | null; merged: string | null }>(
      'select assigned_chw_id as chw, merged_into as merged from client where id = $1',
      [clientId],
    )
  )[0];

const breakGlass = (clientId: string, cookie: string) =>
  call(h.app, 'POST', `/api/clients/${clientId}/break-glass`, {
    cookie,
    body: { reason: 'The person called the office in crisis' },
  });

const transfer = (clientId: string, cookie: string, chwId: string) =>
  call(h.app, 'POST', `/api/clients/${clientId}/transfer`, {
    cookie,
    body: { chwId, reason: 'Caseload balance' },
  });

const openedBy = async (clientId: string, cookie: string) =>
  bodyAs<Client>(await call(h.app, 'GET', `/api/clients/${clientId}`, { cookie }));

const teamScreen = async (cookie: string) =>
  bodyAs<TeamOverview>(await call(h.app, 'GET', '/api/team/overview', { cookie }));

describe('break-the-glass is a window, not a key', () => {
  it('a supervisor who broke the glass on another team’s person cannot move them to themself', async () => {
    const person = await register(h, w.cookie.chw2, { givenName: 'De Otro Equipo' });
    expect((await breakGlass(person.id, w.cookie.supervisor)).status).toBe(200);
    for (const to of [w.id.supervisor, w.id.chw]) {
      const reply = await transfer(person.id, w.cookie.supervisor, to);
      expect(reply.status).toBe(403);
      expect(reply.body.code).toBe('handoverNotHeld');
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await holder(person.id))?.chw).toBe(w.id.chw2);
    // The opening stays on the screen of the supervisor whose team holds the person.
    const screen = await teamScreen(w.more.supervisorB);
    expect(screen.breakGlass.map((b) => b.clientId)).toContain(person.id);
  });

  it('nor merge them, either way round, and nothing moves', async () => {
    const theirs = await register(h, w.cookie.chw2, { givenName: 'Duplicada', notADuplicate: true });
    const ours = await register(h, w.cookie.chw, { givenName: 'Duplicada', notADuplicate: true });
    expect((await breakGlass(theirs.id, w.cookie.supervisor)).status).toBe(200);
    for (const [kept, duplicate] of [
      [ours.id, theirs.id],
      [theirs.id, ours.id],
    ]) {
      const reply = await call(h.app, 'POST', `/api/clients/${kept}/merge`, {
        cookie: w.cookie.supervisor,
        body: { duplicateId: duplicate },
      });
      expect(reply.status).toBe(403);
      expect(reply.body.code).toBe('handoverNotHeld');
    }
    expect(await holder(theirs.id)).toEqual({ chw: w.id.chw2, merged: null });
    expect(await holder(ours.id)).toEqual({ chw: w.id.chw, merged: null });
  });
});

describe('moves within a team and across teams', () => {
  it('a supervisor hands a person to another CHW of their own team', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Dentro' });
    expect((await transfer(person.id, w.cookie.supervisor, w.id.chw3)).status).toBe(204);
    expect((await holder(person.id))?.chw).toBe(w.id.chw3);
  });

  it('a supervisor cannot move a person to another team’s CHW, and is told so in their language', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Se Queda' });
    const reply = await transfer(person.id, w.cookie.supervisor, w.id.chw2);
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('handoverAcrossTeams');
    expect(reply.body.title).toMatch(/administrator/);
    expect(JSON.stringify(reply.body)).not.toContain('Se Queda');
    // As backup too: a backup on another team is a move across teams.
    const backup = await call(h.app, 'POST', `/api/clients/${person.id}/transfer`, {
      cookie: w.cookie.supervisor,
      body: { chwId: w.id.chw3, backupChwId: w.id.chw2, reason: 'Caseload balance' },
    });
    expect(backup.body.code).toBe('handoverAcrossTeams');
    expect((await holder(person.id))?.chw).toBe(w.id.chw);

    const theirs = await register(h, w.cookie.chw2, { givenName: 'Del Equipo B' });
    const spanish = await transfer(theirs.id, w.more.supervisorB, w.id.chw);
    expect(spanish.status).toBe(403);
    expect(spanish.body.title).toMatch(/administrador/);
    expect((await holder(theirs.id))?.chw).toBe(w.id.chw2);
  });

  it('an admin moves a person across teams; the break-the-glass opening stays with the team that held them', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Cruza Equipos' });
    expect((await breakGlass(person.id, w.more.supervisorB)).status).toBe(200);
    expect((await openedBy(person.id, w.more.supervisorB)).accessUntil).not.toBeNull();
    expect((await transfer(person.id, w.cookie.admin, w.id.chw2)).status).toBe(204);
    expect((await holder(person.id))?.chw).toBe(w.id.chw2);
    // Their team holds the person now: the record opens as theirs, not through the glass still open.
    expect((await openedBy(person.id, w.more.supervisorB)).accessUntil).toBeNull();

    const [grant] = await h.db.query<{ team: string | null }>(
      'select team_id as team from break_glass where client_id = $1',
      [person.id],
    );
    expect(grant?.team).toBe(w.teamA);
    const original = await teamScreen(w.cookie.supervisor);
    expect(original.breakGlass).toContainEqual(
      expect.objectContaining({ clientId: person.id, userName: 'supervisor-b' }),
    );
    const receiving = await teamScreen(w.more.supervisorB);
    expect(receiving.breakGlass.map((b) => b.clientId)).not.toContain(person.id);
  });

  it('an unassigned person’s opening belongs to no team', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Sin Asignar' });
    await h.db.query('update client set assigned_chw_id = null where id = $1', [person.id]);
    expect((await breakGlass(person.id, w.cookie.admin)).status).toBe(200);
    const [grant] = await h.db.query<{ team: string | null }>(
      'select team_id as team from break_glass where client_id = $1',
      [person.id],
    );
    expect(grant).toEqual({ team: null });
  });
});

describe('merging keeps a person’s risk flag in sight', () => {
  it('moves the duplicate’s open flag to the record kept, unless the kept one is flagged already', async () => {
    const kept = (await register(h, w.cookie.chw, { givenName: 'Marisol', familyName: 'Vega' })).id;
    const duplicate = (
      await register(h, w.cookie.chw, { givenName: 'Marisol', familyName: 'Vegas', notADuplicate: true })
    ).id;
    const supervisor = String(w.org.ids[w.org.supervisor]);
    await h.db.query(
      `insert into risk_flag (id, org_id, client_id, level, raised_by) values (gen_random_uuid(), $1, $2, 'high', $3)`,
      [w.org.orgId, duplicate, supervisor],
    );
    const merged = await call(h.app, 'POST', `/api/clients/${kept}/merge`, {
      cookie: w.cookie.supervisor,
      body: { duplicateId: duplicate },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(204);
    const open = await h.db.query<{ client: string }>(
      'select client_id as client from risk_flag where client_id = any($1::uuid[]) and cleared_at is null',
      [[kept, duplicate]],
    );
    expect(open).toEqual([{ client: kept }]);
  });
});

describe('merging carries a phone’s safety with the phone', () => {
  const merge = async (kept: string, duplicate: string) => {
    const reply = await call(h.app, 'POST', `/api/clients/${kept}/merge`, {
      cookie: w.cookie.supervisor,
      body: { duplicateId: duplicate },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(204);
    const record = await openedBy(kept, w.cookie.chw);
    return { phone: record.phone, safeToContact: record.safeToContact, okToText: record.okToText };
  };

  it('a phone taken from the duplicate keeps its "not safe to contact" and its "no texts"', async () => {
    const kept = await register(h, w.cookie.chw, { givenName: 'Inés', familyName: 'Roldán', okToText: true });
    const duplicate = await register(h, w.cookie.chw, {
      givenName: 'Inés',
      familyName: 'Roldan',
      phone: '555-201-3131',
      safeToContact: false,
      okToText: false,
      notADuplicate: true,
    });
    expect(duplicate.safeToContact).toBe(false);
    expect(await merge(kept.id, duplicate.id)).toEqual({
      phone: duplicate.phone,
      safeToContact: false,
      okToText: false,
    });
  });

  it('the record kept keeps its own phone and its own answers about it', async () => {
    const kept = await register(h, w.cookie.chw, {
      givenName: 'Noemí',
      familyName: 'Ibarra',
      phone: '555-201-3232',
      okToText: false,
    });
    const duplicate = await register(h, w.cookie.chw, {
      givenName: 'Noemí',
      familyName: 'Ybarra',
      phone: '555-201-3333',
      okToText: true,
      notADuplicate: true,
    });
    expect(await merge(kept.id, duplicate.id)).toEqual({
      phone: kept.phone,
      safeToContact: kept.safeToContact,
      okToText: false,
    });
  });
});

describe('merging keeps the person’s latest word on each consent', () => {
  const consent = async (clientId: string, kind: string) => {
    const reply = await call(h.app, 'POST', `/api/clients/${clientId}/consents`, {
      cookie: w.cookie.chw,
      body: { kind, method: 'verbal', givenOn: new Date().toISOString().slice(0, 10) },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return String(reply.body.id);
  };
  const standingText = async (clientId: string) =>
    (await openedBy(clientId, w.cookie.chw)).consents.filter(
      (k) => k.kind === 'text' && k.revokedAt === null,
    );

  it('a withdrawal on the record kept, later than the duplicate’s consent, withdraws that one too', async () => {
    const kept = (
      await register(h, w.cookie.chw, { givenName: 'Julia', familyName: 'Paz', phone: '555-201-4141' })
    ).id;
    const text = await consent(kept, 'text');
    const duplicate = (
      await register(h, w.cookie.chw, { givenName: 'Julia', familyName: 'Pas', notADuplicate: true })
    ).id;
    const theirs = await consent(duplicate, 'text');
    const revoked = await call(h.app, 'POST', `/api/clients/${kept}/consents/${text}/revoke`, {
      cookie: w.cookie.chw,
      body: {},
    });
    expect(revoked.status).toBe(200);
    const merged = await call(h.app, 'POST', `/api/clients/${kept}/merge`, {
      cookie: w.cookie.supervisor,
      body: { duplicateId: duplicate },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(204);
    expect(await standingText(kept)).toEqual([]);
    const audited = await h.db.query<{ detail: Record<string, unknown> }>(
      `select detail from audit_event where subject_id = $1 and action = 'consent.revoked'`,
      [kept],
    );
    expect(audited.map((a) => a.detail.consent).sort()).toEqual([text, theirs].sort());
  });

  it('a consent given again after the withdrawal stands, and so does the duplicate’s', async () => {
    const kept = (
      await register(h, w.cookie.chw, { givenName: 'Rosa', familyName: 'Luz', phone: '555-201-4242' })
    ).id;
    const text = await consent(kept, 'text');
    const duplicate = (
      await register(h, w.cookie.chw, { givenName: 'Rosa', familyName: 'Lus', notADuplicate: true })
    ).id;
    await consent(duplicate, 'text');
    const revoked = await call(h.app, 'POST', `/api/clients/${kept}/consents/${text}/revoke`, {
      cookie: w.cookie.chw,
      body: {},
    });
    expect(revoked.status).toBe(200);
    await consent(kept, 'text');
    const merged = await call(h.app, 'POST', `/api/clients/${kept}/merge`, {
      cookie: w.cookie.supervisor,
      body: { duplicateId: duplicate },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(204);
    expect(await standingText(kept)).toHaveLength(2);
  });
});
