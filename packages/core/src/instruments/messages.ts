/**
 * Message keys the instruments and flows return instead of English, so the web
 * can show them in the reader's language. They follow the catalog's
 * `namespace.name` shape (`t()` splits on the first dot), all in a future
 * `screening` namespace; the catalogs do not hold them yet.
 */
export const screeningMessageKeys = [
  'screening.bandNegative',
  'screening.bandPositive',
  'screening.bandMinimal',
  'screening.bandMild',
  'screening.bandModerate',
  'screening.bandModeratelySevere',
  'screening.bandSevere',
  'screening.riskNone',
  'screening.riskLow',
  'screening.riskModerate',
  'screening.riskHigh',
  'screening.stepOfferPhq9',
  'screening.stepOfferGad7',
  'screening.stepCssrsNow',
  'screening.stepCrisisProtocol',
  'screening.stepReferral',
] as const;
export type ScreeningMessageKey = (typeof screeningMessageKeys)[number];
