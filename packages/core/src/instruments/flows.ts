import { cssrs } from './definitions/cssrs.js';
import { gad2, gad7 } from './definitions/gad.js';
import { phq2, phq9 } from './definitions/phq.js';
import type { Coding } from './fhir.js';
import type { ScoreResult } from './score.js';

/** What the app offers after a screen, most urgent first. `message` is a message key. */
export type NextStep =
  | { kind: 'crisisProtocol'; message: 'screening.stepCrisisProtocol' }
  | {
      kind: 'offerInstrument';
      /** Canonical url of the questionnaire to fill in next. */
      questionnaire: string;
      urgent: boolean;
      message: 'screening.stepCssrsNow' | 'screening.stepOfferPhq9' | 'screening.stepOfferGad7';
    }
  | { kind: 'referral'; domain: string; category: Coding; message: 'screening.stepReferral' };

const followUps = new Map<string, NextStep>([
  [
    phq2.url,
    { kind: 'offerInstrument', questionnaire: phq9.url, urgent: false, message: 'screening.stepOfferPhq9' },
  ],
  [
    gad2.url,
    { kind: 'offerInstrument', questionnaire: gad7.url, urgent: false, message: 'screening.stepOfferGad7' },
  ],
]);

/**
 * What to offer after a scored screen: the crisis protocol for high C-SSRS
 * risk, the C-SSRS at once when PHQ-9 item 9 is above 0 (whatever the total,
 * even before the PHQ-9 is finished), the full instrument after a positive
 * PHQ-2/GAD-2, and a referral for each social need found.
 * @example
 * nextSteps(score(phq9, response))
 * // [{ kind: 'offerInstrument', questionnaire: '…/cssrs-screener', urgent: true, message: 'screening.stepCssrsNow' }]
 */
export function nextSteps(result: ScoreResult): NextStep[] {
  const steps: NextStep[] = [];
  if (result.flags.cssrsRisk === 'high')
    steps.push({ kind: 'crisisProtocol', message: 'screening.stepCrisisProtocol' });
  if (result.flags.phq9Item9) {
    steps.push({
      kind: 'offerInstrument',
      questionnaire: cssrs.url,
      urgent: true,
      message: 'screening.stepCssrsNow',
    });
  }
  const followUp = followUps.get(result.instrument);
  if (followUp && result.positive) steps.push(followUp);
  for (const need of result.needs ?? []) {
    steps.push({
      kind: 'referral',
      domain: need.domain,
      category: need.category,
      message: 'screening.stepReferral',
    });
  }
  return steps;
}

function checkTotal(total: number): void {
  if (!Number.isInteger(total) || total < 0)
    throw new RangeError(`A total must be a whole number ≥ 0, not ${total}.`);
}

/**
 * Treatment response on the PHQ-9 or GAD-7: the total fell by at least 50 % from the baseline.
 * A baseline of 0 cannot fall, so it is never a response.
 * @example treatmentResponse(18, 9) // true
 */
export function treatmentResponse(baseline: number, latest: number): boolean {
  checkTotal(baseline);
  checkTotal(latest);
  // Compare in whole numbers (2 × drop ≥ baseline) so no rounding decides a borderline case.
  return baseline > 0 && 2 * (baseline - latest) >= baseline;
}

/**
 * Remission on the PHQ-9 or GAD-7: a total below 5.
 * @example remission(4) // true
 */
export function remission(total: number): boolean {
  checkTotal(total);
  return total < 5;
}
