import { useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n';
import { Appointments } from './Appointments';
import { Disclosure } from './Disclosure';
import { GoalCard } from './GoalCard';
import { GoalForm } from './GoalForms';
import type { SectionProps } from './section';

/** The care plan: goals with their steps, and the appointments being navigated. */
export function PlanSection({ client, onChanged }: SectionProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const saved = async () => {
    setOpen(false);
    await onChanged(t('plan.goalSaved'));
    document.getElementById('new-goal-toggle')?.focus();
  };
  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">{t('person.plan')}</h2>
      <section aria-labelledby="goals-title">
        <h3 id="goals-title">{t('plan.goals')}</h3>
        {client.goals.length === 0 ? (
          <p class="hint">{t('plan.noGoals')}</p>
        ) : (
          <ul class="rows">
            {client.goals.map((g) => (
              <GoalCard key={g.id} clientId={client.id} goal={g} onChanged={onChanged} />
            ))}
          </ul>
        )}
        <Disclosure id="new-goal" label={t('plan.addGoal')} open={open} onToggle={setOpen}>
          <GoalForm clientId={client.id} onSaved={saved} />
        </Disclosure>
      </section>
      <Appointments clientId={client.id} appointments={client.appointments} onChanged={onChanged} />
    </section>
  );
}
