import { z } from 'zod';
import { CalendarDate, Phone, requiredText, text } from '../caseload/fields.js';
import { LanguageTag } from '../caseload/schemas.js';
import { consentMethods } from '../caseload/vocab.js';
import { locales } from '../i18n/locales.js';
import { TopicSubject } from './schemas.js';

export const eventAudiences = [
  'general',
  'youth',
  'parents',
  'faith',
  'seniors',
  'workers',
  'other',
] as const;
export const eventStatuses = ['planned', 'held', 'cancelled'] as const;
export const checkPhases = ['pre', 'post', 'closed'] as const;
export type CheckPhase = (typeof checkPhases)[number];

const EventFields = {
  title: requiredText(140),
  heldOn: CalendarDate,
  place: requiredText(200),
  neighborhood: text(120).optional(),
  audience: z.enum(eventAudiences),
  language: z.enum([...locales, 'both']),
  topics: z.array(TopicSubject).max(20).default([]),
  /** Peer specialists and CHWs who led it; at least the person creating it, by default. */
  facilitatorIds: z.array(z.uuid()).max(10).default([]),
  /** People in the room, counted, never named. */
  attendance: z.number().int().min(0).max(100_000).default(0),
  materials: text(1000).optional(),
  status: z.enum(eventStatuses).default('planned'),
  /** The pre/post check: the built-in talk check or a program form, by canonical `url|version`. */
  checkQuestionnaire: z.string().min(1).max(300).nullable().optional(),
};

export const NewEventRequest = z.strictObject(EventFields).meta({ id: 'NewEventRequest' });
export type NewEventRequest = z.infer<typeof NewEventRequest>;

export const UpdateEventRequest = z
  .strictObject({
    ...Object.fromEntries(Object.entries(EventFields).map(([k, s]) => [k, s.optional()])),
    checkPhase: z.enum(checkPhases).optional(),
  } as { [K in keyof typeof EventFields]: z.ZodOptional<(typeof EventFields)[K]> } & {
    checkPhase: z.ZodOptional<z.ZodEnum<{ pre: 'pre'; post: 'post'; closed: 'closed' }>>;
  })
  .meta({ id: 'UpdateEventRequest' });
export type UpdateEventRequest = z.infer<typeof UpdateEventRequest>;

/** What changed between the pre and the post check of one event. */
export const CheckChange = z
  .object({
    preCount: z.number().int(),
    postCount: z.number().int(),
    pairedCount: z.number().int(),
    /** Means of every answer of each phase, as a share of the maximum (0–1). */
    meanBefore: z.number().nullable(),
    meanAfter: z.number().nullable(),
    maxScore: z.number(),
    /** Among pairs: share whose score went up, and the counts. */
    improvedShare: z.number().nullable(),
    improved: z.number().int(),
    same: z.number().int(),
    worse: z.number().int(),
  })
  .meta({ id: 'CheckChange' });
export type CheckChange = z.infer<typeof CheckChange>;

export const OutreachEvent = z
  .object({
    id: z.uuid(),
    title: z.string(),
    heldOn: z.string(),
    place: z.string(),
    neighborhood: z.string().nullable(),
    audience: z.enum(eventAudiences),
    language: z.enum([...locales, 'both']),
    topics: z.array(z.string()),
    facilitators: z.array(z.object({ id: z.uuid(), name: z.string() })),
    attendance: z.number().int(),
    materials: z.string().nullable(),
    status: z.enum(eventStatuses),
    checkQuestionnaire: z.string().nullable(),
    checkTitle: z.string().nullable(),
    checkPhase: z.enum(checkPhases),
    /** The short code of the attendees' link `/e/{code}`. */
    checkCode: z.string().nullable(),
    signIns: z.number().int(),
    signUps: z.number().int(),
  })
  .meta({ id: 'OutreachEvent' });
export type OutreachEvent = z.infer<typeof OutreachEvent>;

export const OutreachEventDetail = OutreachEvent.extend({
  checkUrl: z.string().nullable(),
  /** The QR code of the check's link, as an SVG data URL. */
  checkQr: z.string().nullable(),
  change: CheckChange.nullable(),
  signUpList: z.array(z.object({ clientId: z.uuid(), name: z.string(), chwName: z.string() })),
}).meta({ id: 'OutreachEventDetail' });
export type OutreachEventDetail = z.infer<typeof OutreachEventDetail>;

/** Someone who asks to be on the event's list: only with their consent. */
export const EventSignInRequest = z
  .strictObject({
    name: requiredText(120),
    phone: Phone.optional(),
    consent: z.literal(true, { error: 'fields.required' }),
  })
  .meta({ id: 'EventSignInRequest' });

/** Someone who wants a CHW to contact them: becomes a client, with the consent they gave. */
export const EventSignUpRequest = z
  .strictObject({
    givenName: requiredText(120),
    familyName: text(120).optional(),
    phone: Phone.optional(),
    preferredLanguage: LanguageTag,
    okToText: z.boolean().default(false),
    consentMethod: z.enum(consentMethods),
    consent: z.literal(true, { error: 'fields.required' }),
    /** The CHW who will call; the caller when left out. */
    chwId: z.uuid().optional(),
    notADuplicate: z.boolean().optional(),
  })
  .meta({ id: 'EventSignUpRequest' });
export type EventSignUpRequest = z.infer<typeof EventSignUpRequest>;

// A flat response: the event check has no nested items, and a flat shape keeps the API document finite.
const CheckAnswerItem = z.object({
  linkId: z.string().min(1).max(100),
  answer: z
    .array(
      z.object({
        valueCoding: z.object({ system: z.string().optional(), code: z.string().optional() }).optional(),
        valueBoolean: z.boolean().optional(),
        valueInteger: z.number().int().optional(),
        valueDecimal: z.number().optional(),
      }),
    )
    .max(20)
    .optional(),
});

/** One attendee's answers to the open half of an event's check. */
export const CheckAnswerRequest = z
  .strictObject({
    phase: z.enum(['pre', 'post']),
    /** The code the phone kept from the "before" answers; left out on a first answer. */
    sessionCode: z.string().max(20).optional(),
    response: z.looseObject({
      resourceType: z.literal('QuestionnaireResponse'),
      questionnaire: z.string().min(1).max(300),
      status: z.enum(['in-progress', 'completed']),
      item: z.array(CheckAnswerItem).max(100).optional(),
    }),
  })
  .meta({ id: 'CheckAnswerRequest' });
