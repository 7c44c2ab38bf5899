export * from './definitions/index.js';
export { isItemEnabled, sameCoding } from './enable-when.js';
export {
  QuestionnaireRejected,
  type RejectionReason,
  type ResponseProblem,
  ResponseRejected,
} from './errors.js';
export { type Bilingual, type LanguageSource, languageSources, textIn } from './extensions.js';
export * from './fhir.js';
export { remission, treatmentResponse } from './flows.js';
export { type ScreeningMessageKey, screeningMessageKeys } from './messages.js';
export * from './next-steps.js';
export type {
  AnswerCondition,
  Band,
  ItemFlag,
  ItemFlagName,
  NeedDomain,
  QuestionnaireProblem,
  RiskLevel,
  RiskTier,
  RiskTierRule,
  ScoringRule,
  SocialNeedsRule,
  SumRule,
} from './rule.js';
export { readScoringRule, scoringExtension } from './rule.js';
export { type CssrsRisk, type ScoreResult, type SocialNeed, score } from './score.js';
export { validateQuestionnaire } from './validate.js';
