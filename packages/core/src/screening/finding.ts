import { riskLevels } from '../instruments/rule.js';
import type { CssrsRisk } from '../instruments/score.js';

/** What an open alert knows so far about one person's risk, from every trigger that joined it. */
export interface AlertEvidence {
  /** The highest level of the C-SSRS screens done while the alert was open, if one was done. */
  cssrsRisk: CssrsRisk | null;
  phq9Item9: boolean;
  chwJudgement: boolean;
}

export const alertSeverities = ['high', 'moderate', 'low'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

export const alertFindings = [
  'cssrs-high',
  'cssrs-moderate',
  'cssrs-low',
  'cssrs-none',
  'phq9-item9',
  'chw-judgement',
] as const;
export type AlertFinding = (typeof alertFindings)[number];

/**
 * C-SSRS levels from lowest to highest. An open alert keeps the highest level
 * any screen found: screens sync late and out of order, so the last to arrive
 * is not the latest done, and no later screen lowers an alert nobody has acted on.
 */
export const cssrsRiskOrder: readonly CssrsRisk[] = ['none', ...riskLevels];

const rank: Record<AlertSeverity, number> = { high: 3, moderate: 2, low: 1 };

/**
 * The strongest thing an alert knows, which titles it, and how severe it is.
 * The C-SSRS is the assessment a positive PHQ-9 question 9 asks for, so its
 * level replaces question 9's; question 9 alone is moderate until a C-SSRS
 * is done. A promotora's own worry is high: she raised it from the crisis
 * protocol, in front of the person, and no screen lowers it. On a tie the
 * more specific instrument names the alert.
 * @example
 * strongestFinding({ cssrsRisk: 'high', phq9Item9: true, chwJudgement: false })
 * // { finding: 'cssrs-high', severity: 'high' }
 */
export function strongestFinding(e: AlertEvidence): { finding: AlertFinding; severity: AlertSeverity } {
  // Candidates in order of specificity: the first of the highest severity wins.
  const candidates: { finding: AlertFinding; severity: AlertSeverity }[] = [];
  if (e.cssrsRisk) {
    const level = e.cssrsRisk === 'none' ? 'low' : e.cssrsRisk;
    candidates.push({ finding: `cssrs-${e.cssrsRisk}`, severity: level });
  } else if (e.phq9Item9) candidates.push({ finding: 'phq9-item9', severity: 'moderate' });
  if (e.chwJudgement) candidates.push({ finding: 'chw-judgement', severity: 'high' });
  let best = candidates[0] ?? { finding: 'chw-judgement', severity: 'high' };
  for (const c of candidates) if (rank[c.severity] > rank[best.severity]) best = c;
  return best;
}
