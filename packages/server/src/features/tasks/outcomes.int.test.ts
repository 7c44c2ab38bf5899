import { addDays, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { programToday } from '../../test/dates.js';
import { call } from '../../test/http.js';
import { device, pushBatch } from '../sync/testing.js';

const h = useApp();
let w: CaseloadWorld;
let clientId: string;
beforeAll(async () => {
  w = await caseloadWorld(h, 'outcome');
  clientId = (await register(h, w.cookie.chw, { givenName: 'Resultado' })).id;
});

const newTask = async () => {
  const reply = await call(h.app, 'POST', `/api/clients/${clientId}/tasks`, {
    cookie: w.cookie.chw,
    body: { title: 'Llamar', dueOn: programToday() },
  });
  expect(reply.status).toBe(201);
  return reply.body.id as string;
};
const change = (taskId: string, body: unknown, cookie = w.cookie.chw) =>
  call(h.app, 'PATCH', `/api/tasks/${taskId}`, { cookie, body });
const audited = async (taskId: string) =>
  (
    await h.db.query<{ action: string; outcome: string | null }>(
      `select action, detail ->> 'outcome' as outcome from audit_event where detail ->> 'task' = $1 order by at`,
      [taskId],
    )
  ).map((r) => `${r.action}:${r.outcome}`);

describe('a task records how it went', () => {
  it.each(['done', 'unreachable', 'declined'] as const)(
    '%s closes the task; undo opens it again',
    async (outcome) => {
      const id = await newTask();
      const closed = await change(id, { outcome });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'done', outcome });
      // Closed is closed: a second outcome is refused until it is opened again.
      expect((await change(id, { outcome: 'done' })).status).toBe(409);
      const undone = await change(id, { undo: true });
      expect(undone.body).toMatchObject({ status: 'open', outcome: null, dueOn: programToday() });
      expect((await change(id, { undo: true })).status).toBe(409);
      expect(await audited(id)).toEqual([
        'task.added:null',
        `task.outcome-recorded:${outcome}`,
        `task.outcome-undone:${outcome}`,
      ]);
    },
  );

  it('rescheduled keeps the task open on its new date; undo puts the old date back', async () => {
    const id = await newTask();
    const later = addDays(programToday(), 3);
    expect((await change(id, { outcome: 'rescheduled' })).status).toBe(400);
    const moved = await change(id, { outcome: 'rescheduled', dueOn: later });
    expect(moved.body).toMatchObject({ status: 'open', outcome: 'rescheduled', dueOn: later });
    const undone = await change(id, { undo: true });
    expect(undone.body).toMatchObject({ status: 'open', outcome: null, dueOn: programToday() });
  });

  it('refuses an outcome it does not know, or mixed with a status', async () => {
    const id = await newTask();
    expect((await change(id, { outcome: 'maybe' })).status).toBe(400);
    expect((await change(id, { outcome: 'done', status: 'open' })).status).toBe(400);
    expect((await change(id, { undo: true, outcome: 'done' })).status).toBe(400);
  });

  it('refuses another CHW’s task as not found', async () => {
    const id = await newTask();
    expect((await change(id, { outcome: 'done' }, w.cookie.chw2)).status).toBe(404);
  });

  it('an outcome and its undo recorded offline land through sync', async () => {
    const id = await newTask();
    const phone = device(w.cookie.chw);
    const pushed = await pushBatch(h, phone, [
      { id: uuidv7(), kind: 'task.change', taskId: id, change: { outcome: 'unreachable' } },
    ]);
    expect(pushed.results[0]?.status).toBe('applied');
    const [row] = await h.db.query<{ status: string; outcome: string }>(
      'select status, outcome from task where id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'done', outcome: 'unreachable' });
    await pushBatch(h, phone, [{ id: uuidv7(), kind: 'task.change', taskId: id, change: { undo: true } }]);
    const [after] = await h.db.query<{ status: string }>('select status from task where id = $1', [id]);
    expect(after?.status).toBe('open');
  });
});
