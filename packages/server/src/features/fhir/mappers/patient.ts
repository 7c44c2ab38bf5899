import { type FhirResource, instant } from './common.js';

export interface PatientRow {
  id: string;
  givenName: string;
  familyName: string | null;
  preferredName: string | null;
  birthDate: string | null;
  gender: string | null;
  phone: string | null;
  preferredLanguage: string;
  updatedAt: Date | string;
}

/** On alias `c`; `phone` is the SQL for the phone, so a caller not given contact never reads it. */
export const patientColumns = (
  phone: string,
) => `c.id, c.given_name as "givenName", c.family_name as "familyName",
  c.preferred_name as "preferredName", to_char(c.birth_date, 'YYYY-MM-DD') as "birthDate", c.gender,
  ${phone} as phone, c.preferred_language as "preferredLanguage", c.updated_at as "updatedAt"`;

// Gender is typed freely in Puente: only words that are plainly one of FHIR's codes become one.
const genders: Record<string, string> = {
  female: 'female',
  woman: 'female',
  mujer: 'female',
  femenino: 'female',
  male: 'male',
  man: 'male',
  hombre: 'male',
  masculino: 'male',
  other: 'other',
  otro: 'other',
};

/** A person a referral to the caller is about, as a Patient. Notes, address and household stay home. */
export function toPatient(r: PatientRow): FhirResource {
  const gender = genders[(r.gender ?? '').trim().toLowerCase()];
  return {
    resourceType: 'Patient',
    id: r.id,
    meta: { lastUpdated: instant(r.updatedAt) },
    active: true,
    name: [
      { use: 'official', given: [r.givenName], ...(r.familyName ? { family: r.familyName } : {}) },
      ...(r.preferredName ? [{ use: 'usual', given: [r.preferredName] }] : []),
    ],
    ...(r.phone ? { telecom: [{ system: 'phone', value: r.phone }] } : {}),
    ...(gender ? { gender } : {}),
    ...(r.birthDate ? { birthDate: r.birthDate } : {}),
    communication: [
      { language: { coding: [{ system: 'urn:ietf:bcp:47', code: r.preferredLanguage }] }, preferred: true },
    ],
  };
}
