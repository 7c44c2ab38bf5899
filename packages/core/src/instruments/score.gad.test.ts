import { describe, expect, it } from 'vitest';
import { gad2, gad7 } from './definitions/index.js';
import { ResponseRejected } from './errors.js';
import { nextSteps } from './next-steps.js';
import { score } from './score.js';
import { byPoints, respond } from './testing.js';

const pointsFor = (total: number) =>
  Array.from({ length: 7 }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));

describe('GAD-7 bands (INSTRUMENTS.md: 0–4, 5–9, 10–14, 15–21)', () => {
  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ])('total %i → %s', (total, code) => {
    const result = score(gad7, respond(gad7, byPoints(gad7, 'gad7', pointsFor(total))));
    expect(result).toMatchObject({
      complete: true,
      total,
      band: { code, label: `screening.band${code[0]?.toUpperCase()}${code.slice(1)}` },
    });
  });

  it("item 2 uses LOINC's own code for its value-2 answer (LA18938-3)", () => {
    const answers = { ...byPoints(gad7, 'gad7', [0, 0, 0, 0, 0, 0, 0]), 'gad7-2': 'LA18938-3' };
    expect(score(gad7, respond(gad7, answers)).total).toBe(2);
    const wrong = { ...answers, 'gad7-2': 'LA6570-1' };
    expect(() => score(gad7, respond(gad7, wrong))).toThrow(ResponseRejected);
  });

  it('an unfinished GAD-7 has no total', () => {
    const result = score(gad7, respond(gad7, byPoints(gad7, 'gad7', [3, 3, 3, 3, 3, undefined, 3])));
    expect(result).toMatchObject({ complete: false, missing: ['gad7-6'] });
    expect(result.total).toBeUndefined();
  });
});

describe('GAD-2 (positive at 3 or more → GAD-7)', () => {
  it.each([
    [[1, 1], 2, false],
    [[2, 1], 3, true],
    [[3, 3], 6, true],
    [[0, 0], 0, false],
  ])('%j → total %i, positive %s', (points, total, positive) => {
    const result = score(gad2, respond(gad2, byPoints(gad2, 'gad2', points)));
    expect(result).toMatchObject({ total, positive });
    expect(nextSteps(result).map((s) => s.kind === 'offerInstrument' && s.questionnaire)).toEqual(
      positive ? [gad7.url] : [],
    );
  });
});
