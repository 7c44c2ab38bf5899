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

/**
 * Who withdraws a consent: a user of the app, or nobody (userId null) when the person does it
 * themself by texting STOP (messages/inbound.ts). Their locale words the reason partners read.
 */
export type Withdrawer = Pick<Actor, 'orgId' | 'locale'> & { userId: string | null };

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
  actor: Withdrawer,
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
    // A referral rests on a share or service consent, which only a user withdraws: a STOP text
    // (no user) withdraws the text consent, which cancels none. Its history names who did it.
    if (actor.userId === null) continue;
    await addReferralEvent(
      tx,
      { orgId: actor.orgId, userId: actor.userId },
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

/**
 * Withdraws one standing consent and everything that relied on it, in the caller's transaction:
 * the one way a consent is withdrawn, in the app (consents/service.ts revokeConsent) or by the
 * person's STOP text (messages/inbound.ts). Returns the detail of its 'consent.revoked' audit event.
 * The time is never later than now (a phone's clock may run fast), never before it was recorded.
 */
export async function withdrawConsent(
  tx: Queryable,
  by: Withdrawer,
  clientId: string,
  consent: { id: string; kind: string },
  note: string | null,
  at?: Date,
): Promise<Record<string, unknown>> {
  await tx.query(
    `update consent set revoked_at = greatest(recorded_at, least(now(), coalesce($5::timestamptz, now()))),
            revoked_by = $3, revoke_note = $4
      where org_id = $1 and id = $2`,
    [by.orgId, consent.id, by.userId, note, at?.toISOString() ?? null],
  );
  const reach = await reachOfWithdrawal(tx, by, clientId, consent);
  return { consent: consent.id, ...reach };
}

/**
 * The standing consents of two records being merged that the person's latest word overrules: a
 * consent one record holds, given before the other record withdrew the same consent (kind, and
 * partner for a share) and not given again there since. Each comes with when it was withdrawn.
 */
export async function consentsOverruled(
  tx: Queryable,
  orgId: string,
  keptId: string,
  duplicateId: string,
): Promise<{ id: string; kind: string; at: Date | string }[]> {
  return tx.query<{ id: string; kind: string; at: Date | string }>(
    `select s.id, s.kind, max(w.revoked_at) as at
     from consent s
     join consent w on w.org_id = s.org_id and w.kind = s.kind
          and w.partner_name is not distinct from s.partner_name
          and w.partner_category is not distinct from s.partner_category
          and w.revoked_at > s.recorded_at
      where s.org_id = $1 and s.revoked_at is null
      and ((s.client_id = $2 and w.client_id = $3) or (s.client_id = $3 and w.client_id = $2))
      and not exists (select 1 from consent g
                       where g.org_id = w.org_id and g.client_id = w.client_id and g.kind = w.kind
                         and g.partner_name is not distinct from w.partner_name
                         and g.partner_category is not distinct from w.partner_category
                         and g.recorded_at > w.revoked_at)
      group by s.id, s.kind
      order by s.id`,
    [orgId, keptId, duplicateId],
  );
}
