import type {
  capacityAnswers,
  enrollmentAnswers,
  ReferralOutcome,
  ReferralStatus,
  referralUrgencies,
} from '@puente/core';
import { type Sql, sql } from '../../../db/sql/index.js';
import {
  type CodeableConcept,
  type Coding,
  type FhirResource,
  instant,
  needCategory,
  PUENTE_CODES,
  patientRef,
  SDOHCC,
} from './common.js';
import { type ScreeningRow, toObservations } from './screening.js';

export interface ReferralRow {
  id: string;
  clientId: string;
  need: string;
  goalId: string | null;
  screeningId: string | null;
  serviceName: string;
  partnerName: string;
  programName: string;
  urgency: (typeof referralUrgencies)[number];
  doNotContact: boolean;
  consentId: string;
  status: ReferralStatus;
  statusReason: string | null;
  capacity: (typeof capacityAnswers)[number] | null;
  enrollment: (typeof enrollmentAnswers)[number] | null;
  outcome: ReferralOutcome | null;
  result: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
}

/**
 * On aliases `r` (referral) and `o` (the sending program's organization). The goal and the
 * screening it cites are SQL expressions, so a caller who may not read them never gets their ids.
 */
export const referralColumns = (
  cited: { goal: Sql; screening: Sql } = { goal: sql`r.goal_id`, screening: sql`r.screening_id` },
): Sql => sql`r.id,
  r.client_id as "clientId", r.need, ${cited.goal} as "goalId",
  ${cited.screening} as "screeningId", r.service_name as "serviceName", r.partner_name as "partnerName",
  o.name as "programName", r.urgency, r.do_not_contact as "doNotContact", r.consent_id as "consentId",
  r.status, r.status_reason as "statusReason", r.capacity, r.enrollment, r.outcome, r.result,
  r.created_at as "createdAt", r.updated_at as "updatedAt"`;

/**
 * ServiceRequest.status for each referral Task status. The request is the
 * sender's (Gravity: "states relating to the activities of the performer are
 * reflected on the Task"): it stays active while the Task is open, on-hold
 * included, since that pause is the receiver's; it is completed when the Task
 * is; it is revoked when the Task ends any other way, because a declined or
 * failed referral is closed in Puente and referring again makes a new request.
 */
export const serviceRequestStatus: Record<ReferralStatus, string> = {
  requested: 'active',
  accepted: 'active',
  'in-progress': 'active',
  'on-hold': 'active',
  completed: 'completed',
  rejected: 'revoked',
  failed: 'revoked',
  cancelled: 'revoked',
  'entered-in-error': 'entered-in-error',
};

const PERTAINS_TO_GOAL = 'http://hl7.org/fhir/StructureDefinition/resource-pertainsToGoal';
const SOCIAL_SERVICE = {
  coding: [{ system: 'http://snomed.info/sct', code: '410606002', display: 'Social service procedure' }],
};
const sdohcc = (code: string, display: string): Coding => ({ system: SDOHCC, code, display });

// Puente's outcome words (SDOH.md); Gravity has no code system for them.
const outcomeWords: Record<ReferralOutcome, string> = {
  'got-help': 'Got help',
  'could-not-contact': 'Could not contact',
  'not-eligible': 'Not eligible',
  'no-capacity': 'No capacity',
  'could-not-get-help': 'Could not get help',
  'no-longer-interested': 'No longer interested',
  'referred-elsewhere': 'Referred elsewhere',
};

// The Gravity capacity and enrollment codes (SDOHCC temporary codes, STU 3); assessment-needed has none.
const capacityCodes: Record<NonNullable<ReferralRow['capacity']>, Coding> = {
  'has-capacity': sdohcc('capacity', 'Capacity'),
  'no-capacity': sdohcc('no-capacity', 'No Capacity'),
  waitlist: sdohcc('no-capacity-has-waitlist', 'No Capacity - Has Waitlist'),
  'assessment-needed': {
    system: `${PUENTE_CODES}/referral-capacity`,
    code: 'assessment-needed',
    display: 'Additional assessment required',
  },
};
const enrollmentCodes: Record<NonNullable<ReferralRow['enrollment']>, Coding> = {
  enrolled: sdohcc('is-enrolled', 'Is Enrolled'),
  'not-enrolled': sdohcc('not-enrolled', 'Not Enrolled'),
  waitlisted: sdohcc('not-enrolled-on-waitlist', 'Not Enrolled - On Waitlist'),
};

/**
 * What a screen says about the need it was referred from: its finding for
 * that need, else its total score, else its panel; the answers themselves when it yields
 * neither (a QuestionnaireResponse cannot be a reasonReference in R4).
 */
function screeningEvidence(s: ScreeningRow, need: string) {
  const observations = toObservations(s);
  const finding =
    observations.find((o) =>
      ((o.category as CodeableConcept[] | undefined) ?? []).some((c) =>
        c.coding?.some((k) => k.code === need),
      ),
    ) ??
    observations.find((o) => o.id === `${s.id}-total`) ??
    observations.find((o) => o.id === `${s.id}-panel`);
  if (finding) return { reasonReference: [{ reference: `Observation/${finding.id}` }], supportingInfo: [] };
  // A row read without its answers (the caller may not see them) cites nothing it cannot open.
  return s.response.item?.length
    ? { reasonReference: [], supportingInfo: [{ reference: `QuestionnaireResponse/${s.id}` }] }
    : { reasonReference: [], supportingInfo: [] };
}

/**
 * A referral as the Gravity SDOHCC ServiceRequest: what is needed, for whom,
 * from which partner, why (the goal it pertains to, the screening finding) and
 * under which consent to share. The CHW's free-text reason is written for the
 * partner and stays between them, like visit notes.
 */
export function toServiceRequest(r: ReferralRow, screening?: ScreeningRow): FhirResource {
  const evidence = screening
    ? screeningEvidence(screening, r.need)
    : { reasonReference: [], supportingInfo: [] };
  return {
    resourceType: 'ServiceRequest',
    id: r.id,
    meta: { lastUpdated: instant(r.updatedAt) },
    ...(r.goalId
      ? { extension: [{ url: PERTAINS_TO_GOAL, valueReference: { reference: `Goal/${r.goalId}` } }] }
      : {}),
    status: serviceRequestStatus[r.status],
    intent: 'order',
    category: [...(r.need === 'behavioral-health' ? [] : [SOCIAL_SERVICE]), needCategory(r.need)],
    priority: r.urgency,
    code: { text: r.serviceName },
    // Gravity's own flag for "do not contact the person about this".
    ...(r.doNotContact
      ? {
          orderDetail: [
            { coding: [sdohcc('contacting-subject-prohibited', 'Contacting Subject Prohibited')] },
          ],
        }
      : {}),
    subject: patientRef(r.clientId),
    authoredOn: instant(r.createdAt),
    requester: { type: 'Organization', display: r.programName },
    performer: [{ type: 'Organization', display: r.partnerName }],
    ...(evidence.reasonReference.length ? { reasonReference: evidence.reasonReference } : {}),
    supportingInfo: [
      { reference: `Consent/${r.consentId}`, display: `Consent to share with ${r.partnerName}` },
      ...evidence.supportingInfo,
    ],
  };
}

const explained: readonly ReferralStatus[] = ['rejected', 'cancelled', 'on-hold', 'failed'];

/** Gravity asks for words whenever a Task is rejected, cancelled, on hold or failed; the outcome, when known, as a code. */
function statusReason(r: ReferralRow): CodeableConcept | undefined {
  if (!explained.includes(r.status)) return undefined;
  const outcome = r.outcome && r.outcome !== 'got-help' ? r.outcome : null;
  const coding: Coding[] = outcome
    ? [
        { system: `${PUENTE_CODES}/referral-outcome`, code: outcome, display: outcomeWords[outcome] },
        ...(outcome === 'no-capacity' ? [sdohcc('no-capacity', 'No Capacity')] : []),
      ]
    : [];
  const text = r.statusReason ?? (outcome ? outcomeWords[outcome] : 'No reason was recorded.');
  return { ...(coding.length ? { coding } : {}), text };
}

/** Enrollment when the partner said it (the later news), else capacity. */
function businessStatus(r: ReferralRow): CodeableConcept | undefined {
  const coding = r.enrollment
    ? enrollmentCodes[r.enrollment]
    : r.capacity
      ? capacityCodes[r.capacity]
      : undefined;
  return coding ? { coding: [coding], text: coding.display } : undefined;
}

/**
 * A referral as the Gravity "Task for referral management": its status is the
 * referral's (Puente uses the Gravity Task statuses), it fulfils the
 * ServiceRequest of the same id, and a completed Task names what resulted.
 * An entered-in-error referral is still served, with that status, so a clinic
 * that copied it learns to retract it.
 */
export function toTask(r: ReferralRow): FhirResource {
  const reason = statusReason(r);
  const business = businessStatus(r);
  return {
    resourceType: 'Task',
    id: r.id,
    meta: { lastUpdated: instant(r.updatedAt) },
    status: r.status,
    ...(reason ? { statusReason: reason } : {}),
    ...(business ? { businessStatus: business } : {}),
    intent: 'order',
    priority: r.urgency,
    code: {
      coding: [
        {
          system: 'http://hl7.org/fhir/CodeSystem/task-code',
          code: 'fulfill',
          display: 'Fulfill the focal request',
        },
      ],
    },
    focus: { reference: `ServiceRequest/${r.id}` },
    for: patientRef(r.clientId),
    authoredOn: instant(r.createdAt),
    lastModified: instant(r.updatedAt),
    requester: { type: 'Organization', display: r.programName },
    owner: { type: 'Organization', display: r.partnerName },
    ...(r.status === 'completed'
      ? {
          output: [
            {
              type: { coding: [sdohcc('resulting-activity', 'Resulting Activity')] },
              valueCodeableConcept: { text: r.result ?? r.serviceName },
            },
          ],
        }
      : {}),
  };
}
