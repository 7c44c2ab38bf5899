import { t } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { closeReferralTasks } from '../referrals/follow-up.js';
import { addReferralEvent } from '../referrals/queries.js';

/** What a withdrawal closed, for the audit entry (ids and counts, never names). */
export interface WithdrawalReach {
  referralsCancelled: string[];
  linksRevoked: number;
  exportsDeleted: string[];
}

const privateLinkTables = ['safety_plan_share', 'education_share', 'resource_link'] as const;

/**
 * Everything that relied on a consent stops with it, in the caller's
 * transaction: the open referrals it allowed (all of the person's, when the
 * consent to be served goes) are cancelled so partners lose them at once; the
 * person's private links are revoked (a person who withdraws any consent has
 * asked for less of their record to be out there; a CHW can send a new link);
 * bulk-export files that hold the person are deleted.
 */
export async function reachOfWithdrawal(
  tx: Queryable,
  actor: Actor,
  clientId: string,
  consent: { id: string; kind: string },
): Promise<WithdrawalReach> {
  const referrals = await tx.query<{ id: string }>(
    `update referral set status = 'cancelled', status_reason = $4, updated_at = now(), closed_at = now()
      where org_id = $1 and client_id = $2 and status in ('requested', 'accepted', 'in-progress', 'on-hold')
        and (consent_id = $3 or $5)
      returning id`,
    [
      actor.orgId,
      clientId,
      consent.id,
      t(actor.locale, 'referrals.consentWithdrawn'),
      consent.kind === 'service',
    ],
  );
  for (const { id } of referrals) {
    await addReferralEvent(
      tx,
      actor,
      id,
      { kind: 'status', status: 'cancelled', reason: t(actor.locale, 'referrals.consentWithdrawn') },
      false,
    );
    await closeReferralTasks(tx, actor.orgId, id);
  }
  let linksRevoked = 0;
  for (const table of privateLinkTables) {
    const revoked = await tx.query(
      `update ${table} set revoked_at = now(), revoked_by = $3
        where org_id = $1 and client_id = $2 and revoked_at is null and expires_at > now() returning 1`,
      [actor.orgId, clientId, actor.userId],
    );
    linksRevoked += revoked.length;
  }
  const exports = await tx.query<{ id: string }>(
    `update fhir_export x set expires_at = least(x.expires_at, now())
      where x.org_id = $1 and x.id in (select p.export_id from fhir_export_person p where p.org_id = $1 and p.client_id = $2)
        and exists (select 1 from fhir_export_file f where f.export_id = x.id)
      returning x.id`,
    [actor.orgId, clientId],
  );
  if (exports.length > 0) {
    await tx.query('delete from fhir_export_file where org_id = $1 and export_id = any($2::uuid[])', [
      actor.orgId,
      exports.map((x) => x.id),
    ]);
  }
  return {
    referralsCancelled: referrals.map((r) => r.id),
    linksRevoked,
    exportsDeleted: exports.map((x) => x.id),
  };
}
