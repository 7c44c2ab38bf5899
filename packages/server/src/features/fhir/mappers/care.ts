import {
  ACT_CODE,
  day,
  type FhirResource,
  instant,
  LOINC,
  needCategory,
  PUENTE_CODES,
  patientRef,
} from './common.js';

export interface ConsentRow {
  id: string;
  clientId: string;
  kind: 'service' | 'share';
  givenOn: string;
  partnerName: string | null;
  partnerCategory: string | null;
  revoked: boolean;
}

/**
 * A consent to be served or to share, as FHIR Consent. Only consents that
 * concern the calling clinic are served (see the query): a person's consent to
 * share with another partner is not this clinic's to know.
 */
export function toConsent(k: ConsentRow): FhirResource {
  const share = k.kind === 'share';
  return {
    resourceType: 'Consent',
    id: k.id,
    status: k.revoked ? 'inactive' : 'active',
    scope: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/consentscope',
          code: share ? 'patient-privacy' : 'treatment',
        },
      ],
    },
    category: [
      { coding: [{ system: LOINC, code: '59284-0', display: 'Patient Consent' }] },
      ...(share
        ? [{ coding: [{ system: ACT_CODE, code: 'IDSCL', display: 'information disclosure' }] }]
        : []),
    ],
    patient: patientRef(k.clientId),
    dateTime: k.givenOn,
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: {
      type: 'permit',
      ...(share
        ? {
            actor: [
              {
                role: {
                  coding: [
                    { system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'IRCP' },
                  ],
                },
                reference: { display: k.partnerName ?? `Partners of category ${k.partnerCategory ?? ''}` },
              },
            ],
          }
        : {}),
    },
  };
}

export interface GoalRow {
  id: string;
  clientId: string;
  text: string;
  needArea: string;
  status: string;
  createdAt: Date | string;
}

const lifecycle: Record<string, string> = { active: 'active', achieved: 'completed', stopped: 'cancelled' };

export function toGoal(g: GoalRow): FhirResource {
  return {
    resourceType: 'Goal',
    id: g.id,
    lifecycleStatus: lifecycle[g.status] ?? 'active',
    ...(g.status === 'achieved'
      ? {
          achievementStatus: {
            coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'achieved' }],
          },
        }
      : {}),
    category: [needCategory(g.needArea)],
    description: { text: g.text },
    subject: patientRef(g.clientId),
    startDate: day(g.createdAt),
  };
}

/** One care plan per person: the goals the CHW and the person set together. */
export function toCarePlan(clientId: string, goals: GoalRow[]): FhirResource {
  const active = goals.some((g) => g.status === 'active');
  return {
    resourceType: 'CarePlan',
    id: clientId,
    status: active ? 'active' : 'completed',
    intent: 'plan',
    title: 'Community health worker care plan',
    subject: patientRef(clientId),
    goal: goals.map((g) => ({ reference: `Goal/${g.id}` })),
  };
}

export interface EncounterRow {
  id: string;
  clientId: string;
  kind: string;
  occurredAt: Date | string;
  durationMinutes: number | null;
}

// v3 ActCode encounter classes for the ways a CHW meets someone.
const encounterClass: Record<string, { code: string; display: string }> = {
  'home-visit': { code: 'HH', display: 'home health' },
  'phone-call': { code: 'VR', display: 'virtual' },
  text: { code: 'VR', display: 'virtual' },
  office: { code: 'AMB', display: 'ambulatory' },
  'community-event': { code: 'FLD', display: 'field' },
};

/** A contact with the person. The note stays in Puente: it is the CHW's, not the clinic's. */
export function toEncounter(e: EncounterRow): FhirResource {
  const start = new Date(e.occurredAt);
  const cls = encounterClass[e.kind] ?? { code: 'FLD', display: 'field' };
  return {
    resourceType: 'Encounter',
    id: e.id,
    status: 'finished',
    class: { system: ACT_CODE, ...cls },
    type: [{ coding: [{ system: `${PUENTE_CODES}/encounter-kind`, code: e.kind }] }],
    subject: patientRef(e.clientId),
    period: {
      start: instant(start),
      ...(e.durationMinutes ? { end: instant(new Date(start.getTime() + e.durationMinutes * 60_000)) } : {}),
    },
    ...(e.durationMinutes
      ? {
          length: { value: e.durationMinutes, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' },
        }
      : {}),
  };
}
