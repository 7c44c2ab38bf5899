import { describe, expect, it } from 'vitest';
import { phq2, phq9 } from './definitions/index.js';
import { nextSteps } from './next-steps.js';
import { score } from './score.js';
import { byPoints, respond } from './testing.js';

/** Item points adding up to `total`, filling from item 1 so item 9 stays 0 below 25. */
function pointsFor(total: number, items: number): number[] {
  return Array.from({ length: items }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
}

describe('PHQ-9 bands (INSTRUMENTS.md: 0–4, 5–9, 10–14, 15–19, 20–27)', () => {
  it.each([
    [0, 'minimal', 'screening.bandMinimal'],
    [4, 'minimal', 'screening.bandMinimal'],
    [5, 'mild', 'screening.bandMild'],
    [9, 'mild', 'screening.bandMild'],
    [10, 'moderate', 'screening.bandModerate'],
    [14, 'moderate', 'screening.bandModerate'],
    [15, 'moderately-severe', 'screening.bandModeratelySevere'],
    [19, 'moderately-severe', 'screening.bandModeratelySevere'],
    [20, 'severe', 'screening.bandSevere'],
    [27, 'severe', 'screening.bandSevere'],
  ])('total %i → %s', (total, code, label) => {
    const result = score(phq9, respond(phq9, byPoints(phq9, 'phq9', pointsFor(total, 9))));
    expect(result).toMatchObject({ complete: true, missing: [], total, band: { code, label } });
    expect(result.instrument).toBe('https://puente.dev/fhir/Questionnaire/phq-9');
    expect(result.version).toBe('1.0.0');
  });
});

describe('PHQ-9 item 9', () => {
  it('"several days" on item 9 with a minimal total still leads straight to the C-SSRS', () => {
    const result = score(phq9, respond(phq9, byPoints(phq9, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1])));
    expect(result).toMatchObject({ total: 1, band: { code: 'minimal' }, flags: { phq9Item9: true } });
    expect(nextSteps(result)).toEqual([
      expect.objectContaining({ kind: 'offerInstrument', urgent: true, message: 'screening.stepCssrsNow' }),
    ]);
  });

  it('"not at all" on item 9 raises no flag and offers no C-SSRS (a severe total still gets its referral)', () => {
    const result = score(phq9, respond(phq9, byPoints(phq9, 'phq9', [3, 3, 3, 3, 3, 3, 3, 3, 0])));
    expect(result).toMatchObject({ total: 24, flags: { phq9Item9: false } });
    expect(nextSteps(result).map((s) => s.kind)).toEqual(['referBehavioralHealth', 'rescreen']);
  });

  it('is flagged even when the PHQ-9 is not finished', () => {
    const result = score(phq9, respond(phq9, byPoints(phq9, 'phq9', [2, 2, undefined, 0, 0, 0, 0, 0, 3])));
    expect(result).toMatchObject({ complete: false, missing: ['phq9-3'], flags: { phq9Item9: true } });
    expect(result.total).toBeUndefined();
    expect(nextSteps(result)[0]).toMatchObject({ urgent: true });
  });
});

describe('incomplete PHQ-9', () => {
  it('never treats missing answers as 0', () => {
    const result = score(phq9, respond(phq9, byPoints(phq9, 'phq9', [1, 1, 1, 1, 1, 1, 1, 1])));
    expect(result).toMatchObject({ complete: false, missing: ['phq9-9'] });
    expect(result.total).toBeUndefined();
    expect(result.band).toBeUndefined();
  });

  it('lists every unanswered item in order', () => {
    const result = score(phq9, respond(phq9, {}));
    expect(result.missing).toEqual([
      'phq9-1',
      'phq9-2',
      'phq9-3',
      'phq9-4',
      'phq9-5',
      'phq9-6',
      'phq9-7',
      'phq9-8',
      'phq9-9',
    ]);
  });

  it('does not need the unscored difficulty question', () => {
    const answers = { ...byPoints(phq9, 'phq9', pointsFor(6, 9)), 'phq9-difficulty': 'LA6573-5' };
    expect(score(phq9, respond(phq9, answers)).total).toBe(6);
    expect(score(phq9, respond(phq9, byPoints(phq9, 'phq9', pointsFor(6, 9)))).complete).toBe(true);
  });

  it('ignores a total sent by the phone and computes its own', () => {
    const response = respond(phq9, byPoints(phq9, 'phq9', pointsFor(12, 9)));
    response.item?.push({ linkId: 'phq9-total', answer: [{ valueInteger: 0 }] });
    expect(score(phq9, response).total).toBe(12);
  });
});

describe('PHQ-2 (positive at 3 or more → PHQ-9)', () => {
  it.each([
    [[0, 0], 0, false],
    [[1, 1], 2, false],
    [[2, 0], 2, false],
    [[2, 1], 3, true],
    [[0, 3], 3, true],
    [[3, 3], 6, true],
  ])('%j → total %i, positive %s', (points, total, positive) => {
    const result = score(phq2, respond(phq2, byPoints(phq2, 'phq2', points)));
    expect(result).toMatchObject({ total, positive, band: { code: positive ? 'positive' : 'negative' } });
    const offer = {
      kind: 'offerInstrument',
      questionnaire: phq9.url,
      urgent: false,
      message: 'screening.stepOfferPhq9',
    };
    expect(nextSteps(result)).toEqual(positive ? [offer] : []);
  });

  it('an unfinished PHQ-2 is neither positive nor negative', () => {
    const result = score(phq2, respond(phq2, byPoints(phq2, 'phq2', [3])));
    expect(result).toMatchObject({ complete: false, missing: ['phq2-2'] });
    expect(result.positive).toBeUndefined();
    expect(nextSteps(result)).toEqual([]);
  });
});
