import { type ConsentFact, consentStands } from './consent.js';

/** Why no text may go to a person now, as a catalog code under `errors.`. */
export type NoTextReason =
  | 'noServiceConsent'
  | 'noTextConsent'
  | 'textOptedOut'
  | 'textNotSafe'
  | 'textNoPhone'
  | 'referralDoNotContact';

/**
 * Whether a text may be sent to a person now: a standing consent to be
 * served and a standing consent to be texted, a phone that is safe to
 * contact (someone else may read it), and a number that has not replied
 * STOP. A message about a referral (a reminder of the appointment it led to)
 * also needs the referral not to say "do not contact the person about this".
 * Asked before a message is queued and again before it is handed to the
 * provider, by the server; the web asks it to say why nothing can be sent.
 * @example mayText(consents, { safeToContact: true, optedOut: false, hasPhone: true }, new Date())
 */
export function mayText(
  consents: readonly ConsentFact[],
  person: { safeToContact: boolean; optedOut: boolean; hasPhone: boolean; referralDoNotContact?: boolean },
  at: Date,
): { allowed: true; consentId: string } | { allowed: false; reason: NoTextReason } {
  if (!person.hasPhone) return { allowed: false, reason: 'textNoPhone' };
  if (person.referralDoNotContact) return { allowed: false, reason: 'referralDoNotContact' };
  if (person.optedOut) return { allowed: false, reason: 'textOptedOut' };
  if (!person.safeToContact) return { allowed: false, reason: 'textNotSafe' };
  const standing = consents.filter((k) => consentStands(k, at));
  if (!standing.some((k) => k.kind === 'service')) return { allowed: false, reason: 'noServiceConsent' };
  const text = standing.find((k) => k.kind === 'text');
  return text ? { allowed: true, consentId: text.id } : { allowed: false, reason: 'noTextConsent' };
}
