import type { MessageKey, MessageParams } from '../i18n/catalog.js';
import { followUpTaskCodes } from '../instruments/next-steps.js';

type Translate = (key: MessageKey, params?: MessageParams) => string;
const known = new Set<string>(followUpTaskCodes);

/**
 * A task's title in the reader's language: a task a rule made carries a code
 * whose words are in the catalogs; a task a person typed keeps their words.
 * @example taskTitle(translator('es'), { title: 'Screen again…', code: 'rescreen-phq-9' })
 * // 'Repetir cuestionario: depresión (PHQ-9)'
 */
export function taskTitle(t: Translate, task: { title: string; code?: string | null }): string {
  return task.code && known.has(task.code) ? t(`followUp.task_${task.code}` as MessageKey) : task.title;
}
