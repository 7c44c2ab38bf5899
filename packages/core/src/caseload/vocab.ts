/** The words of casework, as codes; their labels live in the catalogs. */
export const encounterKinds = ['home-visit', 'phone-call', 'text', 'office', 'community-event'] as const;
export const encounterActivities = [
  'listening-support',
  'psychoeducation',
  'navigation',
  'resource-connection',
  'crisis-support',
] as const;
export const insuranceStatuses = ['none', 'medicaid', 'medicare', 'private', 'other', 'unknown'] as const;
export const ageRanges = ['under-18', '18-24', '25-34', '35-44', '45-54', '55-64', '65-plus'] as const;
export const consentKinds = ['service', 'share', 'text'] as const;
export const consentMethods = ['verbal', 'written'] as const;
/** How a consent on record was given: a CHW's methods, or the person's own text reply (START). */
export const consentSources = [...consentMethods, 'text-reply'] as const;
export const goalStatuses = ['active', 'achieved', 'stopped'] as const;
export const stepOwners = ['chw', 'client'] as const;
export const stepStatuses = ['todo', 'done', 'cancelled'] as const;
export const appointmentStatuses = ['scheduled', 'kept', 'missed', 'cancelled'] as const;
export const barriers = [
  'transport',
  'cost',
  'language',
  'childcare',
  'documents',
  'time-off-work',
  'other',
] as const;
export const taskStatuses = ['open', 'done', 'cancelled'] as const;
/** How a follow-up ended: all but a new date close the task. */
export const taskOutcomes = ['done', 'unreachable', 'declined', 'rescheduled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
export type TaskOutcome = (typeof taskOutcomes)[number];

/** Need areas of a goal: behavioral health beside the Gravity SDOH categories. */
export const needAreas = [
  'behavioral-health',
  'food-insecurity',
  'housing-instability',
  'homelessness',
  'inadequate-housing',
  'transportation-insecurity',
  'financial-insecurity',
  'material-hardship',
  'educational-attainment',
  'employment-status',
  'veteran-status',
  'stress',
  'social-connection',
  'intimate-partner-violence',
  'elder-abuse',
  'personal-health-literacy',
  'health-insurance-coverage-status',
  'medical-cost-burden',
  'digital-literacy',
  'digital-access',
  'utility-insecurity',
  'incarceration-status',
  'language-access',
  'sdoh-category-unspecified',
] as const;

/** Partner categories a person can consent to share with. */
export const partnerCategories = [
  'food',
  'housing',
  'health-clinic',
  'behavioral-health',
  'legal',
  'employment',
  'benefits',
  'education',
  'other',
] as const;
