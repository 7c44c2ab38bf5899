import { type Locale, type MessageKey, type MessageParams, relationshipKey } from '@puente/core';
import type { HouseholdMemberView } from '../../offline/household-data';
import { formatMoment } from '../../ui/format';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Whole years from a birth date to `today` (both YYYY-MM-DD), by the calendar. */
export function yearsOld(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  const years = (ty ?? 0) - (by ?? 0);
  return (tm ?? 0) < (bm ?? 0) || (tm === bm && (td ?? 0) < (bd ?? 0)) ? years - 1 : years;
}

/** How a member is related to the head, in words that fit the gender they gave, or assume none. */
export const relationshipWords = (t: Translate, m: Pick<HouseholdMemberView, 'relationship' | 'gender'>) =>
  t(relationshipKey(m.relationship, m.gender));

/** "34 years", the age range they gave, or "age not known". */
export function ageWords(t: Translate, m: HouseholdMemberView, today: string): string {
  if (m.birthDate) return t('households.age', { age: yearsOld(m.birthDate, today) });
  if (m.ageRange) return t(`vocab.ageRange_${m.ageRange}` as MessageKey);
  return t('households.ageUnknown');
}

export const lastContactWords = (t: Translate, locale: Locale, at: string | null) =>
  at ? t('households.lastContact', { date: formatMoment(locale, at) }) : t('households.noContact');
