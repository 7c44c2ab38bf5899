import { z } from 'zod';
import { requiredText, text } from '../caseload/fields.js';
import { needAreas } from '../caseload/vocab.js';
import * as v from './vocab.js';

const Id = z.uuid();
const Status = z.enum(v.referralStatuses);

/** A CHW refers a person from a need to a service in the directory. */
export const NewReferralRequest = z.strictObject({
  /** Made on the phone (UUIDv7) so an offline referral is created once. */
  id: Id.optional(),
  serviceId: requiredText(200),
  need: z.enum(needAreas),
  goalId: Id.optional(),
  screeningId: Id.optional(),
  reason: requiredText(1000),
  urgency: z.enum(v.referralUrgencies).default('routine'),
  /** "Do not contact the person about this" (contacting-subject-prohibited). */
  doNotContact: z.boolean().default(false),
  shares: z.array(z.enum(v.referralShares)).max(v.referralShares.length).default([]),
});
export type NewReferralRequest = z.infer<typeof NewReferralRequest>;

/** A move in the referral's lifecycle, with what the move must say. */
export const ReferralStatusRequest = z.strictObject({
  status: Status,
  reason: text(1000).optional(),
  outcome: z.enum(v.referralOutcomes).optional(),
  /** What resulted, when completed: the service the person received. */
  result: text(1000).optional(),
  capacity: z.enum(v.capacityAnswers).optional(),
  enrollment: z.enum(v.enrollmentAnswers).optional(),
});
export type ReferralStatusRequest = z.infer<typeof ReferralStatusRequest>;

export const ContactAttemptRequest = z.strictObject({
  result: z.enum(v.contactResults),
  note: text(1000).optional(),
});
export type ContactAttemptRequest = z.infer<typeof ContactAttemptRequest>;

export const ReferralSettings = z
  .strictObject({
    /** Failed attempts to reach the person before a referral may close as unreachable. */
    attemptsBeforeUnreachable: z.number().int().min(1).max(10),
    /** Days without an update before the CHW gets a follow-up task. */
    followUpAfterDays: z.number().int().min(1).max(90),
  })
  .meta({ id: 'ReferralSettings' });
export type ReferralSettings = z.infer<typeof ReferralSettings>;

/** The rules until an admin changes them; a phone uses them until it has the program's own. */
export const defaultReferralSettings: ReferralSettings = {
  attemptsBeforeUnreachable: 3,
  followUpAfterDays: 7,
};

/** A shortcut: link the partner user to every service of one HSDS organization in this program's directory. */
export const PartnerAccountRequest = z.strictObject({
  organizationId: requiredText(200),
});

/**
 * The directory services a partner user answers referrals for, replacing the ones linked
 * before (a pantry and a legal clinic may share one HSDS organization, never one inbox).
 */
export const PartnerServicesRequest = z.strictObject({
  serviceIds: z.array(requiredText(200)).max(500),
});
export type PartnerServicesRequest = z.infer<typeof PartnerServicesRequest>;

export const PartnerService = z
  .object({
    id: z.string(),
    name: z.string(),
    organizationId: z.string().nullable(),
    organizationName: z.string().nullable(),
  })
  .meta({ id: 'PartnerService' });
export type PartnerService = z.infer<typeof PartnerService>;

export const PartnerAccount = z
  .object({
    userId: Id,
    displayName: z.string(),
    email: z.string(),
    /** The services whose referrals reach this partner's inbox (none: not linked yet). */
    services: z.array(PartnerService),
  })
  .meta({ id: 'PartnerAccount' });
export type PartnerAccount = z.infer<typeof PartnerAccount>;

export const ReferralEvent = z
  .object({
    id: Id,
    kind: z.enum(['created', 'status', 'contact-attempt']),
    status: Status.nullable(),
    reason: z.string().nullable(),
    contactResult: z.enum(v.contactResults).nullable(),
    byName: z.string(),
    byPartner: z.boolean(),
    at: z.string(),
  })
  .meta({ id: 'ReferralEvent' });
export type ReferralEvent = z.infer<typeof ReferralEvent>;

const referralFields = {
  id: Id,
  status: Status,
  statusReason: z.string().nullable(),
  need: z.enum(needAreas),
  reason: z.string(),
  urgency: z.enum(v.referralUrgencies),
  doNotContact: z.boolean(),
  serviceId: z.string(),
  serviceName: z.string(),
  partnerName: z.string(),
  capacity: z.enum(v.capacityAnswers).nullable(),
  enrollment: z.enum(v.enrollmentAnswers).nullable(),
  outcome: z.enum(v.referralOutcomes).nullable(),
  result: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  /** The moves the caller may make now, so screens offer only those. */
  nextStatuses: z.array(Status),
};

/** A referral as the sending program sees it. */
export const Referral = z
  .object({
    ...referralFields,
    clientId: Id,
    clientName: z.string(),
    goalId: Id.nullable(),
    screeningId: Id.nullable(),
    partnerOrganizationId: z.string().nullable(),
    /** The partner answers in Puente itself; otherwise the CHW records its answers. */
    partnerHasAccounts: z.boolean(),
    shares: z.array(z.enum(v.referralShares)),
    failedContactAttempts: z.number().int(),
    mayCloseUnreachable: z.boolean(),
    requestedByName: z.string(),
  })
  .meta({ id: 'Referral' });
export type Referral = z.infer<typeof Referral>;

export const ReferralDetail = Referral.extend({ events: z.array(ReferralEvent) }).meta({
  id: 'ReferralDetail',
});
export type ReferralDetail = z.infer<typeof ReferralDetail>;

/** A referral as the receiving partner sees it: the minimum needed to help. */
export const PartnerReferral = z
  .object({
    ...referralFields,
    person: z.object({
      name: z.string(),
      language: z.string(),
      /** Only when the CHW shared it and contacting the person is allowed. */
      phone: z.string().nullable(),
      ageRange: z.string().nullable(),
    }),
    referredByName: z.string(),
    programName: z.string(),
  })
  .meta({ id: 'PartnerReferral' });
export type PartnerReferral = z.infer<typeof PartnerReferral>;

export const ReferralListQuery = z.strictObject({
  state: z.enum(['open', 'closed', 'all']).default('open'),
});

const Count = z.number().int().min(0);
const Loop = { made: Count, closed: Count, gotHelp: Count };

/** Loop closure, time to close and outcomes: what the reporting screens show. */
export const ReferralFigures = z
  .object({
    from: z.string(),
    to: z.string(),
    made: Count,
    closed: Count,
    gotHelp: Count,
    /** Closed ÷ made (mistakes left out); null when none were made. */
    closureRate: z.number().nullable(),
    gotHelpRate: z.number().nullable(),
    medianDaysToClose: z.number().nullable(),
    byStatus: z.array(z.object({ status: Status, count: Count })),
    byOutcome: z.array(z.object({ outcome: z.enum(v.referralOutcomes), count: Count })),
    byNeed: z.array(z.object({ need: z.enum(needAreas), ...Loop })),
    byPartner: z.array(
      z.object({ partnerName: z.string(), ...Loop, medianDaysToClose: z.number().nullable() }),
    ),
  })
  .meta({ id: 'ReferralFigures' });
export type ReferralFigures = z.infer<typeof ReferralFigures>;
