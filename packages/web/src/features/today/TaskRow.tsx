import type { Task } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formatDay, taskTitle } from '../clients/format';

interface Props {
  task: Task;
  busy: boolean;
  onDone: (task: Task) => void;
}

/** One follow-up: the person (one tap to their page), what to do, when, and a "done" box. */
export function TaskRow({ task, busy, onDone }: Props) {
  const { t, locale } = useI18n();
  const title = taskTitle(t, task);
  return (
    <li class="row task">
      <button
        type="button"
        class="done-box"
        disabled={busy}
        aria-label={t('today.markDoneNamed', { title, name: task.clientName })}
        onClick={() => onDone(task)}
      >
        <span aria-hidden="true" class="done-box-mark" />
      </button>
      <div class="row-main">
        <p class="row-title">
          <Link href={`/people/${task.clientId}`}>{task.clientName}</Link>
        </p>
        <p class="row-meta">{title}</p>
        <p class="row-meta">{t('today.dueOn', { date: formatDay(locale, task.dueOn) })}</p>
      </div>
    </li>
  );
}
