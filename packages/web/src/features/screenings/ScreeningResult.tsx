import type { NextStep, Questionnaire, ScoreResult } from '@puente/core';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formKey } from './api';
import { engineText, needLabel, stepText } from './labels';
import './screenings.css';

interface Props {
  clientId: string;
  result: ScoreResult;
  steps: NextStep[];
  forms: readonly Questionnaire[];
  /** `sent`: the server has it; `waiting`: kept on the phone until there is signal. */
  saved: 'sent' | 'waiting';
  /** The score of the screen that led straight here (PHQ-9 item 9 → C-SSRS), in words. */
  earlier?: string | undefined;
}

/** The band or risk level the phone found, and what to do next, each with its link. */
export function ScreeningResult({ clientId, result, steps, forms, saved, earlier }: Props) {
  const { t } = useI18n();
  const person = `/people/${clientId}`;
  const needs = result.needs ?? [];
  return (
    <section aria-labelledby="result-title" class="card result">
      <h2 id="result-title">{t('screening.resultTitle')}</h2>
      {result.total !== undefined && (
        <p class="result-score">{t('screening.score', { total: result.total })}</p>
      )}
      {result.band && <p class="result-band">{engineText(t, result.band.label)}</p>}
      {earlier && <p class="result-band">{earlier}</p>}
      {result.needs && (
        <p>
          {needs.length > 0
            ? t('screening.needsFound', { needs: needs.map((n) => needLabel(t, n.domain)).join(', ') })
            : t('screening.noNeeds')}
        </p>
      )}
      <p class="hint">{t(saved === 'sent' ? 'screening.saved' : 'screening.savedLater')}</p>
      <h3>{t('screening.nextTitle')}</h3>
      {steps.length === 0 ? (
        <p>{t('screening.nothingNext')}</p>
      ) : (
        <ul class="next-steps">
          {steps.map((step) => {
            const next =
              step.kind === 'offerInstrument' ? forms.find((f) => f.url === step.questionnaire) : undefined;
            return (
              <li
                key={`${step.kind}-${step.message}-${'code' in step ? step.code : ''}${step.kind === 'referral' ? step.domain : ''}`}
              >
                <p>{stepText(t, step)}</p>
                {step.kind === 'crisisProtocol' && (
                  <Link href={`${person}/crisis`} class="button primary">
                    {t('screening.openProtocol')}
                  </Link>
                )}
                {next && (
                  <Link href={`${person}/screen/${formKey(next)}`} class="button primary">
                    {t('screening.startNext')}
                  </Link>
                )}
                {step.kind === 'referBehavioralHealth' && (
                  <Link href={`${person}/find-help?need=${encodeURIComponent(step.need)}`} class="button">
                    {t('followUp.findBehavioralHealth')}
                  </Link>
                )}
                {step.kind === 'referral' && (
                  <a
                    class="button"
                    href={`/directory?need=${encodeURIComponent(step.category.code ?? step.domain)}`}
                  >
                    {t('screening.findServices')}
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <Link href={`${person}/screening`}>{t('screening.doneBack')}</Link>
      </p>
    </section>
  );
}
