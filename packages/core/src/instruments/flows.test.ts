import { describe, expect, it } from 'vitest';
import { cssrs, gad7, phq9 } from './definitions/index.js';
import { nextSteps, remission, treatmentResponse } from './flows.js';
import type { ScoreResult } from './score.js';

const result = (over: Partial<ScoreResult>): ScoreResult => ({
  instrument: phq9.url,
  version: '1.0.0',
  complete: true,
  missing: [],
  flags: {},
  ...over,
});

describe('treatment response (total falls by at least 50 % from baseline)', () => {
  it.each([
    [20, 10, true],
    [20, 11, false],
    [9, 4, true],
    [9, 5, false],
    [15, 0, true],
    [10, 12, false],
    [0, 0, false],
  ])('%i → %i: %s', (baseline, latest, expected) => {
    expect(treatmentResponse(baseline, latest)).toBe(expected);
  });
});

describe('remission (total below 5)', () => {
  it.each([
    [0, true],
    [4, true],
    [5, false],
    [27, false],
  ])('%i: %s', (total, expected) => {
    expect(remission(total)).toBe(expected);
  });

  it('refuses totals that cannot come from a questionnaire', () => {
    expect(() => remission(-1)).toThrow(RangeError);
    expect(() => remission(2.5)).toThrow(RangeError);
    expect(() => treatmentResponse(Number.NaN, 3)).toThrow(RangeError);
  });
});

describe('next steps', () => {
  it('crisis first, then the urgent C-SSRS, then referrals', () => {
    const steps = nextSteps(
      result({
        flags: { cssrsRisk: 'high', phq9Item9: true },
        needs: [{ domain: 'food', category: { code: 'food-insecurity' } }],
      }),
    );
    expect(steps.map((s) => s.kind)).toEqual(['crisisProtocol', 'offerInstrument', 'referral']);
    expect(steps[1]).toMatchObject({ questionnaire: cssrs.url, urgent: true });
  });

  it('moderate or low C-SSRS risk does not open the crisis protocol', () => {
    expect(nextSteps(result({ instrument: cssrs.url, flags: { cssrsRisk: 'moderate' } }))).toEqual([]);
    expect(nextSteps(result({ instrument: cssrs.url, flags: { cssrsRisk: 'low' } }))).toEqual([]);
  });

  it('a positive full instrument offers nothing more by itself', () => {
    expect(nextSteps(result({ instrument: gad7.url, total: 21, positive: true }))).toEqual([]);
  });
});
