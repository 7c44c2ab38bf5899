import { minimumShare, needAreas, partnerCategoryForNeed } from '@puente/core';
import type { ApiClient } from './api-clients.js';

// What a connected clinic may read, as SQL written from `decide()` for an 'api-client'
// (core policy/decide.ts: addressedToClinic, clinicConsents, sharedKinds). Every query reads
// $1 = org id, $2 = the client's partner name, $3 = its partner category (see `clinicParams`).

type Need = Parameters<typeof partnerCategoryForNeed>[0];

/** The partner category of a referral's need, as SQL: the CASE is written from core so it cannot drift. */
export const categoryOfNeed = (need: string): string =>
  `(case ${need} ${needAreas.map((n) => `when '${n}' then '${partnerCategoryForNeed(n)}'`).join(' ')}
    else '${partnerCategoryForNeed('' as Need)}' end)`;

/** Partner names compare without case or surrounding spaces; a blank name names no one (core `samePartner`). */
const samePartner = (a: string, b: string) =>
  `(nullif(trim(${a}), '') is not null and lower(trim(${a})) = lower(trim(${b})))`;

/** A consent stands until the moment its withdrawal is dated (core `consentStands`). */
const stands = (k: string) => `(${k}.revoked_at is null or ${k}.revoked_at > now())`;

/** A referral is addressed to the client by its partner's name or by its need's category. */
const addressed = `(${samePartner('$2::text', 'r.partner_name')} or ${categoryOfNeed('r.need')} = $3::text)`;

/** The consent to share names the client itself, by name or by category. */
const namesClient = `(${samePartner('k.partner_name', '$2::text')} or k.partner_category = $3::text)`;

const minimum = `'{${minimumShare.join(',')}}'::text[]`;

/** The person-level data kinds a clinic can be given, each a boolean column of `visible_person`. */
export const personKinds = {
  contact: 'contact',
  visit: 'visit',
  goal: 'goal',
  totals: 'screening-total',
  answers: 'screening-answer',
} as const;

/**
 * Two CTEs (write `with ${VISIBLE}`): `visible_referral` (id, client_id, consent_id), the
 * referrals addressed to the client whose own consent to share still stands and names the
 * client, beside a standing consent to be served; and `visible_person` (client_id and one
 * boolean per `personKinds`), the people with at least one, with the kinds the consents of
 * those referrals cover together. Nothing else of a person is the clinic's to read.
 */
export const VISIBLE = `visible_referral as (
    select r.id, r.client_id, k.id as consent_id, coalesce(k.data_kinds, ${minimum}) as kinds
      from referral r
      join client c on c.id = r.client_id and c.org_id = $1 and c.merged_into is null
      join consent k on k.id = r.consent_id and k.org_id = $1 and k.client_id = r.client_id
     where r.org_id = $1 and ${addressed} and k.kind = 'share' and ${stands('k')} and ${namesClient}
       and exists (select 1 from consent s where s.org_id = $1 and s.client_id = r.client_id
                     and s.kind = 'service' and ${stands('s')})),
  visible_person as (
    select v.client_id,
           ${Object.entries(personKinds)
             .map(([column, kind]) => `bool_or('${kind}' = any(v.kinds)) as ${column}`)
             .join(', ')}
      from visible_referral v group by v.client_id)`;

/** A consent to be served that stands now, or one a visible referral relied on. */
export const visibleConsent = (k: string) =>
  `((${k}.kind = 'service' and ${stands(k)}) or ${k}.id in (select consent_id from visible_referral))`;

export const clinicParams = (client: ApiClient): unknown[] => [
  client.orgId,
  client.partnerName,
  client.partnerCategory,
];
