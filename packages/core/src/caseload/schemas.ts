import { z } from 'zod';
import { limits } from '../auth/limits.js';
import { locales } from '../i18n/locales.js';
import { followUpLimits } from '../instruments/next-steps.js';
import { shareableKinds } from '../policy/kinds.js';
import { minimumSmallCount } from '../policy/suppress.js';
import {
  BirthDate,
  CalendarDate,
  PastMoment,
  Phone,
  PlannedMoment,
  PlanningDate,
  requiredText,
  text,
} from './fields.js';
import * as v from './vocab.js';

/** A language as a short BCP 47 tag: `es`, `en`, `pt-BR`, `mxt` (Mixtec). */
export const LanguageTag = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'fields.invalid')
  .max(20);

const HouseholdMember = z.strictObject({
  name: text(120).optional(),
  relationship: text(60).optional(),
  age: z.number().int().min(0).max(120).optional(),
});

const clientFields = {
  preferredName: text(120).optional(),
  familyName: text(120).optional(),
  birthDate: BirthDate.optional(),
  ageRange: z.enum(v.ageRanges).optional(),
  gender: text(60).optional(),
  phone: Phone.optional(),
  okToText: z.boolean().optional(),
  okToLeaveMessage: z.boolean().optional(),
  safeToContact: z.boolean().optional(),
  neighborhood: text(120).optional(),
  address: text(300).optional(),
  household: z.array(HouseholdMember).max(20).optional(),
  insuranceStatus: z.enum(v.insuranceStatuses).optional(),
  notes: text(4000).optional(),
};

/** Registering a person: only a name and a language are required. */
export const NewClientRequest = z.strictObject({
  id: z.uuid().optional(),
  givenName: requiredText(120),
  preferredLanguage: LanguageTag,
  ...clientFields,
  /** Set after the CHW has seen the possible duplicates and is sure this is someone else. */
  notADuplicate: z.boolean().optional(),
});
export type NewClientRequest = z.infer<typeof NewClientRequest>;

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
export const UpdateClientRequest = z.strictObject({
  givenName: requiredText(120).optional(),
  preferredLanguage: LanguageTag.optional(),
  ...Object.fromEntries(Object.entries(clientFields).map(([k, s]) => [k, nullable(s.unwrap())])),
} as { givenName: z.ZodOptional<z.ZodString>; preferredLanguage: z.ZodOptional<typeof LanguageTag> } & {
  [K in keyof typeof clientFields]: z.ZodOptional<
    z.ZodNullable<ReturnType<(typeof clientFields)[K]['unwrap']>>
  >;
});
export type UpdateClientRequest = z.infer<typeof UpdateClientRequest>;

export const NewConsentRequest = z
  .strictObject({
    /** Made on the phone (UUIDv7) so a consent recorded offline is recorded once. */
    id: z.uuid().optional(),
    kind: z.enum(v.consentKinds),
    method: z.enum(v.consentMethods),
    givenOn: CalendarDate,
    /** For sharing: a named partner organization, or a category of them. */
    partnerName: text(200).optional(),
    partnerCategory: z.enum(v.partnerCategories).optional(),
    /**
     * For sharing: what the person agreed to share. Identity and the referral are always
     * covered; without this list, identity, contact and the referral (the minimum).
     */
    dataKinds: z.array(z.enum(shareableKinds)).max(shareableKinds.length).optional(),
    note: text(1000).optional(),
  })
  .refine((c) => c.kind !== 'share' || Boolean(c.partnerName) !== Boolean(c.partnerCategory), {
    message: 'fields.required',
    path: ['partnerName'],
  })
  .refine((c) => c.kind === 'share' || c.dataKinds === undefined, {
    message: 'fields.onlyForSharing',
    path: ['dataKinds'],
  });

export const RevokeConsentRequest = z.strictObject({ note: text(1000).optional() });

export const NewEncounterRequest = z.strictObject({
  id: z.uuid().optional(),
  kind: z.enum(v.encounterKinds),
  occurredAt: PastMoment,
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  language: LanguageTag,
  activities: z.array(z.enum(v.encounterActivities)).max(v.encounterActivities.length).default([]),
  note: text(8000).optional(),
  noteSensitive: z.boolean().default(false),
});

export const NewGoalRequest = z.strictObject({
  id: z.uuid().optional(),
  text: requiredText(500),
  needArea: z.enum(v.needAreas),
});
export const UpdateGoalRequest = z.strictObject({
  text: requiredText(500).optional(),
  status: z.enum(v.goalStatuses).optional(),
});

export const NewStepRequest = z.strictObject({
  id: z.uuid().optional(),
  text: requiredText(500),
  owner: z.enum(v.stepOwners),
  dueOn: PlanningDate.optional(),
});
export const UpdateStepRequest = z.strictObject({
  text: requiredText(500).optional(),
  dueOn: PlanningDate.nullable().optional(),
  status: z.enum(v.stepStatuses).optional(),
});

export const NewAppointmentRequest = z.strictObject({
  id: z.uuid().optional(),
  place: requiredText(200),
  purpose: text(300).optional(),
  at: PlannedMoment,
  barriers: z.array(z.enum(v.barriers)).max(v.barriers.length).default([]),
  note: text(2000).optional(),
  /** The referral that led to it: its "do not contact the person about this" also stops the reminders. */
  referralId: z.uuid().optional(),
});
export const UpdateAppointmentRequest = z.strictObject({
  at: PlannedMoment.optional(),
  status: z.enum(v.appointmentStatuses).optional(),
  barriers: z.array(z.enum(v.barriers)).max(v.barriers.length).optional(),
  note: text(2000).optional(),
});

export const NewTaskRequest = z.strictObject({
  id: z.uuid().optional(),
  title: requiredText(200),
  dueOn: PlanningDate,
  assigneeId: z.uuid().optional(),
  /** The hour agreed with the person for a follow-up visit: the person is reminded of it by text. */
  visitAt: PlannedMoment.optional(),
});
/**
 * A change to a task. An outcome closes it (a new date moves it instead, and
 * needs `dueOn`); `undo` takes back the last outcome: the task opens again on
 * the date it had.
 */
export const UpdateTaskRequest = z
  .strictObject({
    title: requiredText(200).optional(),
    dueOn: PlanningDate.optional(),
    /** The follow-up visit's agreed hour, or null: no longer a visit the person is reminded of. */
    visitAt: PlannedMoment.nullable().optional(),
    status: z.enum(v.taskStatuses).optional(),
    outcome: z.enum(v.taskOutcomes).optional(),
    undo: z.literal(true).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.outcome === 'rescheduled' && !r.dueOn)
      ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'fields.required' });
    if ((r.outcome || r.undo) && r.status)
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'fields.invalid' });
    if (r.undo && (r.outcome || r.dueOn || r.title))
      ctx.addIssue({ code: 'custom', path: ['undo'], message: 'fields.invalid' });
  });
export type UpdateTaskRequest = z.infer<typeof UpdateTaskRequest>;

/** A supervisor clears a person's risk flag only with the reason it may go. */
export const ClearRiskFlagRequest = z.strictObject({
  reason: z.string().trim().min(10, 'fields.tooShort').max(500),
});

export const TransferRequest = z.strictObject({
  chwId: z.uuid(),
  backupChwId: z.uuid().nullable().optional(),
  reason: requiredText(500),
});

export const MergeRequest = z.strictObject({ duplicateId: z.uuid() });

export const BreakGlassRequest = z.strictObject({
  reason: z.string().trim().min(10, 'fields.tooShort').max(500),
});

export const NewSupervisionNoteRequest = z.strictObject({
  chwId: z.uuid(),
  clientId: z.uuid().optional(),
  note: requiredText(8000),
});

export const ProgramSettingsRequest = z.strictObject({
  /** What CHWs, partners and text messages call the program. Left out: unchanged. */
  programName: requiredText(limits.nameMax).optional(),
  /** The language the program works in first: invitations start in it. Left out: unchanged. */
  programLanguage: z.enum(locales).optional(),
  followUpDaysAfterVisit: z.number().int().min(0).max(90),
  noContactDays: z.number().int().min(7).max(365),
  timeZone: z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'fields.invalid'),
  /** Counts under this are hidden in reports; never below five. Left out: unchanged. */
  smallCountThreshold: z.number().int().min(minimumSmallCount).max(100).optional(),
  /** Hours to follow up a high-risk C-SSRS, never more than a day (the task itself cannot be turned off). Left out: unchanged. */
  highRiskFollowUpHours: z
    .number()
    .int()
    .min(followUpLimits.highRiskHours.min)
    .max(followUpLimits.highRiskHours.max)
    .optional(),
  /** Hours to follow up a moderate-risk C-SSRS. Left out: unchanged. */
  moderateRiskFollowUpHours: z
    .number()
    .int()
    .min(followUpLimits.moderateRiskHours.min)
    .max(followUpLimits.moderateRiskHours.max)
    .optional(),
});
export type ProgramSettings = z.infer<typeof ProgramSettingsRequest>;
