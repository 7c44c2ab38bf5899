import { ordinalOf } from './extensions.js';
import type { Coding, Questionnaire, QuestionnaireResponse } from './fhir.js';
import { type Answered, missingAnswers, optionFor, readAnswers, sameCoding } from './response.js';
import type {
  AnswerCondition,
  ItemFlagName,
  RiskLevel,
  RiskTierRule,
  SocialNeedsRule,
  SumRule,
} from './rule.js';
import { requireScoringRule } from './validate.js';

export type CssrsRisk = 'none' | RiskLevel;

/** A social need the screen found, and the SDOH category to refer it under. */
export interface SocialNeed {
  domain: string;
  category: Coding;
}

/** What the scoring engine found. Labels are message keys (see `screeningMessageKeys`). */
export interface ScoreResult {
  /** The questionnaire's canonical url. */
  instrument: string;
  version: string;
  complete: boolean;
  /** Required questions asked but not answered. */
  missing: string[];
  /** Only when complete: a missing answer is never counted as 0. */
  total?: number;
  band?: { code: string; label: string };
  /** Screens with a cut-off (PHQ-2, GAD-2): whether the total reaches it. */
  positive?: boolean;
  /** Set from the answers given, even when the response is incomplete, so a risk is never hidden. */
  flags: { [name in ItemFlagName]?: boolean } & { cssrsRisk?: CssrsRisk };
  positiveDomains?: string[];
  needs?: SocialNeed[];
  /** Sub-scores of social-need domains that sum answers, e.g. `{ safety: 12 }`. */
  domainTotals?: Record<string, number>;
}

/**
 * Scores a response with the rule its questionnaire carries. Pure: the phone
 * and the server get the same result from the same answers.
 * @throws ResponseRejected when the response does not fit the questionnaire
 * @throws QuestionnaireRejected when the questionnaire cannot be scored
 * @example
 * const result = score(phq9, response);
 * if (result.flags.phq9Item9) startCssrs();
 * result.total; // 12 (only when result.complete)
 */
export function score(questionnaire: Questionnaire, response: QuestionnaireResponse): ScoreResult {
  const rule = requireScoringRule(questionnaire);
  const answered = readAnswers(questionnaire, response);
  const missing = missingAnswers(questionnaire, answered);
  const base: ScoreResult = {
    instrument: questionnaire.url,
    version: questionnaire.version,
    complete: missing.length === 0,
    missing,
    flags: {},
  };
  if (!rule) return base;
  switch (rule.method) {
    case 'sum':
      return scoreSum(rule, answered, base);
    case 'risk-tiers':
      return scoreRiskTiers(rule, answered, base);
    case 'social-needs':
      return scoreSocialNeeds(rule, answered, base);
  }
}

/** The ordinal of the (single) answer to an item, if it has one. */
function pointsOf(answered: Map<string, Answered>, linkId: string): number | undefined {
  const a = answered.get(linkId);
  const first = a?.answers[0];
  return a && first ? ordinalOf(optionFor(a.item, first)?.extension) : undefined;
}

/** The sum of the items' points, or undefined if any is unanswered. */
function sumOf(answered: Map<string, Answered>, linkIds: readonly string[]): number | undefined {
  let total = 0;
  for (const linkId of linkIds) {
    const points = pointsOf(answered, linkId);
    if (points === undefined) return undefined;
    total += points;
  }
  return total;
}

function scoreSum(rule: SumRule, answered: Map<string, Answered>, result: ScoreResult): ScoreResult {
  for (const flag of rule.flags) {
    const points = pointsOf(answered, flag.linkId);
    if (points !== undefined) result.flags[flag.name] = points > flag.above;
  }
  const total = sumOf(answered, rule.sumOf);
  if (!result.complete || total === undefined) return result;
  result.total = total;
  const band = rule.bands.find((b) => b.min <= total && total <= b.max);
  if (band) result.band = { code: band.code, label: band.label };
  if (rule.positiveAt !== undefined) result.positive = total >= rule.positiveAt;
  return result;
}

function matching(
  conditions: readonly AnswerCondition[],
  answered: Map<string, Answered>,
): AnswerCondition[] {
  return conditions.filter((c) =>
    (answered.get(c.linkId)?.answers ?? []).some((a) => sameCoding(a.valueCoding, c.answer)),
  );
}

function scoreRiskTiers(
  rule: RiskTierRule,
  answered: Map<string, Answered>,
  result: ScoreResult,
): ScoreResult {
  // Highest tier first: a high-risk answer counts even before the screen is finished.
  const tier = rule.tiers.find((t) => matching(t.when, answered).length > 0);
  if (tier) {
    result.flags.cssrsRisk = tier.level;
    result.band = { code: tier.level, label: tier.label };
  } else if (result.complete) {
    result.flags.cssrsRisk = 'none';
    result.band = { code: 'none', label: rule.noneLabel };
  }
  return result;
}

function scoreSocialNeeds(
  rule: SocialNeedsRule,
  answered: Map<string, Answered>,
  result: ScoreResult,
): ScoreResult {
  const needs: SocialNeed[] = [];
  const totals: Record<string, number> = {};
  for (const domain of rule.domains) {
    const [hit] = matching(domain.when, answered);
    let positive = hit !== undefined;
    if (domain.sumOf.length > 0) {
      // Every summed item must be answered (AHC safety: all four questions).
      const total = sumOf(answered, domain.sumOf);
      if (total !== undefined) {
        totals[domain.name] = total;
        positive ||= domain.positiveAt !== undefined && total >= domain.positiveAt;
      }
    }
    if (positive) needs.push({ domain: domain.name, category: hit?.category ?? domain.category });
  }
  result.needs = needs;
  result.positiveDomains = needs.map((n) => n.domain);
  result.domainTotals = totals;
  return result;
}
