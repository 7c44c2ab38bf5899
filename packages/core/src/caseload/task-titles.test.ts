import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/catalog.js';
import { followUpTaskCodes } from '../instruments/next-steps.js';
import { AFTER_VISIT_CODE, previewTaskChange, taskTitle } from './task-titles.js';

describe('task titles', () => {
  it.each([...followUpTaskCodes, AFTER_VISIT_CODE])(
    '%s reads as words in both languages, never as its code',
    (code) => {
      for (const locale of ['en', 'es'] as const) {
        const title = taskTitle(translator(locale), { title: code, code });
        expect(title).not.toBe(code);
        expect(title).not.toContain('followUp.');
      }
    },
  );

  it('a typed task keeps its words', () => {
    expect(taskTitle(translator('es'), { title: 'Llamar a la familia', code: null })).toBe(
      'Llamar a la familia',
    );
  });
});

describe('a task change as the phone shows it before the server has it', () => {
  const task = { status: 'open', outcome: null, dueOn: '2030-01-01', dueAt: null, title: 'Llamar' } as const;
  it.each([
    [{ outcome: 'unreachable' }, { status: 'done', outcome: 'unreachable' }],
    [
      { outcome: 'rescheduled', dueOn: '2030-01-05' },
      { status: 'open', outcome: 'rescheduled', dueOn: '2030-01-05' },
    ],
    [{ status: 'done' }, { status: 'done', outcome: 'done' }],
    [{ visitAt: '2030-01-01T17:00:00.000Z' }, { status: 'open', visitAt: '2030-01-01T17:00:00.000Z' }],
    [{ visitAt: null }, { status: 'open', visitAt: null }],
  ] as const)('%j → %j', (change, expected) => {
    expect(previewTaskChange(task, change)).toMatchObject(expected);
  });

  it('undo opens a closed task again', () => {
    const closed = previewTaskChange(task, { outcome: 'declined' });
    expect(previewTaskChange(closed, { undo: true })).toMatchObject({ status: 'open', outcome: null });
  });
});
