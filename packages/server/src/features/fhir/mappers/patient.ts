import type { Sql } from '../../../db/sql/index.js';
import { type ClientRow, clientColumns } from '../../clients/columns.js';
import { type FhirResource, instant } from './common.js';

/** What a Patient carries of the person's row (the same row as their page and the phone read). */
const patientFields = [
  'id',
  'givenName',
  'familyName',
  'preferredName',
  'birthDate',
  'gender',
  'phone',
  'preferredLanguage',
  'updatedAt',
] as const;
export type PatientRow = Pick<ClientRow, (typeof patientFields)[number]>;

/** On alias `c`; `phone` is the SQL for the phone (named phone), so a caller not given contact never reads it. */
export const patientColumns = (phone: Sql): Sql => clientColumns(patientFields, { phone });

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
