import { type Locale, type SafetyPlan, safetyPlanHeadings, safetyPlanSections } from '@puente/core';
import { useMessages } from '../../app/i18n';
import { t } from '../../app/messages';
import { formatDay } from '../../ui/format';
import './safety-plans.css';

export interface PlanSection {
  heading: string;
  entries: string[];
}

/** The plan's headings (our own wording) with the person's entries, in the plan's language. */
export function sectionsOf(plan: Pick<SafetyPlan, 'content'>, lang: Locale): PlanSection[] {
  return safetyPlanSections.map((s) => ({ heading: safetyPlanHeadings[s][lang], entries: plan.content[s] }));
}

interface Props {
  lang: Locale;
  title: string;
  sections: PlanSection[];
  /** The heading level of the title: 2 inside a person's page, 1 on the person's own link. */
  level: 1 | 2;
  reviewOn?: string;
}

/**
 * The plan as the person reads it, on screen and on paper: numbered parts,
 * their own words, nothing about the program or the CHW.
 */
export function PlanDocument({ lang, title, sections, level, reviewOn }: Props) {
  useMessages(lang);
  const Title = level === 1 ? 'h1' : 'h2';
  const Part = level === 1 ? 'h2' : 'h3';
  return (
    <article class="safety-plan-doc" lang={lang}>
      <Title id={level === 1 ? 'page-heading' : 'plan-doc-title'} tabIndex={level === 1 ? -1 : undefined}>
        {title}
      </Title>
      <ol class="plan-parts">
        {sections.map((s) => (
          <li key={s.heading}>
            <Part>{s.heading}</Part>
            {s.entries.length === 0 ? (
              <p class="plan-blank">{t(lang, 'safetyPlan.emptySection')}</p>
            ) : (
              <ul>
                {s.entries.map((e, i) => (
                  <li key={`${i}-${e}`}>{e}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {reviewOn && <p>{t(lang, 'safetyPlan.reviewLine', { date: formatDay(lang, reviewOn) })}</p>}
      <p class="plan-crisis">{t(lang, 'safetyPlan.inCrisis')}</p>
    </article>
  );
}
