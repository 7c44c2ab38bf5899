import type { Locale, MessageKey, MessageParams } from '@puente/core';
import { formatDay, languageName } from '../../ui/format';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const fieldKeys: Record<string, MessageKey> = {
  givenName: 'conflicts.field_givenName',
  familyName: 'conflicts.field_familyName',
  preferredName: 'conflicts.field_preferredName',
  preferredLanguage: 'conflicts.field_preferredLanguage',
  birthDate: 'conflicts.field_birthDate',
  ageRange: 'conflicts.field_ageRange',
  gender: 'conflicts.field_gender',
  phone: 'conflicts.field_phone',
  okToText: 'conflicts.field_okToText',
  okToLeaveMessage: 'conflicts.field_okToLeaveMessage',
  safeToContact: 'conflicts.field_safeToContact',
  neighborhood: 'conflicts.field_neighborhood',
  address: 'conflicts.field_address',
  household: 'conflicts.field_household',
  insuranceStatus: 'conflicts.field_insuranceStatus',
  notes: 'conflicts.field_notes',
};

/** A detail of a person as it reads in a sentence: "the phone number", "las notas". */
export function fieldName(t: Translate, field: string): string {
  const key = fieldKeys[field];
  return key ? t(key) : field;
}

interface Member {
  name?: string;
  relationship?: string;
  age?: number;
}

/** A value in the reader's words, without quotes: codes get their labels, dates the reader's format. */
export function plainValue(t: Translate, locale: Locale, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('conflicts.empty');
  if (typeof value === 'boolean') return value ? t('conflicts.yes') : t('conflicts.no');
  if (Array.isArray(value)) {
    if (value.length === 0) return t('conflicts.empty');
    const named = (value as Member[]).map((m) => m.name ?? m.relationship).filter(Boolean);
    return named.length === value.length
      ? named.join(', ')
      : t('conflicts.householdCount', { count: value.length });
  }
  const text = String(value);
  if (field === 'ageRange') return t(`vocab.ageRange_${text}` as MessageKey);
  if (field === 'insuranceStatus') return t(`vocab.insurance_${text}` as MessageKey);
  if (field === 'preferredLanguage') return languageName(t, text);
  if (field === 'birthDate') return formatDay(locale, text);
  return text;
}

/** A value as the sentences quote it: “+1 555…”, or "(empty)" unquoted. */
export function quoted(t: Translate, locale: Locale, field: string, value: unknown, max = Infinity): string {
  const plain = plainValue(t, locale, field, value);
  if (plain === t('conflicts.empty')) return plain;
  const short = plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
  return locale === 'es' ? `«${short}»` : `“${short}”`;
}
