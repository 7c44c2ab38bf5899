import { z } from 'zod';
import { PastMoment } from '../caseload/fields.js';
import { UuidV7 } from '../ids/uuidv7.js';
import { QuestionnaireResponseSchema, ResponseItemSchema } from '../instruments/fhir.js';

// Screening requests and replies, shared by the server (validation, OpenAPI) and the web.

/**
 * A filled-in questionnaire as the phone sends it: FHIR QuestionnaireResponse
 * with the phone's own UUIDv7 id, so a retry after a lost reply is not a second screen.
 * Any total it carries is ignored: the server scores the answers itself.
 */
export const ScreeningRequest = QuestionnaireResponseSchema.extend({
  id: UuidV7,
  authored: PastMoment.optional(),
  item: z.array(ResponseItemSchema).optional(),
}).meta({ id: 'ScreeningRequest' });
export type ScreeningRequest = z.infer<typeof ScreeningRequest>;

const Coding = z.object({ system: z.string().optional(), code: z.string().optional() });

/** What to offer after a screen (see core `nextSteps`); `message` is a catalog key. */
export const NextStepView = z
  .object({
    kind: z.enum([
      'crisisProtocol',
      'offerInstrument',
      'followUp',
      'referBehavioralHealth',
      'rescreen',
      'referral',
    ]),
    message: z.string(),
    questionnaire: z.string().optional(),
    urgent: z.boolean().optional(),
    /** A follow-up or re-screen: the code of the task saving the screen made. */
    code: z.string().optional(),
    risk: z.enum(['high', 'moderate']).optional(),
    withinHours: z.number().int().optional(),
    inDays: z.number().int().optional(),
    /** A referral to behavioural-health services: the need to search the directory for. */
    need: z.string().optional(),
    domain: z.string().optional(),
    category: Coding.optional(),
  })
  .meta({ id: 'NextStep' });

/** One stored screen with the server's own score. */
export const Screening = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    /** Canonical url of the questionnaire, e.g. `https://puente.dev/fhir/Questionnaire/phq-9`. */
    instrument: z.string(),
    version: z.string(),
    authoredAt: z.string(),
    complete: z.boolean(),
    missing: z.array(z.string()),
    total: z.number().int().nullable(),
    band: z.string().nullable(),
    positive: z.boolean().nullable(),
    flags: z.record(z.string(), z.union([z.boolean(), z.string()])),
    positiveDomains: z.array(z.string()),
    authorName: z.string(),
  })
  .meta({ id: 'Screening' });
export type Screening = z.infer<typeof Screening>;

export const ScreeningReply = z
  .object({
    screening: Screening,
    nextSteps: z.array(NextStepView),
    /** Set when this screen raised (or joined) a risk alert to the on-call supervisor. */
    alertId: z.uuid().nullable(),
  })
  .meta({ id: 'ScreeningReply' });
export type ScreeningReply = z.infer<typeof ScreeningReply>;

/** One point of a PHQ-9 or GAD-7 series: response is measured against the first complete screen. */
export const OutcomePoint = z.object({
  screeningId: z.uuid(),
  date: z.string(),
  total: z.number().int(),
  response: z.boolean(),
  remission: z.boolean(),
});

export const Outcomes = z
  .object({
    series: z.array(
      z.object({ instrument: z.string(), baseline: z.number().int(), points: z.array(OutcomePoint) }),
    ),
  })
  .meta({ id: 'Outcomes' });
export type Outcomes = z.infer<typeof Outcomes>;

/** A FHIR Questionnaire as JSON; the server checks it with `validateQuestionnaire`. */
export const QuestionnaireJson = z.looseObject({ resourceType: z.literal('Questionnaire') });

export const InstrumentList = z
  .object({
    /** Built-in instruments first, then the program's own forms. */
    questionnaires: z.array(QuestionnaireJson),
  })
  .meta({ id: 'InstrumentList' });
