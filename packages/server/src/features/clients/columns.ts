import type { ClientRecord } from '@puente/core';
import { displayName, isoColumn, join, type Sql, sql } from '../../db/sql/index.js';
import { riskFlagJson } from '../risk-flags/queries.js';

/**
 * The person's own fields, as the person's page, the phone's copy and the FHIR
 * Patient read them: one row, so the three cannot drift apart. (The page adds
 * its lists; sync adds `clientId`; FHIR picks what a Patient carries.)
 */
export type ClientRow = ClientRecord;

/** Each field as SQL on alias `c` (client); `assignedChwName` also needs `u`, the CHW, left-joined. */
const clientColumn: { readonly [K in keyof ClientRow]-?: Sql } = {
  id: sql`c.id`,
  givenName: sql`c.given_name as "givenName"`,
  familyName: sql`c.family_name as "familyName"`,
  preferredName: sql`c.preferred_name as "preferredName"`,
  displayName: sql`${displayName} as "displayName"`,
  preferredLanguage: sql`c.preferred_language as "preferredLanguage"`,
  birthDate: sql`c.birth_date::text as "birthDate"`,
  ageRange: sql`c.age_range as "ageRange"`,
  gender: sql`c.gender`,
  phone: sql`c.phone`,
  okToText: sql`c.ok_to_text as "okToText"`,
  okToLeaveMessage: sql`c.ok_to_leave_message as "okToLeaveMessage"`,
  safeToContact: sql`c.safe_to_contact as "safeToContact"`,
  neighborhood: sql`c.neighborhood`,
  address: sql`c.address`,
  household: sql`c.household`,
  insuranceStatus: sql`c.insurance_status as "insuranceStatus"`,
  notes: sql`c.notes`,
  assignedChwId: sql`c.assigned_chw_id as "assignedChwId"`,
  assignedChwName: sql`u.display_name as "assignedChwName"`,
  backupChwId: sql`c.backup_chw_id as "backupChwId"`,
  lastContactAt: sql`${isoColumn('c.last_contact_at')} as "lastContactAt"`,
  createdAt: sql`${isoColumn('c.created_at')} as "createdAt"`,
  updatedAt: sql`${isoColumn('c.updated_at')} as "updatedAt"`,
  riskFlag: sql`${riskFlagJson('c')} as "riskFlag"`,
};

/** Every field of the row, in its order. */
export const clientFields = Object.keys(clientColumn) as (keyof ClientRow)[];

/**
 * The columns of `fields` (every field by default), in the row's order. `instead`
 * gives a field other SQL, named as the field, e.g. a phone only some callers read.
 *
 * @example sql`select ${clientColumns()} from client c left join app_user u on u.id = c.assigned_chw_id`
 */
export function clientColumns<K extends keyof ClientRow>(
  fields: readonly K[] = clientFields as K[],
  instead: Partial<Record<K, Sql>> = {},
): Sql {
  return join(
    clientFields.filter((f): f is K => fields.includes(f as K)).map((f) => instead[f] ?? clientColumn[f]),
  );
}
