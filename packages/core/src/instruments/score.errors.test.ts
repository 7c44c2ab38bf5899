import { describe, expect, it } from 'vitest';
import { PuenteError } from '../errors/problem.js';
import { ahcHrsn, phq2, phq9 } from './definitions/index.js';
import { ResponseRejected } from './errors.js';
import type { QuestionnaireResponse } from './fhir.js';
import { score } from './score.js';
import { respond } from './testing.js';

const rejection = (q: typeof phq2, r: QuestionnaireResponse): ResponseRejected => {
  try {
    score(q, r);
  } catch (error) {
    if (error instanceof ResponseRejected) return error;
    throw error;
  }
  throw new Error('the response was accepted');
};
const valid = () => respond(phq2, { 'phq2-1': 'LA6569-3', 'phq2-2': 'LA6568-5' });

describe('responses the engine refuses', () => {
  it('an answer code the questionnaire does not offer', () => {
    const r = respond(phq2, { 'phq2-1': 'LA9999-9', 'phq2-2': 'LA6568-5' });
    expect(rejection(phq2, r).problems).toEqual([
      { reason: 'unknownAnswer', path: 'item[0].answer[0]', message: expect.stringContaining('LA9999-9') },
    ]);
  });

  it('the right code from the wrong code system', () => {
    const r = valid();
    const first = r.item?.[0]?.answer?.[0];
    if (first) first.valueCoding = { system: 'http://snomed.info/sct', code: 'LA6569-3' };
    expect(rejection(phq2, r).reason).toBe('unknownAnswer');
  });

  it('an item answered twice, as two answers or as two items', () => {
    const twoAnswers = valid();
    twoAnswers.item?.[0]?.answer?.push({ valueCoding: { system: 'http://loinc.org', code: 'LA6568-5' } });
    expect(rejection(phq2, twoAnswers).reason).toBe('answeredTwice');
    const twoItems = valid();
    twoItems.item?.push({
      linkId: 'phq2-1',
      answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA6571-9' } }],
    });
    expect(rejection(phq2, twoItems).problems[0]).toMatchObject({ reason: 'answeredTwice', path: 'item[2]' });
  });

  it('the same choice twice on an item that takes several', () => {
    const r = respond(ahcHrsn, { 'housing-problems': ['LA28580-1', 'LA28580-1'] });
    expect(rejection(ahcHrsn, r).reason).toBe('answeredTwice');
  });

  it('an unknown linkId', () => {
    const r = valid();
    r.item?.push({ linkId: 'phq2-3', answer: [{ valueBoolean: true }] });
    expect(rejection(phq2, r).problems).toEqual([
      { reason: 'unknownItem', path: 'item[2]', message: 'No item "phq2-3" in this questionnaire.' },
    ]);
  });

  it('a response for another questionnaire, or another version', () => {
    expect(rejection(phq9, valid()).reason).toBe('wrongQuestionnaire');
    const otherVersion = { ...valid(), questionnaire: `${phq2.url}|0.9.0` };
    expect(rejection(phq2, otherVersion).reason).toBe('wrongQuestionnaire');
    const noVersion = { ...valid(), questionnaire: phq2.url };
    expect(rejection(phq2, noVersion).reason).toBe('wrongQuestionnaire');
  });

  it('an answer of the wrong type, or an answer to a group', () => {
    const r = valid();
    const first = r.item?.[0];
    if (first) first.answer = [{ valueInteger: 1 }];
    expect(rejection(phq2, r).reason).toBe('wrongAnswerType');
    const group = respond(ahcHrsn, {});
    group.item = [{ linkId: 'safety', answer: [{ valueString: 'x' }] }];
    expect(rejection(ahcHrsn, group).reason).toBe('wrongAnswerType');
  });

  it('lists every problem at once and maps to a 422', () => {
    const r = respond(phq2, { 'phq2-1': 'LA0000-0', 'phq2-2': 'LA0000-1' });
    r.item?.push({ linkId: 'nope' });
    const error = rejection(phq2, r);
    expect(error.problems.map((p) => p.reason)).toEqual(['unknownAnswer', 'unknownAnswer', 'unknownItem']);
    expect(error).toBeInstanceOf(PuenteError);
    expect(error.status).toBe(422);
    expect(error.extra.errors).toHaveLength(3);
  });
});
