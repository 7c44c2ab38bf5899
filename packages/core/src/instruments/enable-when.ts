import type { Coding, EnableWhen, QuestionnaireItem, ResponseAnswer } from './fhir.js';

/** Two codings name the same answer: same code, same system (a missing system is the empty one). */
export const sameCoding = (a: Coding | undefined, b: Coding | undefined): boolean =>
  a !== undefined && b !== undefined && a.code === b.code && (a.system ?? '') === (b.system ?? '');

/** One FHIR R4 enableWhen condition against the answers given to its question. */
function holds(condition: EnableWhen, answers: readonly ResponseAnswer[]): boolean {
  if (condition.operator === 'exists') return answers.length > 0 === (condition.answerBoolean ?? true);
  // FHIR R4: with no answer, every operator but `exists` is false.
  if (answers.length === 0) return false;
  const matches = (a: ResponseAnswer): boolean => {
    if (condition.answerCoding) return sameCoding(a.valueCoding, condition.answerCoding);
    if (condition.answerBoolean !== undefined) return a.valueBoolean === condition.answerBoolean;
    const [x, y] = [a.valueInteger ?? a.valueDecimal, condition.answerInteger];
    if (x === undefined || y === undefined) return false;
    switch (condition.operator) {
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
  return condition.operator === '!=' ? !answers.some(matches) : answers.some(matches);
}

/**
 * Whether the skip logic asks this item, given the answers so far: one rule for
 * the phone's form and the server's check of what was sent.
 * @example isItemEnabled(item9, (linkId) => answers.get(linkId) ?? [])
 */
export function isItemEnabled(
  item: QuestionnaireItem,
  answersTo: (linkId: string) => readonly ResponseAnswer[],
): boolean {
  const conditions = item.enableWhen ?? [];
  if (conditions.length === 0) return true;
  const results = conditions.map((c) => holds(c, answersTo(c.question)));
  return item.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}
