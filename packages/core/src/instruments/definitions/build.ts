import { type Bilingual, bilingualCoding, LOINC, ordinal, translations } from '../extensions.js';
import type { AnswerOption, EnableWhen, QuestionnaireItem } from '../fhir.js';

/** A coded answer option, with its score when it has one. */
export function option(system: string, code: string, display: Bilingual, score?: number): AnswerOption {
  const answer: AnswerOption = { valueCoding: bilingualCoding(system, code, display) };
  if (score !== undefined) answer.extension = [ordinal(score)];
  return answer;
}

interface QuestionOptions {
  loinc?: string;
  required?: boolean;
  repeats?: boolean;
  enableWhen?: EnableWhen[];
}

/** A required single-choice question (unless told otherwise), coded with LOINC when it has a code. */
export function choice(
  linkId: string,
  text: Bilingual,
  answerOption: AnswerOption[],
  opts: QuestionOptions = {},
): QuestionnaireItem {
  const item: QuestionnaireItem = { linkId, type: 'choice', text: text.en, _text: translations(text) };
  if (opts.loinc) item.code = [{ system: LOINC, code: opts.loinc }];
  item.required = opts.required ?? true;
  if (opts.repeats) item.repeats = true;
  if (opts.enableWhen) item.enableWhen = opts.enableWhen;
  item.answerOption = answerOption;
  return item;
}

/** Text shown to the person, with no answer (instructions, recall period). */
export function display(linkId: string, text: Bilingual): QuestionnaireItem {
  return { linkId, type: 'display', text: text.en, _text: translations(text) };
}

/** The read-only total the engine computes; a total sent by the phone is never trusted. */
export function totalItem(linkId: string, loinc?: string): QuestionnaireItem {
  const text = { en: 'Total score', es: 'Puntuación total' };
  const item: QuestionnaireItem = { linkId, type: 'integer', text: text.en, _text: translations(text) };
  if (loinc) item.code = [{ system: LOINC, code: loinc }];
  item.readOnly = true;
  return item;
}

export function group(linkId: string, text: Bilingual, item: QuestionnaireItem[]): QuestionnaireItem {
  return { linkId, type: 'group', text: text.en, _text: translations(text), item };
}
