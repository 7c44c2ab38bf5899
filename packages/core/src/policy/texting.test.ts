import { describe, expect, it } from 'vitest';
import type { ConsentFact } from './consent.js';
import { mayText } from './texting.js';

const consent = (kind: ConsentFact['kind'], revokedAt: string | null = null): ConsentFact => ({
  id: `${kind}-1`,
  kind,
  partnerName: null,
  partnerCategory: null,
  dataKinds: null,
  revokedAt,
});
const now = new Date('2026-03-02T18:00:00Z');
const both = [consent('service'), consent('text')];
const phone = { hasPhone: true, safeToContact: true, optedOut: false };

describe('mayText', () => {
  it.each([
    ['a standing service and text consent', both, phone, { allowed: true, consentId: 'text-1' }],
    ['no phone', both, { ...phone, hasPhone: false }, { allowed: false, reason: 'textNoPhone' }],
    [
      'a message about a referral that says not to contact them',
      both,
      { ...phone, referralDoNotContact: true },
      { allowed: false, reason: 'referralDoNotContact' },
    ],
    [
      'a referral that allows contact',
      both,
      { ...phone, referralDoNotContact: false },
      { allowed: true, consentId: 'text-1' },
    ],
    ['STOP', both, { ...phone, optedOut: true }, { allowed: false, reason: 'textOptedOut' }],
    [
      'a phone not safe to contact',
      both,
      { ...phone, safeToContact: false },
      { allowed: false, reason: 'textNotSafe' },
    ],
    ['no consent to be served', [consent('text')], phone, { allowed: false, reason: 'noServiceConsent' }],
    [
      'a text consent withdrawn before now',
      [consent('service'), consent('text', '2026-03-01T00:00:00Z')],
      phone,
      { allowed: false, reason: 'noTextConsent' },
    ],
    [
      'a text consent withdrawn later than now',
      [consent('service'), consent('text', '2026-03-03T00:00:00Z')],
      phone,
      { allowed: true, consentId: 'text-1' },
    ],
  ])('%s', (_, consents, person, expected) => {
    expect(mayText(consents, person, now)).toEqual(expected);
  });
});
