import {
  isItemEnabled,
  type Questionnaire,
  type QuestionnaireItem,
  type QuestionnaireResponse,
  type ResponseAnswer,
  type ResponseItem,
} from '@puente/core';

/** Answers being given, by linkId. */
export type Answers = ReadonlyMap<string, ResponseAnswer[]>;

/** Whether the skip logic asks this item, given the answers so far (core's rule, as the server checks it). */
export const isEnabled = (item: QuestionnaireItem, answers: Answers): boolean =>
  isItemEnabled(item, (linkId) => answers.get(linkId) ?? []);

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
