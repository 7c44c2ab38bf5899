import { describe, expect, it } from 'vitest';
import { cssrs } from './definitions/index.js';
import { ResponseRejected } from './errors.js';
import { nextSteps } from './next-steps.js';
import { score } from './score.js';
import { type Answers, respond } from './testing.js';

const Y = 'LA33-6';
const N = 'LA32-8';
/** Answers from a compact path: `{ 1: 'y', 2: 'n', 6: 'n' }`, with `'6b'` for the 3-month follow-up. */
const path = (steps: Record<string, 'y' | 'n'>): Answers =>
  Object.fromEntries(Object.entries(steps).map(([q, a]) => [`cssrs-${q}`, a === 'y' ? Y : N]));

describe('C-SSRS Screener: every path to a risk level', () => {
  it.each([
    ['no to everything', { 1: 'n', 2: 'n', 6: 'n' }, 'none'],
    ['wish to be dead only', { 1: 'y', 2: 'n', 6: 'n' }, 'low'],
    ['thoughts, no method, intent or plan', { 1: 'n', 2: 'y', 3: 'n', 4: 'n', 5: 'n', 6: 'n' }, 'low'],
    ['thoughts with a method', { 1: 'y', 2: 'y', 3: 'y', 4: 'n', 5: 'n', 6: 'n' }, 'moderate'],
    ['intent to act', { 1: 'y', 2: 'y', 3: 'n', 4: 'y', 5: 'n', 6: 'n' }, 'high'],
    ['a plan with intent', { 1: 'y', 2: 'y', 3: 'y', 4: 'n', 5: 'y', 6: 'n' }, 'high'],
    ['behaviour in the past 3 months', { 1: 'n', 2: 'n', 6: 'y', '6b': 'y' }, 'high'],
    ['behaviour more than 3 months ago', { 1: 'n', 2: 'n', 6: 'y', '6b': 'n' }, 'moderate'],
    ['wish to be dead and old behaviour', { 1: 'y', 2: 'n', 6: 'y', '6b': 'n' }, 'moderate'],
    ['method and recent behaviour', { 1: 'y', 2: 'y', 3: 'y', 4: 'n', 5: 'n', 6: 'y', '6b': 'y' }, 'high'],
  ] as const)('%s → %s', (_, steps, risk) => {
    const result = score(cssrs, respond(cssrs, path(steps)));
    expect(result).toMatchObject({ complete: true, missing: [], flags: { cssrsRisk: risk } });
    expect(result.band).toEqual({
      code: risk,
      label: `screening.risk${risk[0]?.toUpperCase()}${risk.slice(1)}`,
    });
    expect(result.total).toBeUndefined();
    const crisis = nextSteps(result).some((s) => s.kind === 'crisisProtocol');
    expect(crisis).toBe(risk === 'high');
  });
});

describe('C-SSRS skip logic', () => {
  it('no to Q2 skips Q3–Q5 and goes to Q6', () => {
    const result = score(cssrs, respond(cssrs, path({ 1: 'y', 2: 'n' })));
    expect(result).toMatchObject({ complete: false, missing: ['cssrs-6'] });
  });

  it('yes to Q2 asks Q3, Q4, Q5 and Q6', () => {
    const result = score(cssrs, respond(cssrs, path({ 1: 'n', 2: 'y' })));
    expect(result.missing).toEqual(['cssrs-3', 'cssrs-4', 'cssrs-5', 'cssrs-6']);
  });

  it('yes to Q6 asks whether it was in the past 3 months', () => {
    const result = score(cssrs, respond(cssrs, path({ 1: 'n', 2: 'n', 6: 'y' })));
    expect(result.missing).toEqual(['cssrs-6b']);
  });

  it('refuses answers to questions the skip rule removed', () => {
    const skipped = () => score(cssrs, respond(cssrs, path({ 1: 'n', 2: 'n', 3: 'y', 6: 'n' })));
    expect(skipped).toThrow(ResponseRejected);
    const noFollowUp = () => score(cssrs, respond(cssrs, path({ 1: 'n', 2: 'n', 6: 'n', '6b': 'y' })));
    expect(noFollowUp).toThrow(expect.objectContaining({ reason: 'answerToDisabledItem' }));
  });
});

describe('C-SSRS before it is finished', () => {
  it('a high-risk answer counts at once and opens the crisis protocol', () => {
    const result = score(cssrs, respond(cssrs, path({ 1: 'y', 2: 'y', 4: 'y' })));
    expect(result).toMatchObject({ complete: false, flags: { cssrsRisk: 'high' } });
    expect(nextSteps(result)[0]).toEqual({ kind: 'crisisProtocol', message: 'screening.stepCrisisProtocol' });
  });

  it('says nothing about risk while "no" answers are still unfinished', () => {
    const result = score(cssrs, respond(cssrs, path({ 1: 'n', 2: 'n' })));
    expect(result.flags.cssrsRisk).toBeUndefined();
    expect(result.band).toBeUndefined();
  });

  it('nothing answered: all of Q1, Q2 and Q6 are missing', () => {
    expect(score(cssrs, respond(cssrs, {})).missing).toEqual(['cssrs-1', 'cssrs-2', 'cssrs-6']);
  });
});
