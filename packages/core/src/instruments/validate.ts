import { QuestionnaireRejected } from './errors.js';
import { ORDINAL_VALUE } from './extensions.js';
import { type Questionnaire, supportedItemTypes } from './fhir.js';
import { type QuestionnaireProblem, readScoringRule, type ScoringRule } from './rule.js';
import { checkRule } from './validate-rule.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const operators = ['exists', '=', '!=', '>', '<', '>=', '<='];
const answerKeys = ['answerCoding', 'answerBoolean', 'answerInteger'];
type Report = (path: string, message: string) => void;

/**
 * Checks that a questionnaire (built in, or uploaded by a program) is one the
 * renderer and scoring engine can use, and says what is wrong in plain English.
 * Light enough for the phone: it does not load the FHIR schema.
 * @example
 * validateQuestionnaire({ resourceType: 'Questionnaire', status: 'active', item: [] })
 * // [{ path: 'url', message: 'A url is required …' }, …]
 */
export function validateQuestionnaire(json: unknown): QuestionnaireProblem[] {
  const problems: QuestionnaireProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  if (!isObject(json)) return [{ path: '', message: 'A questionnaire must be a JSON object.' }];
  if (json.resourceType !== 'Questionnaire') add('resourceType', 'resourceType must be "Questionnaire".');
  if (!isText(json.url)) add('url', 'A url is required: responses refer to the form by url and version.');
  if (!isText(json.version))
    add('version', 'A version is required: responses refer to the form by url and version.');
  if (!['draft', 'active', 'retired', 'unknown'].includes(String(json.status))) {
    add('status', 'status must be one of draft, active, retired, unknown.');
  }
  if (!Array.isArray(json.item) || json.item.length === 0) {
    add('item', 'A questionnaire needs at least one item.');
    return problems;
  }
  const items = new Map<string, Json>();
  collectItems(json.item, 'item', items, add);
  for (const [linkId, item] of items) checkEnableWhen(linkId, item, items, add);
  if (problems.length === 0) problems.push(...checkScoring(json as unknown as Questionnaire));
  return problems;
}

function collectItems(list: unknown[], base: string, items: Map<string, Json>, add: Report) {
  for (const [i, raw] of list.entries()) {
    const path = `${base}[${i}]`;
    if (!isObject(raw)) {
      add(path, 'Each item must be an object.');
      continue;
    }
    if (!isText(raw.linkId)) add(`${path}.linkId`, 'Each item needs a linkId.');
    else if (items.has(raw.linkId)) add(`${path}.linkId`, `linkId "${raw.linkId}" is used more than once.`);
    else items.set(raw.linkId, { ...raw, path });
    if (!supportedItemTypes.some((t) => t === raw.type)) {
      add(
        `${path}.type`,
        `Item type "${String(raw.type)}" is not supported (use ${supportedItemTypes.join(', ')}).`,
      );
    }
    if (raw.text !== undefined && typeof raw.text !== 'string') add(`${path}.text`, 'text must be a string.');
    for (const flag of ['required', 'repeats', 'readOnly']) {
      if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean')
        add(`${path}.${flag}`, `${flag} must be true or false.`);
    }
    checkOptions(raw, path, add);
    if (raw.type === 'group' && (!Array.isArray(raw.item) || raw.item.length === 0)) {
      add(`${path}.item`, 'A group needs at least one item.');
    }
    if (raw.item !== undefined) {
      if (Array.isArray(raw.item)) collectItems(raw.item, `${path}.item`, items, add);
      else add(`${path}.item`, 'item must be a list.');
    }
  }
}

function checkOptions(item: Json, path: string, add: Report) {
  const options = item.answerOption;
  if (item.type !== 'choice') {
    if (options !== undefined) add(`${path}.answerOption`, 'Only choice items can have answer options.');
    return;
  }
  if (!Array.isArray(options) || options.length === 0) {
    return add(`${path}.answerOption`, 'A choice item needs a list of answer options.');
  }
  const codes = new Set<string>();
  for (const [j, option] of options.entries()) {
    const at = `${path}.answerOption[${j}]`;
    const coding = isObject(option) ? option.valueCoding : undefined;
    if (!isObject(coding) || !isText(coding.code)) {
      add(
        `${at}.valueCoding`,
        'Each answer option needs a valueCoding with a code, so answers can be scored.',
      );
      continue;
    }
    const key = `${String(coding.system ?? '')}|${coding.code}`;
    if (codes.has(key)) add(`${at}.valueCoding`, `Answer code "${coding.code}" is listed twice.`);
    codes.add(key);
    const extensions = isObject(option) && Array.isArray(option.extension) ? option.extension : [];
    const ordinal = extensions.find((e) => isObject(e) && e.url === ORDINAL_VALUE);
    if (isObject(ordinal) && typeof ordinal.valueDecimal !== 'number') {
      add(`${at}.extension`, 'An ordinalValue extension needs a numeric valueDecimal.');
    }
  }
}

function checkEnableWhen(linkId: string, item: Json, items: Map<string, Json>, add: Report) {
  if (item.enableWhen === undefined) return;
  const path = `${String(item.path)}.enableWhen`;
  if (!Array.isArray(item.enableWhen)) return add(path, 'enableWhen must be a list.');
  for (const [k, raw] of item.enableWhen.entries()) {
    const at = `${path}[${k}]`;
    if (!isObject(raw)) {
      add(at, 'Each enableWhen must be an object.');
      continue;
    }
    const target = typeof raw.question === 'string' ? items.get(raw.question) : undefined;
    if (!target) {
      add(`${at}.question`, `enableWhen refers to "${String(raw.question)}", which is not an item.`);
      continue;
    }
    if (raw.question === linkId) add(`${at}.question`, 'An item cannot depend on its own answer.');
    if (!operators.includes(String(raw.operator)))
      add(`${at}.operator`, `operator must be one of ${operators.join(' ')}.`);
    const given = answerKeys.filter((key) => raw[key] !== undefined);
    if (given.length !== 1) add(at, `Give exactly one of ${answerKeys.join(', ')}.`);
    const coding = raw.answerCoding;
    if (isObject(coding) && Array.isArray(target.answerOption)) {
      const known = target.answerOption.some(
        (o) => isObject(o) && isObject(o.valueCoding) && o.valueCoding.code === coding.code,
      );
      if (!known)
        add(`${at}.answerCoding`, `"${String(coding.code)}" is not an answer of "${String(raw.question)}".`);
    }
  }
}

function checkScoring(q: Questionnaire): QuestionnaireProblem[] {
  const { rule, problems } = readScoringRule(q);
  return problems.length > 0 || !rule ? problems : checkRule(q, rule);
}

const checked = new WeakMap<
  Questionnaire,
  { rule?: ScoringRule | undefined; problems?: QuestionnaireProblem[] }
>();

/**
 * The scoring rule of a questionnaire that passed `validateQuestionnaire`
 * (remembered per object, so scoring many responses validates once).
 * @throws QuestionnaireRejected when the questionnaire has problems.
 * @example requireScoringRule(phq9)?.method // 'sum'
 */
export function requireScoringRule(q: Questionnaire): ScoringRule | undefined {
  let result = checked.get(q);
  if (!result) {
    const problems = validateQuestionnaire(q);
    result = problems.length > 0 ? { problems } : { rule: readScoringRule(q).rule };
    checked.set(q, result);
  }
  if (result.problems) throw new QuestionnaireRejected(result.problems);
  return result.rule;
}
