import type { MessageKey, MessageParams } from '../i18n/messages.js';
import { followUpTaskCodes } from '../instruments/next-steps.js';
import type { UpdateTaskRequest } from './schemas.js';
import type { TaskOutcome, TaskStatus } from './vocab.js';

type Translate = (key: MessageKey, params?: MessageParams) => string;
/** The code of the task a visit leaves for the next contact. */
export const AFTER_VISIT_CODE = 'follow-up-after-visit';
const titleKeys = new Map<string, MessageKey>([
  [AFTER_VISIT_CODE, 'vocab.taskAfterVisit'],
  ...followUpTaskCodes.map((code): [string, MessageKey] => [code, `followUp.task_${code}`]),
]);

/**
 * A task's title in the reader's language: a task a rule made carries a code
 * whose words are in the catalogs; a task a person typed keeps their words.
 * @example taskTitle(translator('es'), { title: 'Screen again…', code: 'rescreen-phq-9' })
 * // 'Repetir cuestionario: depresión (PHQ-9)'
 */
export function taskTitle(t: Translate, task: { title: string; code?: string | null }): string {
  const key = task.code ? titleKeys.get(task.code) : undefined;
  return key ? t(key) : task.title;
}

type TaskFields = {
  status: TaskStatus;
  outcome: TaskOutcome | null;
  dueOn: string;
  dueAt: string | null;
  title: string;
  visitAt?: string | null;
};

/**
 * What a change does to a task, as the phone shows it before the server has
 * it (the server keeps the date a move came from, so its undo puts it back).
 * @example previewTaskChange(task, { outcome: 'unreachable' }) // { ...task, status: 'done', outcome: 'unreachable' }
 */
export function previewTaskChange<T extends TaskFields>(task: T, change: UpdateTaskRequest): T {
  if (change.undo) return { ...task, status: 'open', outcome: null };
  if (change.outcome === 'rescheduled')
    return { ...task, outcome: 'rescheduled', dueOn: change.dueOn ?? task.dueOn, dueAt: null };
  if (change.outcome) return { ...task, status: 'done', outcome: change.outcome };
  const status = change.status ?? task.status;
  return {
    ...task,
    title: change.title ?? task.title,
    dueOn: change.dueOn ?? task.dueOn,
    dueAt: change.dueOn ? null : task.dueAt,
    status,
    outcome: change.status === 'done' ? 'done' : change.status ? null : task.outcome,
    // A visit's hour moved or taken back shows at once, as the server will store it.
    ...(change.visitAt !== undefined ? { visitAt: change.visitAt } : {}),
  };
}
