import { describe, expect, it } from 'vitest';
import { canonicalOf } from '../instruments/fhir.js';
import { score } from '../instruments/score.js';
import { validateQuestionnaire } from '../instruments/validate.js';
import { checkChange, maxSumScore, normalizeCode, readableCode, SESSION_CODE } from './change.js';
import { talkCheck } from './knowledge-check.js';

const answers = (codes: string[]) => ({
  resourceType: 'QuestionnaireResponse' as const,
  questionnaire: canonicalOf(talkCheck),
  status: 'completed' as const,
  item: codes.map((code, i) => ({
    linkId: `talk-${i + 1}`,
    answer: [{ valueCoding: { system: 'https://puente.dev/fhir/CodeSystem/answers', code } }],
  })),
});

describe('the talk check', () => {
  it('is a valid, summed questionnaire, clearly labelled as not validated, in both languages', () => {
    expect(validateQuestionnaire(talkCheck)).toEqual([]);
    expect(talkCheck.title).toMatch(/not a validated scale/);
    expect(JSON.stringify(talkCheck._title)).toMatch(/no es una escala validada/);
    expect(talkCheck.item.filter((i) => i.type === 'choice')).toHaveLength(5);
    expect(maxSumScore(talkCheck)).toBe(10);
  });

  it('scores myths in reverse: disagreeing with one earns the points', () => {
    expect(score(talkCheck, answers(['agree', 'disagree', 'agree', 'agree', 'agree'])).total).toBe(10);
    expect(score(talkCheck, answers(['disagree', 'agree', 'disagree', 'disagree', 'disagree'])).total).toBe(
      0,
    );
    expect(
      score(talkCheck, answers(['not-sure', 'not-sure', 'not-sure', 'not-sure', 'not-sure'])).total,
    ).toBe(5);
  });
});

describe('before and after', () => {
  it.each([
    {
      what: 'two paired attendees who both improved, and one who left early',
      sessions: [{ pre: 4, post: 8 }, { pre: 6, post: 10 }, { pre: 5 }],
      want: {
        preCount: 3,
        postCount: 2,
        pairedCount: 2,
        meanBefore: 0.5,
        meanAfter: 0.9,
        improvedShare: 1,
        improved: 2,
        same: 0,
        worse: 0,
      },
    },
    {
      what: 'one better, one the same, one worse',
      sessions: [
        { pre: 2, post: 4 },
        { pre: 6, post: 6 },
        { pre: 8, post: 4 },
      ],
      want: { pairedCount: 3, improved: 1, same: 1, worse: 1, meanBefore: 16 / 30, meanAfter: 14 / 30 },
    },
    {
      what: 'no answers yet',
      sessions: [],
      want: {
        preCount: 0,
        postCount: 0,
        pairedCount: 0,
        meanBefore: null,
        meanAfter: null,
        improvedShare: null,
      },
    },
  ])('$what', ({ sessions, want }) => {
    const change = checkChange(sessions, 10);
    for (const [key, value] of Object.entries(want)) {
      const got = change[key as keyof typeof change];
      if (typeof value === 'number') expect(got).toBeCloseTo(value, 6);
      else expect(got).toBe(value);
    }
  });
});

describe('codes people read off a screen', () => {
  it('uses no look-alike characters and reads back whatever the case or dashes', () => {
    const code = readableCode(new Uint8Array([0, 30, 31, 255, 100, 7]));
    expect(code).toMatch(SESSION_CODE);
    expect(normalizeCode(` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} `)).toBe(code);
  });
});
