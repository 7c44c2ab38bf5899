import { describe, expect, it } from 'vitest';
import { remission, treatmentResponse } from './flows.js';

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
