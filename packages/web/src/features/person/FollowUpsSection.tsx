import { taskTitle } from '@puente/core';
import { useState } from 'preact/hooks';
import { deviceToday } from '../../app/dates';
import { useI18n } from '../../app/i18n';
import { Field } from '../../ui/Field';
import { formatDay, formatPlanned } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { ReminderNote, useTextReminders } from '../messages/ReminderNote';
import { addTask, updateTask } from './api';
import { Disclosure } from './Disclosure';
import type { SectionProps } from './section';
import { usePlanningZone, zonedIso, zoneName } from './zone';

function TaskForm({ clientId, onSaved }: { clientId: string; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const zone = usePlanningZone();
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState(deviceToday);
  const [visitTime, setVisitTime] = useState('');
  const { busy, problem, errors, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    // An hour agreed with the person makes it a visit they are reminded of, on the due date.
    const visit = visitTime ? { visitAt: zonedIso(dueOn, visitTime, zone) } : {};
    if (await run(async () => void (await addTask(clientId, { title, dueOn, ...visit })))) onSaved();
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-task-toggle">
      <ProblemAlert problem={problem} />
      <Field
        id="task-title"
        label={t('plan.taskTitle')}
        maxLength={200}
        value={title}
        onValue={setTitle}
        error={errors.title}
      />
      <Field
        id="task-due"
        type="date"
        label={t('plan.taskDue')}
        value={dueOn}
        onValue={setDueOn}
        error={errors.dueOn}
      />
      <Field
        id="task-visit-time"
        type="time"
        label={t('plan.visitTime', { zone: zoneName(zone, locale) })}
        hint={t('plan.visitTimeHint')}
        value={visitTime}
        onValue={setVisitTime}
        error={errors.visitAt}
      />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('plan.saving') : t('plan.saveTask')}
      </button>
    </form>
  );
}

/** The person's open follow-ups, a "done" action on each, and a way to add one. */
export function FollowUpsSection({ client, onChanged }: SectionProps) {
  const { t, locale } = useI18n();
  const zone = usePlanningZone();
  const [open, setOpen] = useState(false);
  const { busy, problem, run } = useAction();
  const texts = useTextReminders(client.id, client.openTasks);
  const saved = async () => {
    setOpen(false);
    await onChanged(t('plan.taskSaved'));
    document.getElementById('new-task-toggle')?.focus();
  };
  const done = (taskId: string) =>
    run(async () => {
      await updateTask(taskId, { status: 'done' });
      await onChanged(t('plan.taskDone'));
    });
  return (
    <section aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t('plan.tasks')}</h2>
      <ProblemAlert problem={problem} />
      {client.openTasks.length === 0 ? (
        <p class="hint">{t('plan.noTasks')}</p>
      ) : (
        <ul class="rows">
          {client.openTasks.map((task) => {
            const title = taskTitle(t, task);
            return (
              <li key={task.id} class="row task">
                <button
                  type="button"
                  class="done-box"
                  disabled={busy}
                  aria-label={t('today.markDoneNamed', { title, name: client.displayName })}
                  onClick={() => done(task.id)}
                >
                  <span aria-hidden="true" class="done-box-mark" />
                </button>
                <div class="row-main">
                  <p class="row-title">{title}</p>
                  <p class="row-meta">
                    {task.visitAt
                      ? t('plan.visitLine', { when: formatPlanned(locale, task.visitAt, zone) })
                      : t('today.dueOn', { date: formatDay(locale, task.dueOn) })}
                  </p>
                  {texts && task.visitAt && (
                    <ReminderNote
                      subject={{ kind: 'task', id: task.id, at: task.visitAt, ahead: task.status === 'open' }}
                      texts={texts}
                    />
                  )}
                  {task.textReply && (
                    <p class="row-meta">
                      <span class={task.textReply === 'confirmed' ? 'badge' : 'badge badge--warn'}>
                        {t(`sms.reply_${task.textReply}`)}
                      </span>
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Disclosure id="new-task" label={t('plan.addTask')} open={open} onToggle={setOpen}>
        <TaskForm clientId={client.id} onSaved={saved} />
      </Disclosure>
    </section>
  );
}
