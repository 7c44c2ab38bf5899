import { type PullResponse, type TeamOverview, type Today, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { register } from '../../test/caseload.js';
import { programToday } from '../../test/dates.js';
import { bodyAs, call } from '../../test/http.js';
import { type TwoTeams, twoTeams } from '../../test/two-teams.js';
import { device, mutation, pullAll, pushBatch } from '../sync/testing.js';

const h = useApp();
let w: TwoTeams;
beforeAll(async () => {
  w = await twoTeams(h, 'tasks');
});

const addTask = (clientId: string, cookie: string, assigneeId: string, title = 'Llamar a la familia') =>
  call(h.app, 'POST', `/api/clients/${clientId}/tasks`, {
    cookie,
    body: { title, dueOn: programToday(), assigneeId },
  });

const tasksOn = async (clientId: string) =>
  (await h.db.query<{ n: number }>('select count(*)::int as n from task where client_id = $1', [clientId]))[0]
    ?.n;

describe('a task goes only to someone who works with the person', () => {
  it('a supervisor cannot give a CHW a task about a person outside that CHW’s caseload', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Solo De Rosa' });
    const refused = await addTask(person.id, w.cookie.supervisor, w.id.chw3);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('taskOutsideCaseload');
    expect(JSON.stringify(refused.body)).not.toContain('Solo De Rosa');
    expect(await tasksOn(person.id)).toBe(0);
    // To the CHW who holds the person, it goes.
    expect((await addTask(person.id, w.cookie.supervisor, w.id.chw)).status).toBe(201);
  });

  it('the same refusal from a phone, in the caller’s language', async () => {
    const person = await register(h, w.cookie.chw2, { givenName: 'Solo De Marcus' });
    await h.db.query('insert into team_member (org_id, team_id, user_id) values ($1, $2, $3)', [
      w.org.orgId,
      w.teamB,
      w.id.chw3,
    ]);
    try {
      const pushed = await pushBatch(h, device(w.more.supervisorB), [
        mutation('task.add', person.id, {
          task: { id: uuidv7(), title: 'Visitar', dueOn: programToday(), assigneeId: w.id.chw3 },
        }),
      ]);
      expect(pushed.results).toEqual([
        expect.objectContaining({
          status: 'rejected',
          problem: expect.objectContaining({
            code: 'taskOutsideCaseload',
            title: expect.stringMatching(/promotora/),
          }),
        }),
      ]);
      expect(await tasksOn(person.id)).toBe(0);
    } finally {
      await h.db.query('delete from team_member where team_id = $1 and user_id = $2', [w.teamB, w.id.chw3]);
    }
  });

  it('a task that exists anyway shows on no Today, team screen or phone of a CHW who does not hold the person', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Nombre Privado' });
    const title = 'Tarea que no debe verse';
    await h.db.query(
      `insert into task (id, org_id, client_id, assignee_id, title, due_on, created_by)
       values ($1, $2, $3, $4, $5, $6::date - 2, $7)`,
      [uuidv7(), w.org.orgId, person.id, w.id.chw3, title, programToday(), w.id.supervisor],
    );
    const today = await call(h.app, 'GET', '/api/today', { cookie: w.more.chw3 });
    expect(today.status).toBe(200);
    const day = bodyAs<Today>(today);
    expect([...day.overdue, ...day.dueToday, ...day.upcoming]).toEqual([]);
    expect(JSON.stringify(day)).not.toContain('Nombre Privado');

    const team = bodyAs<TeamOverview>(
      await call(h.app, 'GET', '/api/team/overview', { cookie: w.cookie.supervisor }),
    );
    expect(team.overdue.map((t) => t.title)).not.toContain(title);
    expect(team.members.find((m) => m.chwId === w.id.chw3)?.overdueTasks).toBe(0);

    const pages: PullResponse[] = await pullAll(h, device(w.more.chw3));
    const text = JSON.stringify(pages.flatMap((p) => p.rows));
    expect(text).not.toContain(title);
    expect(text).not.toContain('Nombre Privado');

    // Once the person is handed to that CHW, the task is theirs to see.
    expect(
      (
        await call(h.app, 'POST', `/api/clients/${person.id}/transfer`, {
          cookie: w.cookie.supervisor,
          body: { chwId: w.id.chw3, reason: 'Caseload balance' },
        })
      ).status,
    ).toBe(204);
    const after = bodyAs<Today>(await call(h.app, 'GET', '/api/today', { cookie: w.more.chw3 }));
    expect(after.overdue.map((t) => t.title)).toContain(title);
  });
});
