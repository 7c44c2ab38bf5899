import { type Locale, type Task, taskTitle, translator } from '@puente/core';

/**
 * A task as the caller reads it: a task a rule made in the caller's language,
 * never its code (the stored title is in its assignee's language).
 * @example presentTask(task, 'es').title // 'Repetir cuestionario: depresión (PHQ-9)'
 */
export const presentTask = <T extends Pick<Task, 'title' | 'code'>>(task: T, locale: Locale): T => ({
  ...task,
  title: taskTitle(translator(locale), task),
});
