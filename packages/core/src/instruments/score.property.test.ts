import { describe, expect, it } from 'vitest';
import { builtInQuestionnaires, cssrs } from './definitions/index.js';
import { allItems, type Questionnaire } from './fhir.js';
import { readScoringRule, type SumRule } from './rule.js';
import { score } from './score.js';
import { type Answers, codeFor, respond, seeded } from './testing.js';
import { rangeOf } from './validate-rule.js';

const runs = 300;
const sumRule = (q: Questionnaire): SumRule => {
  const { rule } = readScoringRule(q);
  if (rule?.method !== 'sum') throw new Error(`${q.id} is not summed`);
  return rule;
};

const summed = builtInQuestionnaires.filter((q) => readScoringRule(q).rule?.method === 'sum');

describe.each(summed.map((q) => [q.id, q] as const))('%s properties', (_, q) => {
  const rule = sumRule(q);
  const max = rule.sumOf.length * 3;

  it('scores each item 0–3, as the properties below assume', () => {
    for (const id of rule.sumOf)
      for (const points of [0, 1, 2, 3]) expect(codeFor(q, id, points)).toBeTruthy();
    expect(rangeOf(allItems(q.item).filter((i) => rule.sumOf.includes(i.linkId)))).toEqual({ min: 0, max });
  });

  it('a complete response totals the sum of its item scores, within range, inside its band', () => {
    const random = seeded(42);
    for (let run = 0; run < runs; run++) {
      const points = rule.sumOf.map(() => random(4));
      const answers = Object.fromEntries(rule.sumOf.map((id, i) => [id, codeFor(q, id, points[i] ?? 0)]));
      const result = score(q, respond(q, answers));
      const sum = points.reduce((a, b) => a + b, 0);
      expect(result.total).toBe(sum);
      expect(sum).toBeGreaterThanOrEqual(0);
      expect(sum).toBeLessThanOrEqual(max);
      const band = rule.bands.find((b) => b.code === result.band?.code);
      expect(band && band.min <= sum && sum <= band.max).toBe(true);
    }
  });

  it('removing any answer makes it incomplete, with no total and no band', () => {
    const random = seeded(7);
    for (let run = 0; run < runs; run++) {
      const answers: Answers = Object.fromEntries(rule.sumOf.map((id) => [id, codeFor(q, id, random(4))]));
      const removed = rule.sumOf[random(rule.sumOf.length)] ?? '';
      delete answers[removed];
      const result = score(q, respond(q, answers));
      expect(result).toMatchObject({ complete: false, missing: [removed] });
      expect(result.total).toBeUndefined();
      expect(result.band).toBeUndefined();
    }
  });

  it('the band never goes down as the total goes up', () => {
    const order = rule.bands.map((b) => b.code);
    let previous = -1;
    for (let total = 0; total <= max; total++) {
      const points = rule.sumOf.map((_, i) => Math.max(0, Math.min(3, total - 3 * i)));
      const answers = Object.fromEntries(rule.sumOf.map((id, i) => [id, codeFor(q, id, points[i] ?? 0)]));
      const result = score(q, respond(q, answers));
      expect(result.total).toBe(total);
      const rank = order.indexOf(result.band?.code ?? '');
      expect(rank).toBeGreaterThanOrEqual(previous);
      previous = rank;
    }
    expect(previous).toBe(order.length - 1);
  });
});

describe('C-SSRS properties', () => {
  it('on every random path: high exactly when Q4, Q5 or recent behaviour is yes; a level whenever complete', () => {
    const random = seeded(2024);
    const yn = () => (random(2) === 0 ? 'LA33-6' : 'LA32-8');
    for (let run = 0; run < runs; run++) {
      const answers: Answers = { 'cssrs-1': yn(), 'cssrs-2': yn(), 'cssrs-6': yn() };
      if (answers['cssrs-2'] === 'LA33-6')
        for (const q of ['cssrs-3', 'cssrs-4', 'cssrs-5']) answers[q] = yn();
      if (answers['cssrs-6'] === 'LA33-6') answers['cssrs-6b'] = yn();
      const result = score(cssrs, respond(cssrs, answers));
      const high = ['cssrs-4', 'cssrs-5', 'cssrs-6b'].some((q) => answers[q] === 'LA33-6');
      expect(result.complete).toBe(true);
      expect(result.flags.cssrsRisk === 'high').toBe(high);
      const anyYes = Object.values(answers).includes('LA33-6');
      expect(result.flags.cssrsRisk === 'none').toBe(!anyYes);
    }
  });
});
