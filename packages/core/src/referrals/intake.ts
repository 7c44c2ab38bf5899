import { z } from 'zod';
import { requiredText, text } from '../caseload/fields.js';
import { needAreas } from '../caseload/vocab.js';
import { referralOutcomes } from './vocab.js';

// Referrals clinics send to the program over FHIR (Gravity SDOH Clinical Care, the community
// organisation's side), as the intake queue shows them. Statuses are the FHIR Task's.

/** Where an inbound referral stands: the Task statuses the clinic reads back. */
export const intakeStatuses = [
  'received',
  'accepted',
  'rejected',
  'in-progress',
  'completed',
  'cancelled',
] as const;
export type IntakeStatus = (typeof intakeStatuses)[number];
/** Waiting on someone of the program: on the queue. */
export const openIntakeStatuses = ['received', 'accepted', 'in-progress'] as const;

export const IntakeItem = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    /** The person's name as the program holds it. */
    name: z.string(),
    /** Whether the person was already in the caseload, or registered from the referral. */
    matched: z.enum(['existing', 'created']),
    clinic: z.string(),
    requester: z.string().nullable(),
    need: z.enum(needAreas),
    service: z.string(),
    reason: z.string().nullable(),
    priority: z.enum(['routine', 'urgent', 'asap', 'stat']),
    status: z.enum(intakeStatuses),
    statusReason: z.string().nullable(),
    outcome: z.enum(referralOutcomes).nullable(),
    chw: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    receivedAt: z.string(),
  })
  .meta({ id: 'IntakeItem' });
export type IntakeItem = z.infer<typeof IntakeItem>;

export const IntakeQueue = z
  .object({
    items: z.array(IntakeItem),
    /** For a supervisor: the CHWs of their teams, and themself, whom a referral may be given to. */
    chws: z.array(z.object({ id: z.uuid(), name: z.string() })),
  })
  .meta({ id: 'IntakeQueue' });
export type IntakeQueue = z.infer<typeof IntakeQueue>;

export const AssignIntakeRequest = z.strictObject({ chwId: z.uuid() }).meta({ id: 'AssignIntakeRequest' });
export type AssignIntakeRequest = z.infer<typeof AssignIntakeRequest>;

/** The CHW's answer: accept, start, decline with a reason, or complete with the outcome. */
export const IntakeAnswerRequest = z
  .discriminatedUnion('status', [
    z.strictObject({ status: z.literal('accepted') }),
    z.strictObject({ status: z.literal('in-progress') }),
    z.strictObject({ status: z.literal('rejected'), reason: requiredText(1000) }),
    z.strictObject({
      status: z.literal('completed'),
      outcome: z.enum(referralOutcomes),
      note: text(1000).optional(),
    }),
  ])
  .meta({ id: 'IntakeAnswerRequest' });
export type IntakeAnswerRequest = z.infer<typeof IntakeAnswerRequest>;

/** Which moves the CHW may make from each status (Gravity: received → accepted or rejected → in-progress → completed). */
export const intakeMoves: Record<IntakeStatus, readonly IntakeStatus[]> = {
  received: ['accepted', 'rejected'],
  accepted: ['in-progress', 'completed', 'rejected'],
  'in-progress': ['completed'],
  rejected: [],
  completed: [],
  cancelled: [],
};
