import type { MessageKey, MessageParams, NextStep, Questionnaire, ScoreResult } from '@puente/core';
import { textIn } from '@puente/core';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const knownNeeds = ['living-situation', 'housing-quality', 'food', 'transportation', 'utilities', 'safety'];

/** A social-need domain in the reader's words. */
export function needLabel(t: Translate, domain: string): string {
  return knownNeeds.includes(domain)
    ? t(`screening.need_${domain}` as MessageKey)
    : t('screening.need_other', { domain });
}

/** A message key from the scoring engine (bands, risk levels, steps), translated. */
export function engineText(t: Translate, key: string, params?: MessageParams): string {
  return key.startsWith('screening.') ? t(key as MessageKey, params) : key;
}

/** What a next step says, with the need it is about. */
export function stepText(t: Translate, step: NextStep): string {
  switch (step.kind) {
    case 'referral':
      return t(step.message, { need: needLabel(t, step.domain) });
    case 'followUp':
      return t(step.message, { hours: step.withinHours });
    case 'rescreen':
      return t(step.message, { days: step.inDays });
    case 'referBehavioralHealth':
      return t(step.message);
    default:
      return engineText(t, step.message);
  }
}

/** A questionnaire's title in a language. */
export const titleOf = (q: Questionnaire, lang: string) => textIn(q.title ?? q.name ?? q.url, q._title, lang);

/** A finished screen's score in words, e.g. "PHQ-9: score 16 (Moderately severe)."; an unfinished one says it has none. */
export function scoreText(t: Translate, title: string, result: ScoreResult): string {
  return result.total !== undefined && result.band
    ? t('followUp.earlierScore', {
        instrument: title,
        total: result.total,
        band: engineText(t, result.band.label),
      })
    : t('followUp.earlierIncomplete', { instrument: title });
}
