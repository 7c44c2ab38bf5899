import type { MessageKey, MessageParams, NextStep, Questionnaire } from '@puente/core';
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
  return step.kind === 'referral'
    ? t(step.message, { need: needLabel(t, step.domain) })
    : engineText(t, step.message);
}

/** A questionnaire's title in a language. */
export const titleOf = (q: Questionnaire, lang: string) => textIn(q.title ?? q.name ?? q.url, q._title, lang);
