import { describe, expect, it } from 'vitest';
import { type AlertEvidence, strongestFinding } from './finding.js';

const none: AlertEvidence = { cssrsRisk: null, phq9Item9: false, chwJudgement: false };

describe('an alert is titled by its strongest finding, with a severity', () => {
  const cases: [string, Partial<AlertEvidence>, string, string][] = [
    ['PHQ-9 question 9 alone', { phq9Item9: true }, 'phq9-item9', 'moderate'],
    ['C-SSRS high after question 9', { phq9Item9: true, cssrsRisk: 'high' }, 'cssrs-high', 'high'],
    [
      'C-SSRS moderate replaces question 9',
      { phq9Item9: true, cssrsRisk: 'moderate' },
      'cssrs-moderate',
      'moderate',
    ],
    ['C-SSRS low replaces question 9', { phq9Item9: true, cssrsRisk: 'low' }, 'cssrs-low', 'low'],
    ['C-SSRS with no risk found', { phq9Item9: true, cssrsRisk: 'none' }, 'cssrs-none', 'low'],
    ['the promotora’s worry alone', { chwJudgement: true }, 'chw-judgement', 'high'],
    ['worry, then question 9', { chwJudgement: true, phq9Item9: true }, 'chw-judgement', 'high'],
    [
      'worry, then C-SSRS high: the instrument names it',
      { chwJudgement: true, cssrsRisk: 'high' },
      'cssrs-high',
      'high',
    ],
    [
      'worry is not lowered by a low C-SSRS',
      { chwJudgement: true, cssrsRisk: 'low' },
      'chw-judgement',
      'high',
    ],
    ['C-SSRS high alone', { cssrsRisk: 'high' }, 'cssrs-high', 'high'],
  ];
  it.each(cases)('%s', (_name, evidence, finding, severity) => {
    expect(strongestFinding({ ...none, ...evidence })).toEqual({ finding, severity });
  });
});
