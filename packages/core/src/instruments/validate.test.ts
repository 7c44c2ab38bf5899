import { describe, expect, it } from 'vitest';
import { builtInQuestionnaires, phq2, phq9 } from './definitions/index.js';
import { QuestionnaireRejected } from './errors.js';
import { SCORING } from './extensions.js';
import type { Questionnaire } from './fhir.js';
import { scoringExtension } from './rule.js';
import { score } from './score.js';
import { respond } from './testing.js';
import { validateQuestionnaire } from './validate.js';

/** A copy of the PHQ-2 to break in one place. */
const copy = (): Questionnaire => structuredClone(phq2) as Questionnaire;
const messages = (json: unknown) => validateQuestionnaire(json).map((p) => `${p.path}: ${p.message}`);

describe('validateQuestionnaire', () => {
  it.each(builtInQuestionnaires.map((q) => [q.id, q] as const))('accepts the built-in %s', (_, q) => {
    expect(validateQuestionnaire(q)).toEqual([]);
  });

  it('refuses what is not a questionnaire', () => {
    expect(messages(null)).toEqual([': A questionnaire must be a JSON object.']);
    expect(messages({ resourceType: 'Patient', item: [] })).toEqual([
      'resourceType: resourceType must be "Questionnaire".',
      'url: A url is required: responses refer to the form by url and version.',
      'version: A version is required: responses refer to the form by url and version.',
      'status: status must be one of draft, active, retired, unknown.',
      'item: A questionnaire needs at least one item.',
    ]);
  });

  it('finds duplicate linkIds, unsupported types and uncoded answers', () => {
    const q = copy();
    const [, first, second] = q.item;
    if (!first || !second) throw new Error('PHQ-2 changed');
    second.linkId = first.linkId;
    (first as { type: string }).type = 'attachment';
    const option = second.answerOption?.[0];
    if (option) option.valueCoding = { display: 'Not at all' };
    expect(messages(q)).toEqual([
      'item[1].type: Item type "attachment" is not supported (use group, display, choice, boolean, integer, decimal, string, text, date).',
      'item[1].answerOption: Only choice items can have answer options.',
      'item[2].linkId: linkId "phq2-1" is used more than once.',
      'item[2].answerOption[0].valueCoding: Each answer option needs a valueCoding with a code, so answers can be scored.',
    ]);
  });

  it('finds enableWhen pointing at nothing, or at an answer that does not exist', () => {
    const q = copy();
    const second = q.item[2];
    if (!second) throw new Error('PHQ-2 changed');
    second.enableWhen = [
      { question: 'phq2-9', operator: '=', answerCoding: { code: 'x' } },
      { question: 'phq2-1', operator: '=', answerCoding: { system: 'http://loinc.org', code: 'LA33-6' } },
    ];
    expect(messages(q)).toEqual([
      'item[2].enableWhen[0].question: enableWhen refers to "phq2-9", which is not an item.',
      'item[2].enableWhen[1].answerCoding: "LA33-6" is not an answer of "phq2-1".',
    ]);
  });

  it('finds a scoring rule that does not fit the form', () => {
    const q = copy();
    q.extension = [
      scoringExtension({
        method: 'sum',
        sumOf: ['phq2-1', 'phq2-2'],
        total: 'phq2-2',
        positiveAt: 9,
        bands: [
          { min: 0, max: 1, code: 'low', label: 'screening.bandNegative' },
          { min: 3, max: 4, code: 'high', label: 'screening.bandPositive' },
        ],
        flags: [{ name: 'phq9Item9', linkId: 'phq2-total', above: 0 }],
      }),
    ];
    expect(messages(q).map((m) => m.replace(/^[^:]+: /, ''))).toEqual([
      'The total "phq2-2" must be a read-only item of this questionnaire.',
      'Band "high" starts at 3; the next band should start at 2.',
      'The bands end at 4, but totals go up to 6.',
      'Flag "phq9Item9" refers to "phq2-total", which is not summed.',
      'The positive cut-off 9 is outside the possible totals 0–6.',
    ]);
  });

  it('finds summed items that cannot be scored', () => {
    const q = copy();
    q.extension = [scoringExtension({ method: 'sum', sumOf: ['phq2-recall'], bands: [], flags: [] })];
    expect(messages(q)).toEqual([
      'extension(scoring): "phq2-recall" is summed, but it is not a choice item of this questionnaire.',
    ]);
  });

  it('finds scored answers without points, and scoring values of the wrong type', () => {
    const q = copy();
    const option = q.item[1]?.answerOption?.[3];
    if (option) option.extension = [];
    expect(messages(q)).toEqual([
      'extension(scoring): Every answer of "phq2-1" needs an ordinalValue extension (its points).',
    ]);
    const typo = copy();
    typo.extension = [{ url: SCORING, extension: [{ url: 'method', valueCode: 'average' }] }];
    expect(messages(typo)).toEqual(['extension[0].extension[0]: Scoring method "average" is unknown.']);
    const wrongType = copy();
    wrongType.extension = [{ url: SCORING, extension: [{ url: 'method', valueString: 'sum' }] }];
    expect(messages(wrongType)).toEqual(['extension[0].extension[0]: "method" must be given as valueCode.']);
    const noMethod = copy();
    noMethod.extension = [{ url: SCORING, extension: [] }];
    expect(messages(noMethod)).toEqual(['extension[0]: "method" (valueCode) is missing.']);
  });

  it('a questionnaire with problems cannot be scored', () => {
    const q = copy();
    q.item.push({ linkId: 'phq2-1', type: 'boolean' });
    expect(() => score(q, respond(q, {}))).toThrow(QuestionnaireRejected);
  });

  it('a form without a scoring rule is checked for completeness only', () => {
    const q = copy();
    q.extension = [];
    const result = score(q, respond(q, { 'phq2-1': 'LA6571-9' }));
    expect(result).toEqual({
      instrument: q.url,
      version: '1.0.0',
      complete: false,
      missing: ['phq2-2'],
      flags: {},
    });
  });
});

describe('what every built-in instrument records', () => {
  it.each(builtInQuestionnaires.map((q) => [q.id, q] as const))(
    '%s: version, sources, copyright, Spanish',
    (_, q) => {
      expect(q).toMatchObject({ version: expect.any(String), status: 'active', language: 'en' });
      expect(q.copyright).toBeTruthy();
      const sources = (q.extension ?? []).filter((e) => e.url.endsWith('/language-source'));
      expect(sources).toHaveLength(2);
      const untranslated: string[] = [];
      const walk = (items: Questionnaire['item']) => {
        for (const item of items) {
          if (item.text && !item._text) untranslated.push(item.linkId);
          for (const o of item.answerOption ?? [])
            if (!o.valueCoding._display) untranslated.push(`${item.linkId} option`);
          walk(item.item ?? []);
        }
      };
      walk(q.item);
      expect(untranslated).toEqual([]);
    },
  );

  it('LOINC panel and total codes from INSTRUMENTS.md', () => {
    expect(phq9.code?.[0]?.code).toBe('44249-1');
    expect(phq9.item.find((i) => i.linkId === 'phq9-total')?.code?.[0]?.code).toBe('44261-6');
    expect(phq9.item.find((i) => i.linkId === 'phq9-9')?.code?.[0]?.code).toBe('44260-8');
    expect(phq2.code?.[0]?.code).toBe('55757-9');
  });
});
