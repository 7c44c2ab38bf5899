// The words of a referral, as codes; their labels live in the catalogs (`referrals.*`).
// Statuses and reasons follow the Gravity "Task for referral management" (see SDOH.md).

/** Where a referral stands: the FHIR Task statuses a Gravity referral uses. */
export const referralStatuses = [
  'requested',
  'accepted',
  'rejected',
  'in-progress',
  'on-hold',
  'completed',
  'failed',
  'cancelled',
  'entered-in-error',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

/** A referral in one of these is waiting on someone; the others are closed. */
export const openReferralStatuses = ['requested', 'accepted', 'in-progress', 'on-hold'] as const;

/** Closed with the outcome known: what "loop closed" counts (a mistake is not a closed loop). */
export const closedReferralStatuses = ['rejected', 'completed', 'failed', 'cancelled'] as const;

/** FHIR ServiceRequest.priority, in the two values a CHW chooses between. */
export const referralUrgencies = ['routine', 'urgent'] as const;

/** What a receiving organization can say about taking the person. */
export const capacityAnswers = ['has-capacity', 'no-capacity', 'waitlist', 'assessment-needed'] as const;
export const enrollmentAnswers = ['enrolled', 'not-enrolled', 'waitlisted'] as const;

/** How a loop closes, in the words referral platforms found people need. */
export const referralOutcomes = [
  'got-help',
  'could-not-contact',
  'not-eligible',
  'no-capacity',
  'could-not-get-help',
  'no-longer-interested',
  'referred-elsewhere',
] as const;
export type ReferralOutcome = (typeof referralOutcomes)[number];

/** How an attempt to reach the person about a referral went. */
export const contactResults = ['reached', 'no-answer', 'left-message', 'wrong-number'] as const;

/**
 * What a CHW may choose to share beyond the minimum (the name, the language,
 * the need and the reason for the referral).
 */
export const referralShares = ['phone', 'age-range'] as const;
