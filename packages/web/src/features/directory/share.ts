import { type DirectoryResult, isLocale, type Locale } from '@puente/core';
import { t } from '../../app/messages';
import { formatHours } from './format';

/**
 * The text a person receives about a service, in their language: name, phone, address and hours.
 * Nothing about the person is in it; the CHW chooses who gets it in their own messaging app.
 */
export function shareMessage(locale: Locale, r: DirectoryResult): string {
  const hours = formatHours(locale, r.hours).join('; ') || r.hoursNote;
  const lines = [
    t(locale, 'directory.msgIntro'),
    r.organizationName && r.organizationName !== r.name ? `${r.name} (${r.organizationName})` : r.name,
    r.phone && t(locale, 'directory.msgPhone', { phone: r.phone }),
    r.address && t(locale, 'directory.msgAddress', { address: r.address }),
    hours && t(locale, 'directory.msgHours', { hours }),
    t(locale, 'directory.msgCallFirst'),
  ];
  return lines.filter(Boolean).join('\n');
}

/** A phone number as a `tel:` link: digits and a leading +, extensions dropped. */
export function telLink(phone: string): string {
  const [main = ''] = phone.split(/\s*(?:x|ext\.?|extension)\s*/i);
  return `tel:${main.replace(/[^\d+]/g, '')}`;
}

/**
 * The language a person reads, from their record: Spanish for any Spanish tag (es-MX), else `fallback`.
 * @example readingLanguage('es-MX', 'en') // 'es'
 */
export function readingLanguage(tag: string, fallback: Locale): Locale {
  const base = tag.toLowerCase().split('-')[0] ?? '';
  return isLocale(base) ? base : fallback;
}
