// Small pieces every FHIR mapper uses.

export const LOINC = 'http://loinc.org';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const US_CORE_CATEGORY = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category';
export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';
/** Puente's own codes, where no standard one fits (encounter kinds, need areas beside Gravity's). */
export const PUENTE_CODES = 'https://puente.dev/fhir/CodeSystem';

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}

/** A FHIR resource as Puente emits it: plain JSON with its type and id. */
export interface FhirResource {
  resourceType: string;
  id: string;
  [field: string]: unknown;
}

/** Need areas are Gravity SDOH categories, except behavioural health, which is its own need (SDOH.md). */
export const needCategory = (needArea: string) => ({
  coding: [
    { system: needArea === 'behavioral-health' ? `${PUENTE_CODES}/need-area` : SDOHCC, code: needArea },
  ],
});

export const patientRef = (clientId: string) => ({ reference: `Patient/${clientId}` });

/** An instant as FHIR wants it (seconds precision, UTC). */
export const instant = (value: Date | string) => new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A calendar day as FHIR `date`. */
export const day = (value: Date | string) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? value
    : new Date(value).toISOString().slice(0, 10);

/** The searchable facts of a resource: what `patient`, `date`, `status`, `code` and `category` compare against. */
export interface Facets {
  patient?: string;
  /** An instant or a day. */
  date?: string;
  status?: string;
  code?: Coding[];
  category?: Coding[];
  questionnaire?: string;
  url?: string;
}

/**
 * The span a FHIR date or date-time stands for, in ms: a year, month or day
 * (UTC) or one instant. Undefined when the day does not exist.
 * @example instantOrDay('2026-02') // [Date.UTC(2026, 1, 1), Date.UTC(2026, 2, 1)]
 */
export function instantOrDay(value: string): [number, number] | undefined {
  if (value.includes('T')) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : [t, t + 1];
  }
  const [y = 0, m, d] = value.split('-').map(Number);
  const lo = Date.UTC(y, (m ?? 1) - 1, d ?? 1);
  const start = new Date(lo);
  if (m !== undefined && start.getUTCMonth() !== m - 1) return undefined;
  if (d !== undefined && start.getUTCDate() !== d) return undefined;
  const hi =
    d !== undefined
      ? Date.UTC(y, m ? m - 1 : 0, d + 1)
      : m !== undefined
        ? Date.UTC(y, m, 1)
        : Date.UTC(y + 1, 0, 1);
  return [lo, hi];
}
