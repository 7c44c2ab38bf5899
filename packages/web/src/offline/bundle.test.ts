import type { Me, SyncMutation } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { type Bundle, emptyBundle, overlay } from './bundle';

const me: Me = {
  id: '0190c2a0-0000-7000-8000-000000000001',
  email: 'rosa@example.org',
  displayName: 'Rosa',
  role: 'chw',
  locale: 'es',
  organization: { id: '0190c2a0-0000-7000-8000-0000000000aa', name: 'Puente' },
};
const clientId = '0190c2a0-0000-7000-8000-0000000000c1';
const taskId = '0190c2a0-0000-7000-8000-0000000000d1';
const change = (mutation: SyncMutation) => ({ mutation, clientId });
const base = () => new Map<string, Bundle>([[clientId, emptyBundle()]]);

describe('a follow-up visit as the phone shows it before it is sent', () => {
  const add: SyncMutation = {
    id: '0190c2a0-0000-7000-8000-0000000000e1',
    kind: 'task.add',
    clientId,
    task: { id: taskId, title: 'Visita', dueOn: '2030-01-02', visitAt: '2030-01-02T17:00:00.000Z' },
  };

  it('keeps the hour agreed with the person', () => {
    const shown = overlay(base(), [change(add)], me, 3).get(clientId);
    expect(shown?.tasks[taskId]).toMatchObject({ status: 'open', visitAt: '2030-01-02T17:00:00.000Z' });
  });

  it('moves the hour, or takes it back, as the server will', () => {
    const move: SyncMutation = {
      id: '0190c2a0-0000-7000-8000-0000000000e2',
      kind: 'task.change',
      taskId,
      change: { visitAt: '2030-01-02T19:30:00.000Z' },
    };
    const clear: SyncMutation = {
      ...move,
      id: '0190c2a0-0000-7000-8000-0000000000e3',
      change: { visitAt: null },
    };
    expect(overlay(base(), [change(add), change(move)], me, 3).get(clientId)?.tasks[taskId]?.visitAt).toBe(
      '2030-01-02T19:30:00.000Z',
    );
    expect(
      overlay(base(), [change(add), change(move), change(clear)], me, 3).get(clientId)?.tasks[taskId]
        ?.visitAt,
    ).toBeNull();
  });

  it('a task without an hour has none', () => {
    const plain = { ...add, task: { id: taskId, title: 'Llamar', dueOn: '2030-01-02' } } as SyncMutation;
    expect(overlay(base(), [change(plain)], me, 3).get(clientId)?.tasks[taskId]?.visitAt).toBeUndefined();
  });
});
