// Builders shared by the instrument tests (not exported from the package).
import { ordinalOf } from './extensions.js';
import {
  allItems,
  canonicalOf,
  type Questionnaire,
  type QuestionnaireItem,
  type QuestionnaireResponse,
  type ResponseItem,
} from './fhir.js';

/** Answers by linkId: an answer code, or several for items that repeat. */
export type Answers = Record<string, string | string[]>;

/** A response that mirrors the questionnaire's groups, answering with the codes given. */
export function respond(q: Questionnaire, answers: Answers): QuestionnaireResponse {
  const build = (items: readonly QuestionnaireItem[]): ResponseItem[] =>
    items.flatMap((item): ResponseItem[] => {
      if (item.type === 'group') {
        const children = build(item.item ?? []);
        return children.length > 0 ? [{ linkId: item.linkId, item: children }] : [];
      }
      const given = answers[item.linkId];
      if (given === undefined) return [];
      const codes = Array.isArray(given) ? given : [given];
      const answer = codes.map((code) => {
        const option = item.answerOption?.find((o) => o.valueCoding.code === code);
        return { valueCoding: option?.valueCoding ?? { system: 'http://loinc.org', code } };
      });
      return [{ linkId: item.linkId, answer }];
    });
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: canonicalOf(q),
    status: 'completed',
    item: build(q.item),
  };
}

/** The code of the answer worth `points` on an item. */
export function codeFor(q: Questionnaire, linkId: string, points: number): string {
  const item = allItems(q.item).find((i) => i.linkId === linkId);
  const option = item?.answerOption?.find((o) => ordinalOf(o.extension) === points);
  if (!option?.valueCoding.code) throw new Error(`No answer worth ${points} on ${linkId}`);
  return option.valueCoding.code;
}

/** Answers for items `${prefix}-1…n` scored with the points given (undefined leaves an item blank). */
export function byPoints(
  q: Questionnaire,
  prefix: string,
  points: ReadonlyArray<number | undefined>,
): Answers {
  const answers: Answers = {};
  points.forEach((p, i) => {
    if (p !== undefined) answers[`${prefix}-${i + 1}`] = codeFor(q, `${prefix}-${i + 1}`, p);
  });
  return answers;
}

/** A small seeded random generator (mulberry32), so property tests replay the same cases. */
export function seeded(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
