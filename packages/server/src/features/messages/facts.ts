import type { ConsentFact } from '@puente/core';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/types.js';
import type { TextPerson } from './queries.js';
import { type Textability, textabilityOf, textNumber } from './send.js';

/**
 * What a text's consent check reads, for many people at once: three queries
 * for a batch rather than three per person, so 10,000 reminders due at 6 pm
 * cost the database a few hundred statements, not tens of thousands.
 */
export interface TextFacts {
  people: Map<string, TextPerson>;
  consents: Map<string, ConsentFact[]>;
  optedOut: Set<string>;
}

export async function textFactsOf(
  db: Queryable,
  config: Config,
  orgId: string,
  clientIds: readonly string[],
): Promise<TextFacts> {
  const ids = [...new Set(clientIds)];
  const people = await db.query<TextPerson>(
    `select id, phone, preferred_language as language, coalesce(preferred_name, given_name) as "firstName",
            safe_to_contact as "safeToContact",
            array_remove(array[assigned_chw_id, backup_chw_id], null)::text[] as holders
       from client where org_id = $1 and id = any($2::uuid[]) and merged_into is null`,
    [orgId, ids],
  );
  const consents = await db.query<ConsentFact & { clientId: string }>(
    `select client_id as "clientId", id, kind, partner_name as "partnerName", partner_category as "partnerCategory",
            data_kinds as "dataKinds",
            case when revoked_at is null then null
                 else to_char(revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') end as "revokedAt"
       from consent where org_id = $1 and client_id = any($2::uuid[]) order by recorded_at desc`,
    [orgId, ids],
  );
  const numbers = people.flatMap((p) => textNumber(p, config) ?? []);
  const stopped = await db.query<{ phone: string }>(
    'select phone from text_opt_out where org_id = $1 and phone = any($2::text[])',
    [orgId, numbers],
  );
  const byClient = new Map<string, ConsentFact[]>();
  for (const { clientId, ...k } of consents) byClient.set(clientId, [...(byClient.get(clientId) ?? []), k]);
  return {
    people: new Map(people.map((p) => [p.id, p])),
    consents: byClient,
    optedOut: new Set(stopped.map((s) => s.phone)),
  };
}

/** Whether one of the batch's people may be texted now (undefined: no such person any more). */
export function textabilityIn(
  facts: TextFacts,
  config: Config,
  clientId: string,
  now: Date,
  referralDoNotContact = false,
): { person: TextPerson; may: Textability } | undefined {
  const person = facts.people.get(clientId);
  if (!person) return undefined;
  const consents = facts.consents.get(clientId) ?? [];
  return { person, may: textabilityOf(person, consents, facts.optedOut, config, now, referralDoNotContact) };
}
