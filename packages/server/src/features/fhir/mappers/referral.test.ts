import { type ReferralStatus, referralStatuses } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { r4Validator } from '../testing.js';
import { type ReferralRow, serviceRequestStatus, toServiceRequest, toTask } from './referral.js';

const fhir = r4Validator();
const ID = '01900000-0000-7000-8000-0000000000aa';

const referral = (fields: Partial<ReferralRow> = {}): ReferralRow => ({
  id: ID,
  clientId: '01900000-0000-7000-8000-0000000000bb',
  need: 'food-insecurity',
  goalId: null,
  screeningId: null,
  serviceName: 'Community Food Pantry',
  partnerName: 'Red Comunitaria',
  programName: 'Puente Valle',
  urgency: 'routine',
  doNotContact: false,
  consentId: '01900000-0000-7000-8000-0000000000cc',
  status: 'requested',
  statusReason: null,
  capacity: null,
  enrollment: null,
  outcome: null,
  result: null,
  createdAt: '2026-03-02T15:00:00.000Z',
  updatedAt: '2026-03-04T15:00:00.000Z',
  ...fields,
});

describe('referral statuses as FHIR', () => {
  // status, what the move said, ServiceRequest.status, Task.statusReason.text
  const table: [ReferralStatus, Partial<ReferralRow>, string, string | undefined][] = [
    ['requested', {}, 'active', undefined],
    ['accepted', { capacity: 'has-capacity' }, 'active', undefined],
    ['in-progress', {}, 'active', undefined],
    ['on-hold', { statusReason: 'Waiting for documents' }, 'active', 'Waiting for documents'],
    ['completed', { outcome: 'got-help' }, 'completed', undefined],
    ['rejected', { statusReason: 'Outside our area' }, 'revoked', 'Outside our area'],
    ['failed', { outcome: 'not-eligible' }, 'revoked', 'Not eligible'],
    [
      'failed',
      { outcome: 'could-not-contact', statusReason: 'Three calls, no answer' },
      'revoked',
      'Three calls, no answer',
    ],
    ['cancelled', { statusReason: 'Moved away' }, 'revoked', 'Moved away'],
    ['entered-in-error', {}, 'entered-in-error', undefined],
  ];

  it('covers every referral status', () => {
    expect(new Set(table.map(([status]) => status))).toEqual(new Set(referralStatuses));
    expect(Object.keys(serviceRequestStatus).sort()).toEqual([...referralStatuses].sort());
  });

  it.each(table)('%s %o → ServiceRequest %s, Task reason %s', (status, fields, requestStatus, reason) => {
    const row = referral({ status, ...fields });
    const request = toServiceRequest(row);
    const task = toTask(row);
    expect(request.status).toBe(requestStatus);
    expect(task.status).toBe(status);
    expect((task.statusReason as { text?: string } | undefined)?.text).toBe(reason);
    expect(task.focus).toEqual({ reference: `ServiceRequest/${ID}` });
    expect(fhir.validate(request)).toEqual([]);
    expect(fhir.validate(task)).toEqual([]);
  });
});

describe('what a referral Task says', () => {
  it('names what resulted when completed, the service itself when the partner did not say', () => {
    const said = toTask(
      referral({ status: 'completed', outcome: 'got-help', result: 'Groceries for a month' }),
    );
    expect(said.output).toEqual([
      {
        type: {
          coding: [
            {
              system: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes',
              code: 'resulting-activity',
              display: 'Resulting Activity',
            },
          ],
        },
        valueCodeableConcept: { text: 'Groceries for a month' },
      },
    ]);
    const unsaid = toTask(referral({ status: 'completed', outcome: 'got-help' }));
    expect(unsaid.output).toMatchObject([{ valueCodeableConcept: { text: 'Community Food Pantry' } }]);
    expect(toTask(referral({ status: 'in-progress', result: 'x' })).output).toBeUndefined();
  });

  it('codes the outcome of a closing status, with Gravity’s no-capacity when that is why', () => {
    const reason = toTask(referral({ status: 'rejected', statusReason: 'Full', outcome: 'no-capacity' }))
      .statusReason as { coding: { code: string }[] };
    expect(reason.coding.map((c) => c.code)).toEqual(['no-capacity', 'no-capacity']);
  });

  it.each([
    [{ capacity: 'has-capacity' }, 'capacity'],
    [{ capacity: 'waitlist' }, 'no-capacity-has-waitlist'],
    [{ capacity: 'assessment-needed' }, 'assessment-needed'],
    [{ capacity: 'has-capacity', enrollment: 'enrolled' }, 'is-enrolled'],
    [{ enrollment: 'waitlisted' }, 'not-enrolled-on-waitlist'],
    [{}, undefined],
  ] as [Partial<ReferralRow>, string | undefined][])('business status of %o is %s', (fields, code) => {
    const task = toTask(referral({ status: 'accepted', ...fields }));
    expect((task.businessStatus as { coding: { code: string }[] } | undefined)?.coding[0]?.code).toBe(code);
  });
});

describe('what a referral ServiceRequest says', () => {
  it('flags do not contact the Gravity way, and links the goal it pertains to', () => {
    const request = toServiceRequest(
      referral({ doNotContact: true, goalId: '01900000-0000-7000-8000-0000000000dd', urgency: 'urgent' }),
    );
    expect(request.orderDetail).toEqual([
      {
        coding: [
          {
            system: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes',
            code: 'contacting-subject-prohibited',
            display: 'Contacting Subject Prohibited',
          },
        ],
      },
    ]);
    expect(request.extension).toEqual([
      {
        url: 'http://hl7.org/fhir/StructureDefinition/resource-pertainsToGoal',
        valueReference: { reference: 'Goal/01900000-0000-7000-8000-0000000000dd' },
      },
    ]);
    expect(request.priority).toBe('urgent');
    expect(toServiceRequest(referral()).orderDetail).toBeUndefined();
    expect(fhir.validate(request)).toEqual([]);
  });

  it('codes behavioural health as its own need, social needs as Gravity categories', () => {
    const codes = (need: string) =>
      (toServiceRequest(referral({ need })).category as { coding: { system: string; code: string }[] }[]).map(
        (c) => `${c.coding[0]?.system}|${c.coding[0]?.code}`,
      );
    expect(codes('behavioral-health')).toEqual([
      'https://puente.dev/fhir/CodeSystem/need-area|behavioral-health',
    ]);
    expect(codes('housing-instability')).toEqual([
      'http://snomed.info/sct|410606002',
      'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes|housing-instability',
    ]);
  });
});
