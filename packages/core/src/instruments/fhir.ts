import { z } from 'zod';

/**
 * The subset of FHIR R4 Questionnaire and QuestionnaireResponse that Puente
 * reads and writes. Field names and shapes are FHIR's, so these objects are
 * valid R4 JSON as they are; anything not listed here is left untouched.
 */

export interface Extension {
  url: string;
  extension?: Extension[];
  valueCode?: string;
  valueString?: string;
  valueInteger?: number;
  valueDecimal?: number;
  valueCoding?: Coding;
  valueCanonical?: string;
}

/** The `_text`/`_display` sibling of a primitive, where its translations live. */
export interface PrimitiveExtensions {
  extension?: Extension[];
}

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
  _display?: PrimitiveExtensions;
}

export interface AnswerOption {
  valueCoding: Coding;
  extension?: Extension[];
}

export type EnableWhenOperator = 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';

export interface EnableWhen {
  question: string;
  operator: EnableWhenOperator;
  answerCoding?: Coding;
  answerBoolean?: boolean;
  answerInteger?: number;
}

/** Item types the renderer and the scoring engine know how to handle. */
export const supportedItemTypes = [
  'group',
  'display',
  'choice',
  'boolean',
  'integer',
  'decimal',
  'string',
  'text',
  'date',
] as const;
export type ItemType = (typeof supportedItemTypes)[number];

export interface QuestionnaireItem {
  linkId: string;
  type: ItemType;
  text?: string;
  _text?: PrimitiveExtensions;
  code?: Coding[];
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  enableWhen?: EnableWhen[];
  enableBehavior?: 'all' | 'any';
  answerOption?: AnswerOption[];
  extension?: Extension[];
  item?: QuestionnaireItem[];
}

export interface Questionnaire {
  resourceType: 'Questionnaire';
  id?: string;
  url: string;
  version: string;
  name?: string;
  title?: string;
  _title?: PrimitiveExtensions;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  language?: string;
  subjectType?: string[];
  publisher?: string;
  description?: string;
  copyright?: string;
  code?: Coding[];
  extension?: Extension[];
  item: QuestionnaireItem[];
}

const CodingSchema = z.object({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});

export interface ResponseAnswer {
  valueCoding?: Coding;
  valueBoolean?: boolean;
  valueInteger?: number;
  valueDecimal?: number;
  valueString?: string;
  valueDate?: string;
  item?: ResponseItem[];
}

export interface ResponseItem {
  linkId: string;
  text?: string;
  answer?: ResponseAnswer[];
  item?: ResponseItem[];
}

// Getters let the two schemas refer to each other (answers may hold nested items). Named, so
// the API document refers to them by $ref: without names, documenting items that hold items never ends.
const AnswerSchema: z.ZodType<ResponseAnswer> = z
  .object({
    valueCoding: CodingSchema.optional(),
    valueBoolean: z.boolean().optional(),
    valueInteger: z.number().int().optional(),
    valueDecimal: z.number().optional(),
    valueString: z.string().optional(),
    valueDate: z.string().optional(),
    get item() {
      return z.array(ResponseItemSchema).optional();
    },
  })
  .meta({ id: 'QuestionnaireResponseAnswer' });

export const ResponseItemSchema: z.ZodType<ResponseItem> = z
  .object({
    linkId: z.string().min(1),
    text: z.string().optional(),
    get answer() {
      return z.array(AnswerSchema).optional();
    },
    get item() {
      return z.array(ResponseItemSchema).optional();
    },
  })
  .meta({ id: 'QuestionnaireResponseItem' });

/**
 * A QuestionnaireResponse as the phone sends it. `questionnaire` is the
 * canonical `url|version` of the form that was filled in.
 */
export const QuestionnaireResponseSchema = z.looseObject({
  resourceType: z.literal('QuestionnaireResponse'),
  id: z.string().optional(),
  questionnaire: z.string().min(1),
  status: z.enum(['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped']),
  authored: z.string().optional(),
  item: z.array(ResponseItemSchema).optional(),
});
export type QuestionnaireResponse = z.infer<typeof QuestionnaireResponseSchema>;

/** The canonical reference a response must carry, e.g. `https://puente.dev/fhir/Questionnaire/phq-9|1.0.0`. */
export function canonicalOf(questionnaire: Pick<Questionnaire, 'url' | 'version'>): string {
  return `${questionnaire.url}|${questionnaire.version}`;
}

/** Every item of a questionnaire, groups included, in document order. */
export function allItems(items: readonly QuestionnaireItem[] = []): QuestionnaireItem[] {
  return items.flatMap((item) => [item, ...allItems(item.item)]);
}
