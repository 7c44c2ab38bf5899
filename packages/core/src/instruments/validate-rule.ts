import { ordinalOf } from './extensions.js';
import { allItems, type Questionnaire, type QuestionnaireItem } from './fhir.js';
import { sameCoding } from './response.js';
import type { AnswerCondition, Band, QuestionnaireProblem, ScoringRule } from './rule.js';

/** The lowest and highest total a set of scored choice items can give. */
export function rangeOf(items: readonly QuestionnaireItem[]): { min: number; max: number } {
  let [min, max] = [0, 0];
  for (const item of items) {
    const points = (item.answerOption ?? []).map((o) => ordinalOf(o.extension) ?? 0);
    min += Math.min(...points);
    max += Math.max(...points);
  }
  return { min, max };
}

/**
 * Checks that a scoring rule fits its questionnaire: every item it names
 * exists and is scored, every answer code exists, bands cover the whole range.
 */
export function checkRule(q: Questionnaire, rule: ScoringRule): QuestionnaireProblem[] {
  const problems: QuestionnaireProblem[] = [];
  const path = 'extension(scoring)';
  const items = new Map(allItems(q.item).map((i) => [i.linkId, i]));
  const add = (message: string) => problems.push({ path, message });

  const scored = (linkIds: readonly string[]): QuestionnaireItem[] =>
    linkIds.flatMap((linkId) => {
      const item = items.get(linkId);
      if (item?.type !== 'choice') {
        add(`"${linkId}" is summed, but it is not a choice item of this questionnaire.`);
        return [];
      }
      if (item.repeats) add(`"${linkId}" is summed, so it must take one answer (repeats is set).`);
      if (item.answerOption?.some((o) => ordinalOf(o.extension) === undefined)) {
        add(`Every answer of "${linkId}" needs an ordinalValue extension (its points).`);
      }
      return [item];
    });
  const checkConditions = (conditions: readonly AnswerCondition[]) => {
    for (const c of conditions) {
      const options = items.get(c.linkId)?.answerOption ?? [];
      if (!options.some((o) => sameCoding(o.valueCoding, c.answer))) {
        add(
          `The rule looks for answer "${c.answer.code}" of "${c.linkId}", which the questionnaire does not offer.`,
        );
      }
    }
  };
  const checkTotal = (linkId: string | undefined) => {
    if (linkId !== undefined && !items.get(linkId)?.readOnly) {
      add(`The total "${linkId}" must be a read-only item of this questionnaire.`);
    }
  };

  if (rule.method === 'sum') {
    if (rule.sumOf.length === 0) add('A sum rule must name the items it sums.');
    const before = problems.length;
    const range = rangeOf(scored(rule.sumOf));
    // Without every item's points the range is unknown: report that alone, not bands that look wrong.
    const rangeKnown = problems.length === before;
    checkTotal(rule.total);
    if (rangeKnown) problems.push(...checkBands(rule.bands, range, path));
    for (const flag of rule.flags) {
      if (!rule.sumOf.includes(flag.linkId))
        add(`Flag "${flag.name}" refers to "${flag.linkId}", which is not summed.`);
    }
    if (
      rangeKnown &&
      rule.positiveAt !== undefined &&
      (rule.positiveAt < range.min || rule.positiveAt > range.max)
    ) {
      add(
        `The positive cut-off ${rule.positiveAt} is outside the possible totals ${range.min}–${range.max}.`,
      );
    }
  } else if (rule.method === 'risk-tiers') {
    if (rule.tiers.length === 0) add('A risk-tier rule needs at least one tier.');
    for (const tier of rule.tiers) {
      if (tier.when.length === 0) add(`Tier "${tier.level}" needs at least one answer that leads to it.`);
      checkConditions(tier.when);
    }
  } else {
    if (rule.domains.length === 0) add('A social-needs rule needs at least one domain.');
    const names = new Set<string>();
    for (const domain of rule.domains) {
      if (names.has(domain.name)) add(`Domain "${domain.name}" is listed twice.`);
      names.add(domain.name);
      checkConditions(domain.when);
      scored(domain.sumOf);
      checkTotal(domain.total);
      if (domain.when.length === 0 && (domain.sumOf.length === 0 || domain.positiveAt === undefined)) {
        add(`Domain "${domain.name}" needs positive answers, or summed items with a positive cut-off.`);
      }
    }
  }
  return problems;
}

/** Bands must not overlap and must leave no total without a band. */
function checkBands(bands: readonly Band[], range: { min: number; max: number }, path: string) {
  const problems: QuestionnaireProblem[] = [];
  const sorted = [...bands].sort((a, b) => a.min - b.min);
  let next = range.min;
  for (const band of sorted) {
    if (band.min > band.max) problems.push({ path, message: `Band "${band.code}" starts after it ends.` });
    if (band.min !== next) {
      problems.push({
        path,
        message: `Band "${band.code}" starts at ${band.min}; the next band should start at ${next}.`,
      });
    }
    next = band.max + 1;
  }
  if (sorted.length > 0 && next !== range.max + 1) {
    problems.push({ path, message: `The bands end at ${next - 1}, but totals go up to ${range.max}.` });
  }
  return problems;
}
