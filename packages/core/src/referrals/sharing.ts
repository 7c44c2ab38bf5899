import type { needAreas, partnerCategories } from '../caseload/vocab.js';

type Need = (typeof needAreas)[number];
type PartnerCategory = (typeof partnerCategories)[number];

/**
 * The kind of partner a referral for `need` goes to, so a consent given for a
 * whole category ("share with food programs") covers it.
 */
export function partnerCategoryForNeed(need: Need): PartnerCategory {
  switch (need) {
    case 'behavioral-health':
    case 'stress':
    case 'social-connection':
      return 'behavioral-health';
    case 'food-insecurity':
      return 'food';
    case 'housing-instability':
    case 'homelessness':
    case 'inadequate-housing':
    case 'utility-insecurity':
      return 'housing';
    case 'employment-status':
      return 'employment';
    case 'financial-insecurity':
    case 'material-hardship':
    case 'health-insurance-coverage-status':
    case 'medical-cost-burden':
    case 'veteran-status':
      return 'benefits';
    case 'educational-attainment':
    case 'personal-health-literacy':
    case 'digital-literacy':
    case 'digital-access':
    case 'language-access':
      return 'education';
    case 'intimate-partner-violence':
    case 'elder-abuse':
    case 'incarceration-status':
      return 'legal';
    default:
      return 'other';
  }
}
