import { describe, expect, it } from 'vitest';
import { ahcHrsn } from './definitions/index.js';
import { SDOHCC } from './extensions.js';
import { nextSteps } from './next-steps.js';
import { score } from './score.js';
import { type Answers, respond } from './testing.js';

/** A complete screen with no need found; tests change one answer at a time. */
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
const needs = (answers: Answers) => score(ahcHrsn, respond(ahcHrsn, { ...none, ...answers }));

describe('AHC HRSN: positive domains', () => {
  it('finds no need when every answer is negative', () => {
    const result = needs({});
    expect(result).toMatchObject({ complete: true, positiveDomains: [], domainTotals: { safety: 4 } });
    expect(nextSteps(result)).toEqual([]);
  });

  it.each([
    ['living-situation', { 'living-situation': 'LA31994-9' }, 'housing-instability'],
    ['living-situation', { 'living-situation': 'LA31995-6' }, 'homelessness'],
    ['housing-quality', { 'housing-problems': ['LA31996-4'] }, 'inadequate-housing'],
    ['housing-quality', { 'housing-problems': ['LA28580-1', 'LA32001-2'] }, 'inadequate-housing'],
    ['housing-quality', { 'housing-problems': ['LA32000-4'] }, 'inadequate-housing'],
    ['food', { 'food-worry': 'LA28397-0' }, 'food-insecurity'],
    ['food', { 'food-did-not-last': 'LA6729-3' }, 'food-insecurity'],
    ['transportation', { transportation: 'LA33-6' }, 'transportation-insecurity'],
    ['utilities', { utilities: 'LA33-6' }, 'utility-insecurity'],
    ['utilities', { utilities: 'LA32002-0' }, 'utility-insecurity'],
  ])('%s is positive for %j (→ %s)', (domain, answers, category) => {
    const result = needs(answers);
    expect(result.positiveDomains).toEqual([domain]);
    expect(nextSteps(result)).toEqual([
      {
        kind: 'referral',
        domain,
        category: { system: SDOHCC, code: category },
        message: 'screening.stepReferral',
      },
    ]);
  });

  it.each([
    [['sometimes', 'sometimes', 'rarely', 'rarely'], 10, false],
    [['sometimes', 'sometimes', 'sometimes', 'rarely'], 11, true],
    [['frequently', 'frequently', 'never', 'never'], 12, true],
    [['frequently', 'frequently', 'frequently', 'frequently'], 20, true],
  ])('safety %j → total %i, positive %s', (answers, total, positive) => {
    const [hurt = '', insult = '', threaten = '', scream = ''] = answers;
    const result = needs({
      'safety-hurt': hurt,
      'safety-insult': insult,
      'safety-threaten': threaten,
      'safety-scream': scream,
    });
    expect(result.domainTotals).toEqual({ safety: total });
    expect(result.positiveDomains).toEqual(positive ? ['safety'] : []);
  });

  it('safety needs all four answers, however high the others are', () => {
    const partial: Answers = {
      ...none,
      'safety-hurt': 'frequently',
      'safety-insult': 'frequently',
      'safety-threaten': 'frequently',
    };
    delete partial['safety-scream'];
    const result = score(ahcHrsn, respond(ahcHrsn, partial));
    expect(result).toMatchObject({
      complete: false,
      missing: ['safety-scream'],
      positiveDomains: [],
      domainTotals: {},
    });
  });

  it('proposes referrals for exactly the needs found, in screen order', () => {
    const result = needs({ 'food-worry': 'LA6729-3', utilities: 'LA32002-0' });
    expect(nextSteps(result).map((s) => s.kind === 'referral' && s.category.code)).toEqual([
      'food-insecurity',
      'utility-insecurity',
    ]);
  });

  it('an unfinished screen still reports the needs already found', () => {
    const result = score(ahcHrsn, respond(ahcHrsn, { transportation: 'LA33-6' }));
    expect(result.complete).toBe(false);
    expect(result.missing).toHaveLength(9);
    expect(result.positiveDomains).toEqual(['transportation']);
  });
});
