import type { IntakeStatus, ReferralOutcome } from '@puente/core';
import { type FhirResource, instant, needCategory, PUENTE_CODES, SDOHCC } from './common.js';

// A referral a clinic sent to the program, as the clinic reads it back: the Task Puente moves
// (Gravity "Task for referral management", owned by the program) and the ServiceRequest it
// fulfils. The person is named by the clinic's own identifier, never by Puente's record, which
// the clinic cannot read; the Consent it sent stays with the program, so nothing cites it.

export interface InboundRow {
  id: string;
  fhirClientId: string;
  patientIdentifier: { system: string; value: string };
  requestIdentifier: { system: string; value: string } | null;
  need: string;
  service: string;
  reason: string | null;
  priority: string;
  requester: string | null;
  programName: string;
  status: IntakeStatus;
  statusReason: string | null;
  outcome: ReferralOutcome | null;
  outcomeNote: string | null;
  /** Bumped by every change (migration 0039): meta.versionId and the ETag an If-Match names. */
  version: number;
  createdAt: Date | string;
  updatedAt: Date | string;
}

const outcomeWords: Record<ReferralOutcome, string> = {
  'got-help': 'Got help',
  'could-not-contact': 'Could not contact',
  'not-eligible': 'Not eligible',
  'no-capacity': 'No capacity',
  'could-not-get-help': 'Could not get help',
  'no-longer-interested': 'No longer interested',
  'referred-elsewhere': 'Referred elsewhere',
};

const requestStatus: Record<IntakeStatus, string> = {
  received: 'active',
  accepted: 'active',
  'in-progress': 'active',
  completed: 'completed',
  rejected: 'revoked',
  cancelled: 'revoked',
};

const subject = (r: InboundRow) => ({ identifier: r.patientIdentifier });

export function toInboundServiceRequest(r: InboundRow): FhirResource {
  return {
    resourceType: 'ServiceRequest',
    id: r.id,
    meta: { versionId: String(r.version), lastUpdated: instant(r.updatedAt) },
    ...(r.requestIdentifier ? { identifier: [r.requestIdentifier] } : {}),
    status: requestStatus[r.status],
    intent: 'order',
    category: [needCategory(r.need)],
    priority: r.priority,
    code: { text: r.service },
    subject: subject(r),
    authoredOn: instant(r.createdAt),
    ...(r.requester ? { requester: { display: r.requester } } : {}),
    performer: [{ type: 'Organization', display: r.programName }],
    ...(r.reason ? { reasonCode: [{ text: r.reason }] } : {}),
  };
}

/** The Task as the program moved it: why when declined, what came of it when completed. */
export function toInboundTask(r: InboundRow): FhirResource {
  const outcome = r.outcome
    ? {
        coding: [
          { system: `${PUENTE_CODES}/referral-outcome`, code: r.outcome, display: outcomeWords[r.outcome] },
        ],
        text: r.outcomeNote ?? outcomeWords[r.outcome],
      }
    : undefined;
  return {
    resourceType: 'Task',
    id: r.id,
    meta: { versionId: String(r.version), lastUpdated: instant(r.updatedAt) },
    basedOn: [{ reference: `ServiceRequest/${r.id}` }],
    status: r.status,
    // Why the program declined it, or why the clinic withdrew it.
    ...((r.status === 'rejected' || r.status === 'cancelled') && r.statusReason
      ? { statusReason: { text: r.statusReason } }
      : {}),
    intent: 'order',
    priority: r.priority,
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
    for: subject(r),
    authoredOn: instant(r.createdAt),
    lastModified: instant(r.updatedAt),
    ...(r.requester ? { requester: { display: r.requester } } : {}),
    owner: { type: 'Organization', display: r.programName },
    ...(r.status === 'completed' && outcome
      ? {
          output: [
            {
              type: {
                coding: [{ system: SDOHCC, code: 'resulting-activity', display: 'Resulting Activity' }],
              },
              valueCodeableConcept: outcome,
            },
          ],
        }
      : {}),
  };
}
