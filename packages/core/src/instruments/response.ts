import { isItemEnabled, sameCoding } from './enable-when.js';
import { type ResponseProblem, ResponseRejected } from './errors.js';
import {
  allItems,
  canonicalOf,
  type Questionnaire,
  type QuestionnaireItem,
  type QuestionnaireResponse,
  type ResponseAnswer,
  type ResponseItem,
} from './fhir.js';

/** The answers given to one item of the questionnaire. */
export interface Answered {
  item: QuestionnaireItem;
  answers: ResponseAnswer[];
  path: string;
}

const valueKeyFor: Record<QuestionnaireItem['type'], keyof ResponseAnswer | undefined> = {
  group: undefined,
  display: undefined,
  choice: 'valueCoding',
  boolean: 'valueBoolean',
  integer: 'valueInteger',
  decimal: 'valueDecimal',
  string: 'valueString',
  text: 'valueString',
  date: 'valueDate',
};

export { sameCoding };

/** The answer option an answer picked, if any. */
export function optionFor(item: QuestionnaireItem, answer: ResponseAnswer) {
  return item.answerOption?.find((o) => sameCoding(o.valueCoding, answer.valueCoding));
}

/**
 * Checks a response against its questionnaire and indexes its answers by
 * linkId. Answers to read-only items (the totals) are ignored: the engine
 * computes them and never trusts a score sent by a client.
 * @throws ResponseRejected with every problem found.
 */
export function readAnswers(q: Questionnaire, r: QuestionnaireResponse): Map<string, Answered> {
  if (r.questionnaire !== canonicalOf(q)) {
    const message = `This response is for "${r.questionnaire}", not for "${canonicalOf(q)}".`;
    throw new ResponseRejected([{ reason: 'wrongQuestionnaire', path: 'questionnaire', message }]);
  }
  const byLinkId = new Map(allItems(q.item).map((item) => [item.linkId, item]));
  const answered = new Map<string, Answered>();
  const seen = new Set<string>();
  const problems: ResponseProblem[] = [];

  const visit = (items: readonly ResponseItem[], base: string) => {
    items.forEach((ri, i) => {
      const path = `${base}item[${i}]`;
      const item = byLinkId.get(ri.linkId);
      if (!item) {
        problems.push({
          reason: 'unknownItem',
          path,
          message: `No item "${ri.linkId}" in this questionnaire.`,
        });
        return;
      }
      if (seen.has(ri.linkId)) {
        problems.push({
          reason: 'answeredTwice',
          path,
          message: `Item "${ri.linkId}" appears more than once.`,
        });
        return;
      }
      seen.add(ri.linkId);
      const answers = ri.answer ?? [];
      checkAnswers(item, answers, path, problems);
      if (answers.length > 0 && !item.readOnly) answered.set(ri.linkId, { item, answers, path });
      visit(ri.item ?? [], `${path}.`);
      answers.forEach((a, j) => {
        if (a.item) visit(a.item, `${path}.answer[${j}].`);
      });
    });
  };
  visit(r.item ?? [], '');

  const enabled = enabledItems(q, answered);
  for (const [linkId, a] of answered) {
    if (!enabled.has(linkId)) {
      const message = `Item "${linkId}" is skipped by the answers given, so it cannot have an answer.`;
      problems.push({ reason: 'answerToDisabledItem', path: a.path, message });
    }
  }
  if (problems.length > 0) throw new ResponseRejected(problems);
  return answered;
}

function checkAnswers(
  item: QuestionnaireItem,
  answers: ResponseAnswer[],
  path: string,
  out: ResponseProblem[],
) {
  const key = valueKeyFor[item.type];
  if (answers.length > 1 && !item.repeats) {
    out.push({
      reason: 'answeredTwice',
      path,
      message: `Item "${item.linkId}" takes one answer, not ${answers.length}.`,
    });
  }
  answers.forEach((answer, j) => {
    const at = `${path}.answer[${j}]`;
    const given = Object.keys(answer).filter(
      (k) => k.startsWith('value') && answer[k as keyof ResponseAnswer] !== undefined,
    );
    if (key === undefined || given.length !== 1 || given[0] !== key) {
      const expected = key ? `one ${key}` : 'no answer';
      out.push({
        reason: 'wrongAnswerType',
        path: at,
        message: `Item "${item.linkId}" (${item.type}) takes ${expected}.`,
      });
      return;
    }
    if (item.type !== 'choice') return;
    if (!optionFor(item, answer)) {
      const code = `${answer.valueCoding?.system ?? ''}|${answer.valueCoding?.code ?? ''}`;
      out.push({
        reason: 'unknownAnswer',
        path: at,
        message: `"${code}" is not an answer of item "${item.linkId}".`,
      });
    } else if (answers.slice(0, j).some((earlier) => sameCoding(earlier.valueCoding, answer.valueCoding))) {
      out.push({
        reason: 'answeredTwice',
        path: at,
        message: `The same answer is given twice to "${item.linkId}".`,
      });
    }
  });
}

/** The linkIds the person should be asked, given the answers so far (enableWhen, nested groups). */
export function enabledItems(q: Questionnaire, answered: Map<string, Answered>): Set<string> {
  const enabled = new Set<string>();
  const walk = (items: readonly QuestionnaireItem[]) => {
    for (const item of items) {
      if (!isItemEnabled(item, (linkId) => answered.get(linkId)?.answers ?? [])) continue;
      enabled.add(item.linkId);
      walk(item.item ?? []);
    }
  };
  walk(q.item);
  return enabled;
}

/** Required questions that are asked but not answered, in questionnaire order. */
export function missingAnswers(q: Questionnaire, answered: Map<string, Answered>): string[] {
  const enabled = enabledItems(q, answered);
  return allItems(q.item)
    .filter((i) => i.required && !i.readOnly && i.type !== 'group' && i.type !== 'display')
    .filter((i) => enabled.has(i.linkId) && !answered.has(i.linkId))
    .map((i) => i.linkId);
}
