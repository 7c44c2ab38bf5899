import { randomUUID } from 'node:crypto';

// The intake tests' clinic referral, one builder for the inbound and cancel tests (not used by the server).

const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';

export interface ReferredPerson {
  given: string;
  family: string;
  birthDate: string;
  phone?: string;
}

/** A referral as a clinic's integration builds it: four entries that refer to one another by urn:uuid. */
export function referralBundle(
  person: ReferredPerson,
  change: (entries: Record<string, unknown>[]) => void = () => {},
) {
  const [patient, consent, request, task] = [1, 2, 3, 4].map(() => `urn:uuid:${randomUUID()}`);
  const entries: Record<string, unknown>[] = [
    {
      resourceType: 'Patient',
      identifier: [{ system: 'urn:oid:2.16.840.1.113883.3.1234', value: `MRN-${randomUUID().slice(0, 8)}` }],
      name: [{ family: person.family, given: [person.given] }],
      birthDate: person.birthDate,
      ...(person.phone ? { telecom: [{ system: 'phone', value: person.phone }] } : {}),
      communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es' }] } }],
    },
    {
      resourceType: 'Consent',
      status: 'active',
      scope: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }],
      },
      category: [{ coding: [{ system: 'http://loinc.org', code: '59284-0' }] }],
      patient: { reference: patient },
      dateTime: '2026-11-30T10:00:00Z',
    },
    {
      resourceType: 'ServiceRequest',
      identifier: [{ system: 'https://clinic.example/referrals', value: randomUUID() }],
      status: 'active',
      intent: 'order',
      category: [{ coding: [{ system: SDOHCC, code: 'food-insecurity' }] }],
      code: { text: 'Help applying for food assistance' },
      priority: 'routine',
      subject: { reference: patient },
      requester: { display: 'Dr. Rivera, Clínica del Valle' },
      supportingInfo: [{ reference: consent }],
      reasonCode: [{ text: 'Ran out of food twice last month' }],
    },
    {
      resourceType: 'Task',
      status: 'requested',
      intent: 'order',
      code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
      focus: { reference: request },
      for: { reference: patient },
    },
  ];
  change(entries);
  const urls = [patient, consent, request, task];
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: entries.map((resource, i) => ({
      fullUrl: urls[i],
      resource,
      request: { method: 'POST', url: resource.resourceType },
    })),
  };
}
