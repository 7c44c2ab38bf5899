import { z } from 'zod';
import { requiredText, text } from '../caseload/fields.js';
import { UuidV7 } from '../ids/uuidv7.js';
import type { ScoreResult } from '../instruments/score.js';
import { alertFindings, alertSeverities } from './finding.js';

export const alertReasons = ['cssrs-high', 'phq9-item9', 'chw-judgement'] as const;
export type AlertReason = (typeof alertReasons)[number];

/**
 * Why a scored screen must reach the on-call supervisor now, if it must: the
 * server raises the alert with this reason, and the phone knows it did.
 * @example alertReasonOf(score(phq9, response)) // 'phq9-item9' when item 9 is above 0
 */
export function alertReasonOf(result: Pick<ScoreResult, 'flags'>): AlertReason | undefined {
  if (result.flags.cssrsRisk === 'high') return 'cssrs-high';
  if (result.flags.phq9Item9) return 'phq9-item9';
  return undefined;
}

export const alertEventKinds = [
  'raised',
  'repeated',
  'notified',
  // The alert reached a device of the person told: written when that device fetched it, never before.
  'delivered',
  // A later screen changed what the alert knows (e.g. a C-SSRS after PHQ-9 question 9).
  'assessed',
  'emailed',
  'email-failed',
  'escalated',
  'exhausted',
  'acknowledged',
] as const;

/** A CHW raising an alert on their own judgement; the phone's id makes a resend after reconnecting harmless. */
export const NewAlertRequest = z
  .strictObject({
    id: UuidV7,
    clientId: z.uuid(),
    /** Shown in the app only, never in an email. */
    note: text(1000).optional(),
  })
  .meta({ id: 'NewAlertRequest' });
export type NewAlertRequest = z.infer<typeof NewAlertRequest>;

export const AcknowledgeAlertRequest = z
  .strictObject({ actionTaken: requiredText(2000) })
  .meta({ id: 'AcknowledgeAlertRequest' });
export type AcknowledgeAlertRequest = z.infer<typeof AcknowledgeAlertRequest>;

export const AlertEvent = z.object({
  kind: z.enum(alertEventKinds),
  at: z.string(),
  userName: z.string().nullable(),
});

export const RiskAlert = z
  .object({
    id: z.uuid(),
    status: z.enum(['open', 'acknowledged']),
    reason: z.enum(alertReasons),
    /** The strongest finding so far, which titles the alert; `reason` is what raised it first. */
    finding: z.enum(alertFindings),
    severity: z.enum(alertSeverities),
    clientId: z.uuid(),
    /** Only for callers who may open the person's record; others call the CHW. */
    clientName: z.string().nullable(),
    raisedAt: z.string(),
    /** The CHW who raised it, with the phone to call them on when their account has one. */
    raisedBy: z.object({ name: z.string(), phone: z.string().nullable() }),
    note: z.string().nullable(),
    /** Everyone alerted so far; `escalationStep` is how far down the on-call order it went. */
    notifiedNames: z.array(z.string()),
    escalationStep: z.number().int(),
    /** When the next person is told if nobody acknowledges; null once acknowledged or nobody is left. */
    escalateAt: z.string().nullable(),
    /** Those whose device has fetched the alert. */
    deliveredNames: z.array(z.string()),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    actionTaken: z.string().nullable(),
    events: z.array(AlertEvent).optional(),
  })
  .meta({ id: 'RiskAlert' });
export type RiskAlert = z.infer<typeof RiskAlert>;
