import { needAreas, stepOwners } from '@puente/core';
import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Field, SelectField, TextArea } from '../../ui/Field';
import { optional } from '../../ui/format';
import { ProblemAlert } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { addGoal, addStep } from './api';

type NeedArea = (typeof needAreas)[number];
type Owner = (typeof stepOwners)[number];

/** A goal in the person's own words, with the need area it belongs to. */
export function GoalForm({ clientId, onSaved }: { clientId: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [needArea, setNeedArea] = useState<NeedArea>('behavioral-health');
  const { busy, problem, errors, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await run(async () => void (await addGoal(clientId, { text, needArea })))) onSaved();
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="new-goal-toggle">
      <ProblemAlert problem={problem} />
      <TextArea
        id="goal-text"
        label={t('plan.goalText')}
        maxLength={500}
        value={text}
        onValue={setText}
        error={errors.text}
      />
      <SelectField
        id="goal-need"
        label={t('plan.needArea')}
        value={needArea}
        onValue={(v) => setNeedArea(needAreas.find((n) => n === v) ?? 'behavioral-health')}
        options={needAreas.map((n) => ({ value: n, label: t(`vocab.needArea_${n}`) }))}
        error={errors.needArea}
      />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('plan.saving') : t('plan.saveGoal')}
      </button>
    </form>
  );
}

interface StepFormProps {
  clientId: string;
  goalId: string;
  onSaved: () => void;
}

/** A step toward a goal: what, who does it, and by when. */
export function StepForm({ clientId, goalId, onSaved }: StepFormProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState<Owner>('client');
  const [dueOn, setDueOn] = useState('');
  const { busy, problem, errors, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const due = optional(dueOn);
    const body = { text, owner, ...(due ? { dueOn: due } : {}) };
    if (await run(async () => void (await addStep(clientId, goalId, body)))) onSaved();
  };
  const id = (name: string) => `step-${goalId}-${name}`;
  return (
    <form class="card card--inner" onSubmit={submit} noValidate aria-labelledby={`new-step-${goalId}-toggle`}>
      <ProblemAlert problem={problem} />
      <Field
        id={id('text')}
        label={t('plan.stepText')}
        maxLength={500}
        value={text}
        onValue={setText}
        error={errors.text}
      />
      <SelectField
        id={id('owner')}
        label={t('plan.stepOwner')}
        value={owner}
        onValue={(v) => setOwner(v === 'chw' ? 'chw' : 'client')}
        options={stepOwners.map((o) => ({ value: o, label: t(`vocab.stepOwner_${o}`) }))}
        error={errors.owner}
      />
      <Field
        id={id('due')}
        type="date"
        label={t('plan.stepDue')}
        value={dueOn}
        onValue={setDueOn}
        error={errors.dueOn}
      />
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('plan.saving') : t('plan.saveStep')}
      </button>
    </form>
  );
}
