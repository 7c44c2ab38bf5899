// Builders for the screening and alert tests (not used by the server).
import { allItems, canonicalOf, cssrs, type Questionnaire, type ResponseItem, uuidv7 } from '@puente/core';

/** A response answering `${prefix}-1…n` with the option worth the points given (options are listed 0, 1, 2, 3). */
export function byPoints(q: Questionnaire, prefix: string, points: number[], total?: number) {
  const items = allItems(q.item);
  const item: ResponseItem[] = points.map((p, i) => {
    const linkId = `${prefix}-${i + 1}`;
    const option = items.find((it) => it.linkId === linkId)?.answerOption?.[p];
    if (!option) throw new Error(`no option ${p} on ${linkId}`);
    return { linkId, answer: [{ valueCoding: option.valueCoding }] };
  });
  if (total !== undefined) item.push({ linkId: `${prefix}-total`, answer: [{ valueInteger: total }] });
  return {
    resourceType: 'QuestionnaireResponse' as const,
    id: uuidv7(),
    questionnaire: canonicalOf(q),
    status: 'completed' as const,
    item,
  };
}

/** A C-SSRS screener answered yes/no per item; yes to Q4 is Columbia's high risk. */
export function cssrsResponse(yes: string[], no: string[]) {
  const coding = (code: string) => ({ valueCoding: { system: 'http://loinc.org', code } });
  return {
    resourceType: 'QuestionnaireResponse' as const,
    id: uuidv7(),
    questionnaire: canonicalOf(cssrs),
    status: 'completed' as const,
    item: [
      ...yes.map((n) => ({ linkId: `cssrs-${n}`, answer: [coding('LA33-6')] })),
      ...no.map((n) => ({ linkId: `cssrs-${n}`, answer: [coding('LA32-8')] })),
    ],
  };
}
