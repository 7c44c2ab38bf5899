import type { Client, ClientSummary, TeamOverview } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { bodyAs, call } from '../../test/http.js';

const h = useApp();
let w: CaseloadWorld;
beforeAll(async () => {
  w = await caseloadWorld(h, 'team');
  // The second CHW joins the supervisor's team so clients can be handed over inside it.
  await h.db.query(
    'insert into team_member (org_id, team_id, user_id) select org_id, id, $2 from team where supervisor_id = $1',
    [w.org.ids[w.org.supervisor], w.org.ids[w.org.chw2]],
  );
});

describe('supervision', () => {
  it('the team screen shows overdue tasks and people with no contact in N days', async () => {
    const quiet = await register(h, w.cookie.chw, { givenName: 'Sin Contacto' });
    await h.db.query("update client set created_at = now() - interval '45 days' where id = $1", [quiet.id]);
    await call(h.app, 'POST', `/api/clients/${quiet.id}/tasks`, {
      cookie: w.cookie.chw,
      body: { title: 'Llamar', dueOn: '2026-01-02' },
    });
    const team = bodyAs<TeamOverview>(
      await call(h.app, 'GET', '/api/team/overview', { cookie: w.cookie.supervisor }),
    );
    const rosa = team.members.find((m) => m.chwId === w.org.ids[w.org.chw]);
    expect(rosa?.noRecentContact.map((c) => c.id)).toContain(quiet.id);
    expect(rosa?.overdueTasks).toBeGreaterThanOrEqual(1);
    expect(team.overdue).toContainEqual(
      expect.objectContaining({ clientId: quiet.id, assigneeName: 'chw of team' }),
    );
    expect((await call(h.app, 'GET', '/api/team/overview', { cookie: w.cookie.chw })).status).toBe(403);
  });

  it('a transfer hands the person and their open tasks over, and keeps the history', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Traslado' });
    await call(h.app, 'POST', `/api/clients/${client.id}/tasks`, {
      cookie: w.cookie.chw,
      body: { title: 'Llamar', dueOn: '2027-01-02' },
    });
    const moved = await call(h.app, 'POST', `/api/clients/${client.id}/transfer`, {
      cookie: w.cookie.supervisor,
      body: { chwId: w.org.ids[w.org.chw2], reason: 'Rosa de licencia' },
    });
    expect(moved.status).toBe(204);
    expect((await call(h.app, 'GET', `/api/clients/${client.id}`, { cookie: w.cookie.chw })).status).toBe(
      404,
    );
    const record = bodyAs<Client>(
      await call(h.app, 'GET', `/api/clients/${client.id}`, { cookie: w.cookie.chw2 }),
    );
    expect(record.assignedChwId).toBe(w.org.ids[w.org.chw2]);
    expect(record.openTasks.map((t) => t.assigneeId)).toEqual([w.org.ids[w.org.chw2]]);
    const history = await h.db.query<{ chw: string; ended: boolean }>(
      'select chw_id as chw, ended_at is not null as ended from client_assignment where client_id = $1 order by started_at',
      [client.id],
    );
    expect(history).toEqual([
      { chw: w.org.ids[w.org.chw], ended: true },
      { chw: w.org.ids[w.org.chw2], ended: false },
    ]);
  });

  it('refuses a transfer to a user of another organization, and changes nothing', async () => {
    const client = await register(h, w.cookie.chw, { givenName: 'Se Queda' });
    const reply = await call(h.app, 'POST', `/api/clients/${client.id}/transfer`, {
      cookie: w.cookie.supervisor,
      body: { chwId: w.other.ids[w.other.chw], reason: 'equivocado' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('chwNotAssignable');
    const [row] = await h.db.query<{ chw: string }>(
      'select assigned_chw_id as chw from client where id = $1',
      [client.id],
    );
    expect(row?.chw).toBe(w.org.ids[w.org.chw]);
  });

  it('merging keeps both histories on the record kept, and the duplicate leaves the lists', async () => {
    const kept = await register(h, w.cookie.chw, { givenName: 'Guadalupe', familyName: 'Ruiz' });
    const dup = await register(h, w.cookie.chw, {
      givenName: 'Lupita',
      phone: '555-909-1111',
      notADuplicate: true,
    });
    for (const c of [kept, dup]) {
      await call(h.app, 'POST', `/api/clients/${c.id}/encounters`, {
        cookie: w.cookie.chw,
        body: { kind: 'phone-call', occurredAt: new Date().toISOString(), language: 'es' },
      });
    }
    const merged = await call(h.app, 'POST', `/api/clients/${kept.id}/merge`, {
      cookie: w.cookie.supervisor,
      body: { duplicateId: dup.id },
    });
    expect(merged.status).toBe(204);
    const record = bodyAs<Client>(
      await call(h.app, 'GET', `/api/clients/${kept.id}`, { cookie: w.cookie.chw }),
    );
    expect(record.encounters).toHaveLength(2);
    expect(record.phone).toBe('+15559091111');
    expect((await call(h.app, 'GET', `/api/clients/${dup.id}`, { cookie: w.cookie.chw })).status).toBe(404);
    const list = bodyAs<{ clients: ClientSummary[] }>(
      await call(h.app, 'GET', '/api/clients?q=lupita', { cookie: w.cookie.chw }),
    );
    expect(list.clients).toEqual([]);
  });

  it('supervision notes: the supervisor writes them, the CHW reads their own, nobody else’s', async () => {
    const written = await call(h.app, 'POST', '/api/supervision-notes', {
      cookie: w.cookie.supervisor,
      body: { chwId: w.org.ids[w.org.chw], note: 'Buen trabajo con el plan de seguridad.' },
    });
    expect(written.status).toBe(201);
    const own = await call(h.app, 'GET', `/api/supervision-notes?chwId=${w.org.ids[w.org.chw]}`, {
      cookie: w.cookie.chw,
    });
    expect(own.body.notes).toEqual([
      expect.objectContaining({ note: 'Buen trabajo con el plan de seguridad.' }),
    ]);
    const nosy = await call(h.app, 'GET', `/api/supervision-notes?chwId=${w.org.ids[w.org.chw]}`, {
      cookie: w.cookie.chw2,
    });
    expect(nosy.status).toBe(404);
    const chwWrites = await call(h.app, 'POST', '/api/supervision-notes', {
      cookie: w.cookie.chw,
      body: { chwId: w.org.ids[w.org.chw2], note: 'x' },
    });
    expect(chwWrites.status).toBe(403);
  });
});
