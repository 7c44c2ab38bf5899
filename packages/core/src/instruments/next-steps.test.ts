import { describe, expect, it } from 'vitest';
import { ahcHrsn, cssrs, gad2, gad7, phq2, phq9 } from './definitions/index.js';
import { defaultFollowUpIntervals, type NextStep, nextSteps, taskSteps } from './next-steps.js';
import { score } from './score.js';
import { type Answers, byPoints, respond } from './testing.js';

/** Item points adding up to `total` over `items` items, filling from the first (item 9 of the PHQ-9 stays 0 below 25). */
const pointsFor = (total: number, items: number) =>
  Array.from({ length: items }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
/** A compact summary of steps: kind, plus the code, hours, days or questionnaire that matter. */
const summary = (steps: NextStep[]) =>
  steps.map((s) => {
    switch (s.kind) {
      case 'followUp':
        return `followUp:${s.code}:${s.withinHours}h`;
      case 'rescreen':
        return `rescreen:${s.code}:${s.inDays}d`;
      case 'offerInstrument':
        return `offer:${s.questionnaire.split('/').pop()}${s.urgent ? ':urgent' : ''}`;
      case 'referral':
        return `referral:${s.category.code}`;
      default:
        return s.kind;
    }
  });

describe('next steps after a PHQ-9, band by band (0–4, 5–9, 10–14, 15–19, 20–27)', () => {
  const referAndRescreen = ['referBehavioralHealth', 'rescreen:rescreen-phq-9:28d'];
  it.each([
    [0, 'minimal', []],
    [4, 'minimal', []],
    [5, 'mild', []],
    [9, 'mild', []],
    [10, 'moderate', referAndRescreen],
    [14, 'moderate', referAndRescreen],
    [15, 'moderately-severe', referAndRescreen],
    [16, 'moderately-severe', referAndRescreen],
    [19, 'moderately-severe', referAndRescreen],
    [20, 'severe', referAndRescreen],
    [24, 'severe', referAndRescreen],
  ])('total %i (%s): %j', (total, band, expected) => {
    const result = score(phq9, respond(phq9, byPoints(phq9, 'phq9', pointsFor(total, 9))));
    expect(result).toMatchObject({ total, band: { code: band } });
    expect(summary(nextSteps(result))).toEqual(expected);
  });

  it('item 9 above 0 asks for the C-SSRS first and keeps the referral and re-screen of the total', () => {
    const result = score(phq9, respond(phq9, byPoints(phq9, 'phq9', [3, 3, 3, 3, 3, 0, 0, 0, 1])));
    expect(result.total).toBe(16);
    expect(summary(nextSteps(result))).toEqual([
      'offer:cssrs-screener:urgent',
      'referBehavioralHealth',
      'rescreen:rescreen-phq-9:28d',
    ]);
  });

  it('an unfinished PHQ-9 has no total, so no referral or re-screen, but item 9 still calls the C-SSRS', () => {
    const result = score(phq9, respond(phq9, byPoints(phq9, 'phq9', [3, 3, 3, 3, undefined, 3, 3, 3, 1])));
    expect(result.total).toBeUndefined();
    expect(summary(nextSteps(result))).toEqual(['offer:cssrs-screener:urgent']);
  });
});

describe('next steps after a GAD-7, band by band (0–4, 5–9, 10–14, 15–21)', () => {
  const referAndRescreen = ['referBehavioralHealth', 'rescreen:rescreen-gad-7:28d'];
  it.each([
    [0, 'minimal', []],
    [4, 'minimal', []],
    [5, 'mild', []],
    [9, 'mild', []],
    [10, 'moderate', referAndRescreen],
    [14, 'moderate', referAndRescreen],
    [15, 'severe', referAndRescreen],
    [21, 'severe', referAndRescreen],
  ])('total %i (%s): %j', (total, band, expected) => {
    const result = score(gad7, respond(gad7, byPoints(gad7, 'gad7', pointsFor(total, 7))));
    expect(result).toMatchObject({ total, band: { code: band } });
    expect(summary(nextSteps(result))).toEqual(expected);
  });
});

describe('next steps after the two-question screens (positive at ≥ 3)', () => {
  it.each([
    [phq2, 'phq2', 0, []],
    [phq2, 'phq2', 2, []],
    [phq2, 'phq2', 3, ['offer:phq-9']],
    [phq2, 'phq2', 6, ['offer:phq-9']],
    [gad2, 'gad2', 0, []],
    [gad2, 'gad2', 2, []],
    [gad2, 'gad2', 3, ['offer:gad-7']],
    [gad2, 'gad2', 6, ['offer:gad-7']],
  ] as const)('%s total %i: %j', (q, prefix, total, expected) => {
    const result = score(q, respond(q, byPoints(q, prefix, pointsFor(total, 2))));
    expect(result.total).toBe(total);
    // Never a referral or a re-screen from a two-question screen: the full one decides.
    expect(summary(nextSteps(result))).toEqual(expected);
  });
});

describe('next steps after a C-SSRS, level by level', () => {
  const Y = 'LA33-6';
  const N = 'LA32-8';
  const path = (steps: Record<string, 'y' | 'n'>): Answers =>
    Object.fromEntries(Object.entries(steps).map(([q, a]) => [`cssrs-${q}`, a === 'y' ? Y : N]));
  it.each([
    ['none', { 1: 'n', 2: 'n', 6: 'n' }, []],
    ['low', { 1: 'y', 2: 'n', 6: 'n' }, []],
    [
      'moderate (method)',
      { 1: 'y', 2: 'y', 3: 'y', 4: 'n', 5: 'n', 6: 'n' },
      ['followUp:risk-follow-up-moderate:72h'],
    ],
    [
      'moderate (behaviour long ago)',
      { 1: 'n', 2: 'n', 6: 'y', '6b': 'n' },
      ['followUp:risk-follow-up-moderate:72h'],
    ],
    [
      'high (intent)',
      { 1: 'y', 2: 'y', 3: 'y', 4: 'y', 5: 'n', 6: 'n' },
      ['crisisProtocol', 'followUp:risk-follow-up-high:24h'],
    ],
    [
      'high (plan)',
      { 1: 'y', 2: 'y', 3: 'y', 4: 'n', 5: 'y', 6: 'n' },
      ['crisisProtocol', 'followUp:risk-follow-up-high:24h'],
    ],
    [
      'high (recent behaviour)',
      { 1: 'n', 2: 'n', 6: 'y', '6b': 'y' },
      ['crisisProtocol', 'followUp:risk-follow-up-high:24h'],
    ],
  ] as const)('%s: %j', (_level, answers, expected) => {
    const result = score(cssrs, respond(cssrs, path(answers)));
    expect(summary(nextSteps(result))).toEqual(expected);
  });

  it('a high-risk answer makes the follow-up even before the screen is finished', () => {
    const result = score(cssrs, respond(cssrs, path({ 1: 'y', 2: 'y', 4: 'y' })));
    expect(result.complete).toBe(false);
    expect(taskSteps(nextSteps(result)).map((s) => s.code)).toEqual(['risk-follow-up-high']);
  });

  it('uses the program’s intervals', () => {
    const result = score(cssrs, respond(cssrs, path({ 1: 'n', 2: 'n', 6: 'y', '6b': 'y' })));
    const steps = nextSteps(result, { ...defaultFollowUpIntervals, highRiskHours: 4 });
    expect(summary(steps)).toEqual(['crisisProtocol', 'followUp:risk-follow-up-high:4h']);
  });
});

describe('next steps after an AHC HRSN', () => {
  const none: Answers = {
    'living-situation': 'LA31993-1',
    'housing-problems': 'LA9-3',
    'food-worry': 'LA28398-8',
    'food-did-not-last': 'LA28398-8',
    transportation: 'LA32-8',
    utilities: 'LA32-8',
    'safety-hurt': 'never',
    'safety-insult': 'never',
    'safety-threaten': 'never',
    'safety-scream': 'never',
  };
  it.each([
    ['no need', {}, []],
    ['food', { 'food-worry': 'LA6729-3' }, ['referral:food-insecurity']],
    ['homelessness', { 'living-situation': 'LA31995-6' }, ['referral:homelessness']],
  ] as const)('%s: %j', (_name, change, expected) => {
    const result = score(ahcHrsn, respond(ahcHrsn, { ...none, ...change }));
    expect(summary(nextSteps(result))).toEqual(expected);
  });
});
