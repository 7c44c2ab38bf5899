import { type Goal, needAreas } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { formatDay } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { updateGoal, updateStep } from './api';
import { Disclosure } from './Disclosure';
import { StepForm } from './GoalForms';
import './person.css';

interface Props {
  clientId: string;
  goal: Goal;
  onChanged: (message: string) => Promise<void>;
}

/** One goal with its need area, status, steps and the actions on them. */
export function GoalCard({ clientId, goal, onChanged }: Props) {
  const { t, locale } = useI18n();
  const [adding, setAdding] = useState(false);
  const { busy, problem, run } = useAction();
  const area = needAreas.find((n) => n === goal.needArea);
  const setGoal = (status: 'active' | 'achieved' | 'stopped') =>
    run(async () => {
      await updateGoal(clientId, goal.id, { status });
      await onChanged(t('plan.goalChanged'));
    });
  const stepDone = (stepId: string) =>
    run(async () => {
      await updateStep(clientId, goal.id, stepId, { status: 'done' });
      await onChanged(t('plan.stepChanged'));
    });
  const stepSaved = async () => {
    setAdding(false);
    await onChanged(t('plan.stepSaved'));
  };
  return (
    <li class="card goal">
      <h4 class="row-title">{goal.text}</h4>
      <p class="row-meta">
        {area ? t(`vocab.needArea_${area}`) : goal.needArea} ·{' '}
        {t('plan.goalStatus', { status: t(`vocab.goalStatus_${goal.status}`) })}
      </p>
      <ProblemAlert problem={problem} />
      <h5 class="minor">{t('plan.steps')}</h5>
      {goal.steps.length === 0 ? (
        <p class="hint">{t('plan.noSteps')}</p>
      ) : (
        <ul class="steps">
          {goal.steps.map((s) => {
            const owner = t(`vocab.stepOwner_${s.owner}`);
            const status = t(`vocab.stepStatus_${s.status}`);
            return (
              <li key={s.id} class="step">
                <div>
                  <p class={s.status === 'done' ? 'step-text step-text--done' : 'step-text'}>{s.text}</p>
                  <p class="row-meta">
                    {s.dueOn
                      ? t('plan.stepDueLine', { owner, status, date: formatDay(locale, s.dueOn) })
                      : t('plan.stepLine', { owner, status })}
                  </p>
                </div>
                {s.status === 'todo' && (
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={t('plan.stepDoneNamed', { step: s.text })}
                    onClick={() => stepDone(s.id)}
                  >
                    {t('plan.stepDone')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <Disclosure
        id={`new-step-${goal.id}`}
        label={t('plan.addStep')}
        name={t('plan.addStepTo', { goal: goal.text })}
        open={adding}
        onToggle={setAdding}
      >
        <StepForm clientId={clientId} goalId={goal.id} onSaved={stepSaved} />
      </Disclosure>
      <p class="actions">
        {goal.status === 'active' ? (
          <>
            <button type="button" disabled={busy} onClick={() => setGoal('achieved')}>
              {t('plan.markAchieved')}
            </button>
            <button type="button" disabled={busy} onClick={() => setGoal('stopped')}>
              {t('plan.markStopped')}
            </button>
          </>
        ) : (
          <button type="button" disabled={busy} onClick={() => setGoal('active')}>
            {t('plan.reopen')}
          </button>
        )}
      </p>
    </li>
  );
}
