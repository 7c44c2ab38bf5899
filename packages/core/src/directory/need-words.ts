/** Open Eligibility top-level service categories (CC BY-SA 3.0). */
export const openEligibilityTop = [
  'Emergency',
  'Food',
  'Housing',
  'Goods',
  'Transit',
  'Health',
  'Money',
  'Care',
  'Education',
  'Work',
  'Legal',
] as const;
export type OpenEligibilityTop = (typeof openEligibilityTop)[number];

interface NeedDefinition {
  openEligibility: OpenEligibilityTop;
  /** Gravity SDOH category codes this need answers. */
  sdoh: readonly string[];
}

/**
 * The needs CHWs search for most, each tied to an Open Eligibility top level
 * and Gravity SDOH codes. Behavioral health is its own need, not an SDOH code.
 * The words that name each need are the lexicon's (lexicon/), by need.
 */
export const needs = {
  food: {
    openEligibility: 'Food',
    sdoh: ['food-insecurity'],
  },
  housing: {
    openEligibility: 'Housing',
    sdoh: ['housing-instability', 'homelessness', 'inadequate-housing'],
  },
  utilities: {
    openEligibility: 'Money',
    sdoh: ['utility-insecurity'],
  },
  work: {
    openEligibility: 'Work',
    sdoh: ['employment-status'],
  },
  clinic: {
    openEligibility: 'Health',
    sdoh: ['health-insurance-coverage-status', 'medical-cost-burden'],
  },
  'behavioral-health': {
    openEligibility: 'Health',
    sdoh: [],
  },
  legal: {
    openEligibility: 'Legal',
    sdoh: ['incarceration-status'],
  },
  transit: {
    openEligibility: 'Transit',
    sdoh: ['transportation-insecurity'],
  },
  money: {
    openEligibility: 'Money',
    sdoh: ['financial-insecurity'],
  },
  goods: {
    openEligibility: 'Goods',
    sdoh: ['material-hardship'],
  },
  education: {
    openEligibility: 'Education',
    sdoh: ['educational-attainment', 'digital-literacy', 'language-access'],
  },
  care: {
    openEligibility: 'Care',
    sdoh: ['social-connection', 'elder-abuse'],
  },
  emergency: {
    openEligibility: 'Emergency',
    sdoh: ['intimate-partner-violence'],
  },
} as const satisfies Record<string, NeedDefinition>;
