import { PuenteError } from '../errors/problem.js';
import type { QuestionnaireProblem } from './rule.js';

export type RejectionReason =
  | 'wrongQuestionnaire'
  | 'unknownItem'
  | 'answeredTwice'
  | 'unknownAnswer'
  | 'wrongAnswerType'
  | 'answerToDisabledItem';

/** One reason a response cannot be scored, with where it is in the response. */
export interface ResponseProblem {
  reason: RejectionReason;
  path: string;
  message: string;
}

/**
 * A QuestionnaireResponse that does not fit its questionnaire. Nothing from it
 * should be stored; the server answers 422 with the list of problems.
 * Messages are English; clients can switch on `reason` to translate.
 */
export class ResponseRejected extends PuenteError {
  constructor(readonly problems: ResponseProblem[]) {
    super(422, 'errors.validation', {}, { errors: problems.map(({ path, message }) => ({ path, message })) });
    this.name = 'ResponseRejected';
  }

  /** The first reason, for callers that switch on one. */
  get reason(): RejectionReason | undefined {
    return this.problems[0]?.reason;
  }
}

/** A questionnaire the engine cannot score (see `validateQuestionnaire`). */
export class QuestionnaireRejected extends PuenteError {
  constructor(readonly problems: QuestionnaireProblem[]) {
    super(422, 'errors.validation', {}, { errors: problems });
    this.name = 'QuestionnaireRejected';
  }
}
