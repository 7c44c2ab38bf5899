// Kept free of zod so the web app can read the lists without bundling zod.

/**
 * The kinds of data Puente holds about a person. Every access question is
 * asked about one of them, so a rule for "screening answers" is the same rule
 * on the API, on the phone, in the partner inbox, over FHIR and in exports.
 */
export const dataKinds = [
  'identity',
  'contact',
  'household',
  'visit',
  'sensitive-note',
  'screening-answer',
  'screening-total',
  'risk-alert',
  'safety-plan',
  'goal',
  'task',
  'referral',
  'figure',
] as const;
export type DataKind = (typeof dataKinds)[number];

/**
 * What a consent to share can name. Sensitive notes, risk alerts, safety plans
 * and tasks never leave the program, whatever a consent says.
 */
export const shareableKinds = [
  'identity',
  'contact',
  'referral',
  'visit',
  'goal',
  'screening-total',
  'screening-answer',
] as const satisfies readonly DataKind[];
export type ShareableKind = (typeof shareableKinds)[number];

/** What a consent to share covers when it names nothing: who the person is, how to reach them, the referral. */
export const minimumShare: readonly ShareableKind[] = ['identity', 'contact', 'referral'];

/** A consent to share always covers these: a referral cannot be answered without them. */
export const alwaysShared: readonly ShareableKind[] = ['identity', 'referral'];

/** What a caller wants to do with the data: see it, change it, or move the person to another CHW. */
export const actions = ['read', 'change', 'transfer'] as const;
export type Action = (typeof actions)[number];
