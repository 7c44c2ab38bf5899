import { minimumShare, needAreas, partnerCategoryForNeed } from '@puente/core';
import { bind, identifier, join, type Sql, sql } from '../../db/sql/index.js';
import type { ApiClient } from './api-clients.js';

// What a connected clinic may read, as SQL written from `decide()` for an 'api-client'
// (core policy/decide.ts: addressedToClinic, clinicConsents, sharedKinds), composed with the
// sql tag over the clinic's values (`clinicOf`).

type Need = Parameters<typeof partnerCategoryForNeed>[0];

/**
 * The clinic a statement reads for: its organization, partner name and partner category,
 * each bound so it keeps one parameter number however often the statement names it.
 */
export function clinicOf(client: ApiClient) {
  return {
    org: bind(client.orgId),
    partner: bind(client.partnerName),
    category: bind(client.partnerCategory),
  };
}
export type Clinic = ReturnType<typeof clinicOf>;

/**
 * The partner category of a referral's need, as SQL: core's needs and their categories, so it
 * cannot drift; a need core does not know gets the category core gives it.
 */
export const categoryOfNeed = (need: Sql): Sql =>
  sql`coalesce((${needAreas.map((n) => partnerCategoryForNeed(n))}::text[])[array_position(${[...needAreas]}::text[], ${need})],
    ${partnerCategoryForNeed('' as Need)}::text)`;

/** Partner names compare without case or surrounding spaces; a blank name names no one (core `samePartner`). */
const samePartner = (a: Sql, b: Sql) =>
  sql`(nullif(trim(${a}), '') is not null and lower(trim(${a})) = lower(trim(${b})))`;

/** A consent stands until the moment its withdrawal is dated (core `consentStands`). */
const stands = (k: string) => {
  const revokedAt = identifier(`${k}.revoked_at`);
  return sql`(${revokedAt} is null or ${revokedAt} > now())`;
};

/** A referral is addressed to the client by its partner's name or by its need's category. */
const addressed = (clinic: Clinic) =>
  sql`(${samePartner(sql`${clinic.partner}::text`, sql`r.partner_name`)} or ${categoryOfNeed(sql`r.need`)} = ${clinic.category}::text)`;

/** The consent to share names the client itself, by name or by category. */
const namesClient = (clinic: Clinic) =>
  sql`(${samePartner(sql`k.partner_name`, sql`${clinic.partner}::text`)} or k.partner_category = ${clinic.category}::text)`;

/** The person-level data kinds a clinic can be given, each a boolean column of `visible_person`. */
export const personKinds = {
  contact: 'contact',
  visit: 'visit',
  goal: 'goal',
  totals: 'screening-total',
  answers: 'screening-answer',
} as const;

/**
 * Two CTEs (write `with ${visible(clinic)}`): `visible_referral` (id, client_id, consent_id), the
 * referrals addressed to the client whose own consent to share still stands and names the
 * client, beside a standing consent to be served; and `visible_person` (client_id and one
 * boolean per `personKinds`), the people with at least one, with the kinds the consents of
 * those referrals cover together. Nothing else of a person is the clinic's to read.
 *
 * @example sql`with ${visible(clinic)} select vp.client_id from visible_person vp where ${clinic.org} is not null`
 */
export const visible = (clinic: Clinic): Sql => sql`visible_referral as (
    select r.id, r.client_id, k.id as consent_id, coalesce(k.data_kinds, ${[...minimumShare]}::text[]) as kinds
      from referral r
      join client c on c.id = r.client_id and c.org_id = ${clinic.org} and c.merged_into is null
      join consent k on k.id = r.consent_id and k.org_id = ${clinic.org} and k.client_id = r.client_id
     where r.org_id = ${clinic.org} and ${addressed(clinic)} and k.kind = 'share' and ${stands('k')} and ${namesClient(clinic)}
       and exists (select 1 from consent s where s.org_id = ${clinic.org} and s.client_id = r.client_id
                     and s.kind = 'service' and ${stands('s')})),
  visible_person as (
    select v.client_id,
           ${join(
             Object.entries(personKinds).map(
               ([column, kind]) => sql`bool_or(${kind}::text = any(v.kinds)) as ${identifier(column)}`,
             ),
           )}
      from visible_referral v group by v.client_id)`;

/** A consent to be served that stands now, or one a visible referral relied on. */
export const visibleConsent = (k: string) =>
  sql`((${identifier(`${k}.kind`)} = 'service' and ${stands(k)}) or ${identifier(`${k}.id`)} in (select consent_id from visible_referral))`;
