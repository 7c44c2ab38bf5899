import type { ApiClient } from './api-clients.js';

/**
 * The people an API client may read, as SQL on alias `c`, reading $1 = org id,
 * $2 = partner name, $3 = partner category (see `consentParams`). The same rule
 * as `requireConsent` in the consents feature, set-wise: a live consent to be
 * served, and a live consent to share naming the client's partner or its category.
 */
export const CONSENTED = `(c.org_id = $1 and c.merged_into is null
  and exists (select 1 from consent k where k.org_id = $1 and k.client_id = c.id and k.revoked_at is null
                and k.kind = 'service')
  and exists (select 1 from consent k where k.org_id = $1 and k.client_id = c.id and k.revoked_at is null
                and k.kind = 'share' and (lower(trim(k.partner_name)) = lower(trim($2::text))
                                          or k.partner_category = $3::text)))`;

export const consentParams = (client: ApiClient): unknown[] => [
  client.orgId,
  client.partnerName,
  client.partnerCategory,
];
