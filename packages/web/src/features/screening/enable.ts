import type {
  Coding,
  EnableWhen,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  ResponseAnswer,
  ResponseItem,
} from '@puente/core';

/** Answers being given, by linkId. */
export type Answers = ReadonlyMap<string, ResponseAnswer[]>;

const same = (a: Coding | undefined, b: Coding | undefined) =>
  a !== undefined && b !== undefined && a.code === b.code && (a.system ?? '') === (b.system ?? '');

// FHIR R4 enableWhen, as core's scoring reads it: with no answer, every operator but `exists` is false.
function holds(c: EnableWhen, answers: ResponseAnswer[]): boolean {
  if (c.operator === 'exists') return answers.length > 0 === (c.answerBoolean ?? true);
  if (answers.length === 0) return false;
  const matches = (a: ResponseAnswer) => {
    if (c.answerCoding) return same(a.valueCoding, c.answerCoding);
    if (c.answerBoolean !== undefined) return a.valueBoolean === c.answerBoolean;
    const [x, y] = [a.valueInteger ?? a.valueDecimal, c.answerInteger];
    if (x === undefined || y === undefined) return false;
    switch (c.operator) {
      case '>':
        return x > y;
      case '<':
        return x < y;
      case '>=':
        return x >= y;
      case '<=':
        return x <= y;
      default:
        return x === y;
    }
  };
  return c.operator === '!=' ? !answers.some(matches) : answers.some(matches);
}

/** Whether the skip logic asks this item, given the answers so far. */
export function isEnabled(item: QuestionnaireItem, answers: Answers): boolean {
  const conditions = item.enableWhen ?? [];
  if (conditions.length === 0) return true;
  const results = conditions.map((c) => holds(c, answers.get(c.question) ?? []));
  return item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}

/** Questions that take an answer (not totals, groups or text to read). */
export const isQuestion = (item: QuestionnaireItem) =>
  !item.readOnly && item.type !== 'group' && item.type !== 'display';

/** The questions asked now, in order, following the skip logic into groups. */
export function askedQuestions(items: readonly QuestionnaireItem[], answers: Answers): QuestionnaireItem[] {
  return items.flatMap((item) => {
    if (!isEnabled(item, answers)) return [];
    return [...(isQuestion(item) ? [item] : []), ...askedQuestions(item.item ?? [], answers)];
  });
}

function responseItems(items: readonly QuestionnaireItem[], answers: Answers): ResponseItem[] {
  return items.flatMap((item): ResponseItem[] => {
    if (!isEnabled(item, answers)) return [];
    if (item.type === 'group') {
      const inner = responseItems(item.item ?? [], answers);
      return inner.length > 0 ? [{ linkId: item.linkId, item: inner }] : [];
    }
    const given = isQuestion(item) ? answers.get(item.linkId) : undefined;
    return given && given.length > 0 ? [{ linkId: item.linkId, answer: given }] : [];
  });
}

/**
 * The FHIR QuestionnaireResponse for the answers given: only questions the
 * skip logic still asks, nested as the questionnaire is, never a total.
 */
export function toResponse(
  q: Questionnaire,
  answers: Answers,
  id: string,
  complete: boolean,
): QuestionnaireResponse & { id: string } {
  return {
    resourceType: 'QuestionnaireResponse',
    id,
    questionnaire: `${q.url}|${q.version}`,
    status: complete ? 'completed' : 'in-progress',
    authored: new Date().toISOString(),
    item: responseItems(q.item, answers),
  };
}
