import { SCORING } from './extensions.js';
import type { Coding, Extension, Questionnaire } from './fhir.js';

/** One thing wrong with a questionnaire, in English, with where it is. */
export interface QuestionnaireProblem {
  path: string;
  message: string;
}

/** A score range and the message key of its name, e.g. 10–14 → `screening.bandModerate`. */
export interface Band {
  min: number;
  max: number;
  code: string;
  label: string;
}

/** Flags the scoring result can carry beside the total. */
export const itemFlagNames = ['phq9Item9'] as const;
export type ItemFlagName = (typeof itemFlagNames)[number];

/** Raise a flag when one item's score is above a value, whatever the total. */
export interface ItemFlag {
  name: ItemFlagName;
  linkId: string;
  above: number;
}

/** "This item was answered with this code"; `category` is the social need it shows, when it differs. */
export interface AnswerCondition {
  linkId: string;
  answer: Coding;
  category?: Coding;
}

/** Sum of answer ordinals (PHQ, GAD): a total, a band, optional positive cut-off and item flags. */
export interface SumRule {
  method: 'sum';
  sumOf: string[];
  total?: string;
  positiveAt?: number;
  bands: Band[];
  flags: ItemFlag[];
}

export const riskLevels = ['low', 'moderate', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export interface RiskTier {
  level: RiskLevel;
  label: string;
  when: AnswerCondition[];
}

/** Yes/no answers to risk tiers (C-SSRS). Tiers are listed highest first; the first that matches wins. */
export interface RiskTierRule {
  method: 'risk-tiers';
  tiers: RiskTier[];
  noneLabel: string;
}

/** One social-need domain: positive when any `when` matches, or when the sum of `sumOf` reaches `positiveAt`. */
export interface NeedDomain {
  name: string;
  category: Coding;
  when: AnswerCondition[];
  sumOf: string[];
  total?: string;
  positiveAt?: number;
}

export interface SocialNeedsRule {
  method: 'social-needs';
  domains: NeedDomain[];
}

export type ScoringRule = SumRule | RiskTierRule | SocialNeedsRule;

const part = (url: string, value: Omit<Extension, 'url'>): Extension => ({ url, ...value });
const condition = (c: AnswerCondition): Extension =>
  part('when', {
    extension: [
      part('linkId', { valueString: c.linkId }),
      part('answer', { valueCoding: c.answer }),
      ...(c.category ? [part('category', { valueCoding: c.category })] : []),
    ],
  });

/**
 * Writes a scoring rule as Puente's FHIR scoring extension, so the rule travels with the form.
 * @example scoringExtension({ method: 'risk-tiers', tiers: [], noneLabel: 'screening.riskNone' })
 */
export function scoringExtension(rule: ScoringRule): Extension {
  const parts: Extension[] = [part('method', { valueCode: rule.method })];
  if (rule.method === 'sum') {
    parts.push(...rule.sumOf.map((linkId) => part('sumOf', { valueString: linkId })));
    if (rule.total) parts.push(part('total', { valueString: rule.total }));
    if (rule.positiveAt !== undefined) parts.push(part('positiveAt', { valueInteger: rule.positiveAt }));
    for (const b of rule.bands) {
      const fields = [
        part('min', { valueInteger: b.min }),
        part('max', { valueInteger: b.max }),
        part('code', { valueCode: b.code }),
        part('label', { valueString: b.label }),
      ];
      parts.push(part('band', { extension: fields }));
    }
    for (const f of rule.flags) {
      const fields = [
        part('name', { valueCode: f.name }),
        part('linkId', { valueString: f.linkId }),
        part('above', { valueInteger: f.above }),
      ];
      parts.push(part('flag', { extension: fields }));
    }
  } else if (rule.method === 'risk-tiers') {
    for (const tier of rule.tiers) {
      const fields = [part('level', { valueCode: tier.level }), part('label', { valueString: tier.label })];
      parts.push(part('tier', { extension: [...fields, ...tier.when.map(condition)] }));
    }
    parts.push(part('noneLabel', { valueString: rule.noneLabel }));
  } else {
    for (const d of rule.domains) {
      const fields = [part('name', { valueCode: d.name }), part('category', { valueCoding: d.category })];
      fields.push(...d.when.map(condition), ...d.sumOf.map((id) => part('sumOf', { valueString: id })));
      if (d.total) fields.push(part('total', { valueString: d.total }));
      if (d.positiveAt !== undefined) fields.push(part('positiveAt', { valueInteger: d.positiveAt }));
      parts.push(part('domain', { extension: fields }));
    }
  }
  return { url: SCORING, extension: parts };
}

// Uploaded forms are untrusted JSON: check each value's type before using it.
function hasType(key: keyof Extension, value: unknown): boolean {
  if (key === 'valueInteger') return Number.isInteger(value);
  if (key === 'valueCoding') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === 'string';
}

/** Reads the named parts of one complex extension, recording what is missing. */
class Parts {
  constructor(
    private readonly ext: Extension,
    private readonly path: string,
    private readonly problems: QuestionnaireProblem[],
  ) {}

  all(name: string): Array<{ ext: Extension; path: string }> {
    return (this.ext.extension ?? [])
      .map((ext, i) => ({ ext, path: `${this.path}.extension[${i}]` }))
      .filter(({ ext }) => ext.url === name);
  }

  one<K extends keyof Extension>(name: string, key: K, required = true): Extension[K] | undefined {
    const found = this.all(name)[0];
    const value = found?.ext[key];
    if (value === undefined) {
      const message = found ? `"${name}" must be given as ${key}.` : `"${name}" (${key}) is missing.`;
      if (required || found) this.problems.push({ path: found?.path ?? this.path, message });
      return undefined;
    }
    if (!hasType(key, value)) {
      this.problems.push({
        path: found?.path ?? this.path,
        message: `"${name}" has a ${key} of the wrong type.`,
      });
      return undefined;
    }
    return value;
  }

  strings(name: string): string[] {
    return this.all(name).flatMap(({ ext }) => (ext.valueString === undefined ? [] : [ext.valueString]));
  }

  conditions(): AnswerCondition[] {
    return this.all('when').flatMap(({ ext, path }) => {
      const when = new Parts(ext, path, this.problems);
      const linkId = when.one('linkId', 'valueString');
      const answer = when.one('answer', 'valueCoding');
      const category = when.one('category', 'valueCoding', false);
      if (linkId === undefined || answer === undefined) return [];
      return [{ linkId, answer, ...(category ? { category } : {}) }];
    });
  }
}

/**
 * Reads the scoring rule of a questionnaire. Forms without the scoring
 * extension are not scored (`rule` is undefined and there are no problems).
 * @example readScoringRule(phq9).rule?.method // 'sum'
 */
export function readScoringRule(q: Pick<Questionnaire, 'extension'>): {
  rule?: ScoringRule;
  problems: QuestionnaireProblem[];
} {
  const problems: QuestionnaireProblem[] = [];
  if (q.extension !== undefined && !Array.isArray(q.extension)) {
    return { problems: [{ path: 'extension', message: 'extension must be a list.' }] };
  }
  const index = (q.extension ?? []).findIndex((e) => e.url === SCORING);
  const ext = q.extension?.[index];
  if (!ext) return { problems };
  const root = new Parts(ext, `extension[${index}]`, problems);
  const method = root.one('method', 'valueCode');
  let rule: ScoringRule | undefined;
  if (method === 'sum') {
    const bands = root.all('band').flatMap(({ ext: b, path }) => {
      const p = new Parts(b, path, problems);
      const min = p.one('min', 'valueInteger');
      const max = p.one('max', 'valueInteger');
      const code = p.one('code', 'valueCode');
      const label = p.one('label', 'valueString');
      return min === undefined || max === undefined || code === undefined || label === undefined
        ? []
        : [{ min, max, code, label }];
    });
    const flags = root.all('flag').flatMap(({ ext: f, path }) => {
      const p = new Parts(f, path, problems);
      const name = p.one('name', 'valueCode');
      const linkId = p.one('linkId', 'valueString');
      const above = p.one('above', 'valueInteger');
      if (!itemFlagNames.some((n) => n === name)) {
        problems.push({
          path,
          message: `Flag "${name}" is not one Puente knows (${itemFlagNames.join(', ')}).`,
        });
        return [];
      }
      return linkId === undefined || above === undefined
        ? []
        : [{ name: name as ItemFlagName, linkId, above }];
    });
    const total = root.one('total', 'valueString', false);
    const positiveAt = root.one('positiveAt', 'valueInteger', false);
    rule = { method, sumOf: root.strings('sumOf'), bands, flags };
    if (total !== undefined) rule.total = total;
    if (positiveAt !== undefined) rule.positiveAt = positiveAt;
  } else if (method === 'risk-tiers') {
    const tiers = root.all('tier').flatMap(({ ext: t, path }) => {
      const p = new Parts(t, path, problems);
      const level = p.one('level', 'valueCode');
      const label = p.one('label', 'valueString');
      if (!riskLevels.some((r) => r === level)) {
        problems.push({ path, message: `Risk level "${level}" must be one of ${riskLevels.join(', ')}.` });
        return [];
      }
      return label === undefined ? [] : [{ level: level as RiskLevel, label, when: p.conditions() }];
    });
    rule = { method, tiers, noneLabel: root.one('noneLabel', 'valueString') ?? '' };
  } else if (method === 'social-needs') {
    const domains = root.all('domain').flatMap(({ ext: d, path }) => {
      const p = new Parts(d, path, problems);
      const name = p.one('name', 'valueCode');
      const category = p.one('category', 'valueCoding');
      if (name === undefined || category === undefined) return [];
      const domain: NeedDomain = { name, category, when: p.conditions(), sumOf: p.strings('sumOf') };
      const total = p.one('total', 'valueString', false);
      const positiveAt = p.one('positiveAt', 'valueInteger', false);
      if (total !== undefined) domain.total = total;
      if (positiveAt !== undefined) domain.positiveAt = positiveAt;
      return [domain];
    });
    rule = { method, domains };
  } else if (method !== undefined) {
    problems.push({
      path: root.all('method')[0]?.path ?? '',
      message: `Scoring method "${method}" is unknown.`,
    });
  }
  return rule ? { rule, problems } : { problems };
}
