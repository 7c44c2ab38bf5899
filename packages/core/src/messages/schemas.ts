import { z } from 'zod';
import { requiredText } from '../caseload/fields.js';
import { locales } from '../i18n/locales.js';

const Id = z.uuid();
const When = z.string();
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'fields.invalid');

/** Where a message stands: waiting, handed to the provider, on the phone, or not delivered; `received` for inbound. */
export const textStatuses = [
  'queued',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'refused',
  'received',
] as const;
/** Why it was sent: a reminder, a CHW's message, Puente's answer to a keyword, or a message in from the person. */
export const textKinds = ['reminder', 'chw', 'keyword-reply', 'inbound'] as const;

export const TextMessage = z
  .object({
    id: Id,
    direction: z.enum(['out', 'in']),
    kind: z.enum(textKinds),
    body: z.string(),
    status: z.enum(textStatuses),
    at: When,
    appointmentId: Id.nullable(),
    /** The CHW who wrote it (name), for messages a CHW sent. */
    sentBy: z.string().nullable(),
  })
  .meta({ id: 'TextMessage' });
export type TextMessage = z.infer<typeof TextMessage>;

/** A person's thread, and whether a message may be sent now (if not, why, as a catalog code). */
export const TextThread = z
  .object({
    enabled: z.boolean(),
    optedOut: z.boolean(),
    canText: z.boolean(),
    reason: z.string().nullable(),
    messages: z.array(TextMessage),
  })
  .meta({ id: 'TextThread' });
export type TextThread = z.infer<typeof TextThread>;

/**
 * The latest text reminder of an appointment (`appointmentId`) or of a
 * follow-up visit (`taskId`): sent, waiting, delivered, or refused and why (a catalog code).
 */
export const AppointmentTextReminder = z
  .object({
    appointmentId: Id.nullable(),
    taskId: Id.nullable(),
    status: z.enum(textStatuses),
    reason: z.string().nullable(),
    at: When,
  })
  .meta({ id: 'AppointmentTextReminder' });
export type AppointmentTextReminder = z.infer<typeof AppointmentTextReminder>;

/**
 * Text reminders of a person's appointments and follow-up visits, for the
 * person's page: whether the program sends them, whether this person may get
 * them now (if not, why), each one's latest reminder, and the appointments a
 * referral led to whose "do not contact the person about this" stops theirs.
 */
export const AppointmentTextReminders = z
  .object({
    /** A provider is set up and the program has a number: reminders go. */
    enabled: z.boolean(),
    canText: z.boolean(),
    reason: z.string().nullable(),
    reminders: z.array(AppointmentTextReminder),
    /** Appointments that get no reminder because their referral says not to contact the person about it. */
    doNotContact: z.array(Id),
  })
  .meta({ id: 'AppointmentTextReminders' });
export type AppointmentTextReminders = z.infer<typeof AppointmentTextReminders>;

export const NewTextRequest = z
  .strictObject({
    /** An id made on the phone: sent again, it is the same message. */
    id: Id.optional(),
    text: requiredText(1600).optional(),
    templateId: Id.optional(),
  })
  .refine((r) => (r.text === undefined) !== (r.templateId === undefined), {
    message: 'fields.textOrTemplate',
    path: ['text'],
  });

/** An appointment's reminder, a follow-up visit's reminder, or a CHW's message. */
export const textTemplateKinds = ['reminder', 'visit-reminder', 'message'] as const;

export const TextTemplate = z
  .object({
    id: Id,
    kind: z.enum(textTemplateKinds),
    name: z.string(),
    language: z.enum(locales),
    body: z.string(),
    segments: z.number().int(),
    encoding: z.enum(['GSM-7', 'UCS-2']),
    updatedAt: When,
  })
  .meta({ id: 'TextTemplate' });
export type TextTemplate = z.infer<typeof TextTemplate>;

export const SaveTextTemplateRequest = z.strictObject({
  kind: z.enum(textTemplateKinds),
  name: requiredText(80),
  language: z.enum(locales),
  body: requiredText(1600),
});

export const ReminderSlotSchema = z.union([
  z.strictObject({ daysBefore: z.number().int().min(1).max(7), at: Clock }),
  z.strictObject({ hoursBefore: z.number().int().min(1).max(72) }),
]);

export const TextSettings = z
  .object({
    /** Whether a provider is set up on the server (TEXT_PROVIDER); without one nothing is sent. */
    enabled: z.boolean(),
    /** The program's number people text and receive texts from, in E.164. */
    sender: z.string().nullable(),
    reminders: z.array(ReminderSlotSchema),
    quietStart: Clock,
    quietEnd: Clock,
    maxSegments: z.number().int(),
  })
  .meta({ id: 'TextSettings' });
export type TextSettings = z.infer<typeof TextSettings>;

export const SaveTextSettingsRequest = z.strictObject({
  sender: z.string().trim().max(20).nullable(),
  reminders: z.array(ReminderSlotSchema).max(4),
  quietStart: Clock,
  quietEnd: Clock,
});

/** A person of the caller's caseload who texted since the caller last opened their thread: who, how many, when. */
export const UnreadTexts = z
  .object({
    /** A provider is set up and the program has a number. */
    enabled: z.boolean(),
    people: z.array(
      z.object({ clientId: Id, clientName: z.string(), count: z.number().int(), lastAt: When }),
    ),
  })
  .meta({ id: 'UnreadTexts' });
export type UnreadTexts = z.infer<typeof UnreadTexts>;

/** The program's texts waiting for the provider, for the admin: a provider that is down shows here. */
export const TextBacklog = z
  .object({
    enabled: z.boolean(),
    /** Texts waiting to be handed to the provider (due now or held by quiet hours). */
    waiting: z.number().int(),
    /** Seconds since the oldest text that should have gone (tried, or due) was queued; 0 when none is late. */
    oldestDueSeconds: z.number().int(),
    /** Texts that failed for good in the last 7 days. */
    failedThisWeek: z.number().int(),
  })
  .meta({ id: 'TextBacklog' });
export type TextBacklog = z.infer<typeof TextBacklog>;

/** The program inbox: texts from numbers that are nobody's in the program, for a supervisor to place. */
export const InboxText = z
  .object({ id: Id, from: z.string(), body: z.string(), at: When })
  .meta({ id: 'InboxText' });
export type InboxText = z.infer<typeof InboxText>;

/** A supervisor places a text from an unknown number: into a person's thread, or marked handled. */
export const PlaceInboxTextRequest = z
  .strictObject({
    /** The person whose thread it moves into: one the supervisor may see. */
    clientId: Id.optional(),
    /** Nobody to attach it to (a wrong number, answered by phone): it leaves the inbox. */
    handled: z.literal(true).optional(),
  })
  .refine((r) => (r.clientId === undefined) !== (r.handled === undefined), {
    message: 'fields.invalid',
    path: ['clientId'],
  });
export type PlaceInboxTextRequest = z.infer<typeof PlaceInboxTextRequest>;

/** Figures for reports: how many, never what. */
export const TextMessageCounts = z
  .object({
    sent: z.number().int(),
    delivered: z.number().int(),
    failed: z.number().int(),
    replied: z.number().int(),
    optedOut: z.number().int(),
    remindersSent: z.number().int(),
    confirmed: z.number().int(),
    askedForCall: z.number().int(),
  })
  .meta({ id: 'TextMessageCounts' });
export type TextMessageCounts = z.infer<typeof TextMessageCounts>;
