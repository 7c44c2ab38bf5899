import {
  isLocale,
  type Locale,
  type Problem,
  type SafetyPlan,
  type SafetyPlanContent,
  type SafetyPlanSection,
  safetyPlanHeadings,
  safetyPlanSections,
} from '@puente/core';
import { useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { LanguageField } from '../../ui/Field';
import { ProblemAlert } from '../../ui/Messages';
import { savePlan } from './api';
import './safety-plans.css';

interface Props {
  clientId: string;
  /** The version being changed, or none for a first plan. */
  plan: SafetyPlan | undefined;
  personLanguage: string;
  onSaved: (plan: SafetyPlan) => void;
  onCancel: () => void;
}

type Lines = Record<SafetyPlanSection, string[]>;
const likely = ['yes', 'unsure', 'no'] as const;

/** Writes the plan with the person, part by part, in their words; each save is a new version. */
export function SafetyPlanForm({ clientId, plan, personLanguage, onSaved, onCancel }: Props) {
  const { t, locale } = useI18n();
  const start = plan?.language ?? personLanguage;
  const [lang, setLang] = useState<Locale>(isLocale(start) ? start : locale);
  const [lines, setLines] = useState<Lines>(
    () =>
      Object.fromEntries(
        safetyPlanSections.map((s) => [s, plan?.content[s].length ? [...plan.content[s]] : ['']]),
      ) as Lines,
  );
  const [likelyToUse, setLikely] = useState(plan?.content.likelyToUse);
  const [obstacles, setObstacles] = useState(plan?.content.obstacles ?? '');
  const [reviewOn, setReviewOn] = useState(plan?.content.reviewOn ?? '');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  const change = (section: SafetyPlanSection, next: string[]) => setLines({ ...lines, [section]: next });
  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const content: SafetyPlanContent = {
      ...(Object.fromEntries(
        safetyPlanSections.map((s) => [s, lines[s].map((l) => l.trim()).filter(Boolean)]),
      ) as Lines),
      ...(likelyToUse ? { likelyToUse } : {}),
      ...(obstacles.trim() ? { obstacles: obstacles.trim() } : {}),
      ...(reviewOn ? { reviewOn } : {}),
    };
    try {
      onSaved(await savePlan(clientId, { language: lang, content }));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="plan-form" onSubmit={(e) => void save(e)}>
      <LanguageField id="plan-language" label={t('safetyPlan.language')} value={lang} onValue={setLang} />
      {safetyPlanSections.map((s, index) => {
        const heading = safetyPlanHeadings[s][lang];
        return (
          <fieldset key={s} class="group plan-part">
            <legend lang={lang}>{`${index + 1}. ${heading}`}</legend>
            {lines[s].map((line, i) => (
              <div class="plan-line" key={`${s}-${i}`}>
                <label class="visually-hidden" for={`${s}-${i}`}>
                  {t('safetyPlan.lineLabel', { section: heading, n: i + 1 })}
                </label>
                <input
                  id={`${s}-${i}`}
                  lang={lang}
                  value={line}
                  maxLength={500}
                  onInput={(e) =>
                    change(
                      s,
                      lines[s].map((l, j) => (j === i ? e.currentTarget.value : l)),
                    )
                  }
                />
                {lines[s].length > 1 && (
                  <button
                    type="button"
                    aria-label={t('safetyPlan.removeLine', { n: i + 1 })}
                    onClick={() =>
                      change(
                        s,
                        lines[s].filter((_, j) => j !== i),
                      )
                    }
                  >
                    ×
                  </button>
                )}
              </div>
            ))}
            <button type="button" onClick={() => change(s, [...lines[s], ''])}>
              {t('safetyPlan.addLine')}
            </button>
          </fieldset>
        );
      })}
      <fieldset class="group">
        <legend>{t('safetyPlan.likelyToUse')}</legend>
        <div class="answers answers--row">
          {likely.map((v) => (
            <label class="answer" key={v}>
              <input type="radio" name="likely" checked={likelyToUse === v} onChange={() => setLikely(v)} />
              <span>{t(`safetyPlan.likely_${v}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field">
        <label for="plan-obstacles">{t('safetyPlan.obstacles')}</label>
        <textarea
          id="plan-obstacles"
          rows={2}
          maxLength={1000}
          value={obstacles}
          onInput={(e) => setObstacles(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="plan-review">{t('safetyPlan.reviewOn')}</label>
        <input
          id="plan-review"
          type="date"
          value={reviewOn}
          onInput={(e) => setReviewOn(e.currentTarget.value)}
        />
      </div>
      <ProblemAlert problem={problem} />
      <p class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('safetyPlan.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('safetyPlan.cancel')}
        </button>
      </p>
    </form>
  );
}
