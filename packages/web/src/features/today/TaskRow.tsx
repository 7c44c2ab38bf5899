import { type Task, type TaskOutcome, taskOutcomes, taskTitle, type UpdateTaskRequest } from '@puente/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formatDay, formatMoment } from '../../ui/format';
import './today.css';

interface Props {
  task: Task;
  busy: boolean;
  /** Records how the task went; resolves once it is saved (or kept on the phone). */
  onOutcome: (task: Task, change: UpdateTaskRequest) => Promise<void>;
}

/**
 * One follow-up: the person (one tap to their page), what to do, when, and a
 * button that opens a small choice of how it went — never done in one tap.
 */
export function TaskRow({ task, busy, onOutcome }: Props) {
  const { t, locale } = useI18n();
  const title = taskTitle(t, task);
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <li class="row task">
      <button
        ref={opener}
        type="button"
        class="done-box"
        disabled={busy}
        aria-expanded={open}
        aria-controls={`outcome-${task.id}`}
        aria-label={t('followUp.outcomeOpenNamed', { title, name: task.clientName })}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true" class="done-box-mark" />
      </button>
      <div class="row-main">
        <p class="row-title">
          <Link href={`/people/${task.clientId}`}>{task.clientName}</Link>
          {task.riskFlag && <span class="badge badge--danger">{t('followUp.riskFlag')}</span>}
        </p>
        <p class="row-meta">{title}</p>
        <p class="row-meta">
          {task.dueAt
            ? t('followUp.dueBy', { when: formatMoment(locale, task.dueAt) })
            : t('today.dueOn', { date: formatDay(locale, task.dueOn) })}
        </p>
        {open && (
          <OutcomeChoice
            id={`outcome-${task.id}`}
            busy={busy}
            onCancel={close}
            onSave={async (change) => {
              await onOutcome(task, change);
              setOpen(false);
            }}
          />
        )}
      </div>
    </li>
  );
}

interface ChoiceProps {
  id: string;
  busy: boolean;
  onCancel: () => void;
  onSave: (change: UpdateTaskRequest) => Promise<void>;
}

/** Done, could not reach, declined or a new date: native radios, so keyboards and screen readers know them. */
function OutcomeChoice({ id, busy, onCancel, onSave }: ChoiceProps) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<TaskOutcome>();
  const [dueOn, setDueOn] = useState('');
  const [missing, setMissing] = useState<'outcome' | 'date'>();
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!outcome) return setMissing('outcome');
    if (outcome === 'rescheduled' && !dueOn) return setMissing('date');
    setMissing(undefined);
    void onSave(outcome === 'rescheduled' ? { outcome, dueOn } : { outcome });
  };
  return (
    <form
      id={id}
      ref={form}
      class="outcome-choice"
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      noValidate
    >
      <fieldset aria-describedby={missing === 'outcome' ? `${id}-missing` : undefined}>
        <legend>{t('followUp.outcomeLegend')}</legend>
        {taskOutcomes.map((o) => (
          <label key={o} class="choice">
            <input
              type="radio"
              name={`${id}-outcome`}
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />{' '}
            {t(`followUp.outcome_${o}`)}
          </label>
        ))}
      </fieldset>
      {outcome === 'rescheduled' && (
        <label class="field">
          {t('followUp.newDate')}
          <input
            type="date"
            value={dueOn}
            required
            aria-invalid={missing === 'date'}
            onInput={(e) => setDueOn(e.currentTarget.value)}
          />
        </label>
      )}
      {missing && (
        <p id={`${id}-missing`} class="field-error" role="alert">
          {missing === 'date' ? t('fields.required') : t('followUp.chooseOutcome')}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('followUp.saving') : t('followUp.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('followUp.cancel')}
        </button>
      </div>
    </form>
  );
}
