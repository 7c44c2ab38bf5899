import { isLocale, type Problem, type SafetyPlan, safetyPlanHeadings } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { formatMoment } from '../../ui/format';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import type { SectionProps } from '../person/section';
import { getPlan } from './api';
import { PlanDocument, sectionsOf } from './PlanDocument';
import { SafetyPlanForm } from './SafetyPlanForm';
import { SharePanel } from './SharePanel';

/** The person's safety plan: the current version, then change, print or share it. */
export function SafetyPlanSection({ client }: SectionProps) {
  const { t, locale } = useI18n();
  const [plan, setPlan] = useState<SafetyPlan | null>();
  const [problem, setProblem] = useState<Problem>();
  const [editing, setEditing] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [status, setStatus] = useState<string>();

  useEffect(() => {
    getPlan(client.id).then(
      (p) => setPlan(p ?? null),
      (e) => setProblem(toProblem(e)),
    );
  }, [client.id]);

  const saved = (next: SafetyPlan) => {
    setPlan(next);
    setEditing(false);
    setStatus(t('safetyPlan.saved', { version: next.version }));
    document.getElementById('plan-edit')?.focus();
  };
  const lang = plan && isLocale(plan.language) ? plan.language : locale;

  return (
    <section aria-labelledby="safety-plan-title" class="safety-plan-section">
      <h2 id="safety-plan-title" class="no-print">
        {t('safetyPlan.tab')}
      </h2>
      <StatusMessage message={status} />
      <ProblemAlert problem={problem} />
      {plan === undefined && !problem && <p role="status">{t('app.loading')}</p>}
      {editing ? (
        <SafetyPlanForm
          clientId={client.id}
          plan={plan ?? undefined}
          personLanguage={client.preferredLanguage}
          onSaved={saved}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          {plan === null && <p class="hint">{t('safetyPlan.none')}</p>}
          {plan && (
            <>
              <p class="row-meta">
                {t('safetyPlan.version', {
                  version: plan.version,
                  when: formatMoment(locale, plan.savedAt),
                  name: plan.savedBy,
                })}
              </p>
              <PlanDocument
                lang={lang}
                title={safetyPlanHeadings.title[lang]}
                sections={sectionsOf(plan, lang)}
                level={2}
                {...(plan.content.reviewOn ? { reviewOn: plan.content.reviewOn } : {})}
              />
            </>
          )}
          {plan !== undefined && (
            <p class="actions no-print">
              <button
                id="plan-edit"
                type="button"
                class={plan ? '' : 'primary'}
                onClick={() => setEditing(true)}
              >
                {plan ? t('safetyPlan.edit') : t('safetyPlan.start')}
              </button>
              {plan && (
                <>
                  <button type="button" onClick={() => print()}>
                    {t('safetyPlan.print')}
                  </button>
                  <button type="button" aria-expanded={sharing} onClick={() => setSharing(!sharing)}>
                    {t('safetyPlan.share')}
                  </button>
                </>
              )}
            </p>
          )}
          {plan && sharing && <SharePanel client={client} planLanguage={plan.language} />}
        </>
      )}
    </section>
  );
}
