import {
  type NewReferralRequest,
  PuenteError,
  type Referral,
  type ReferralDetail,
  type ReferralSettings,
  referralAddressee,
  uuidv7,
} from '@puente/core';
import { clientScope, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { withClient } from '../clients/with-client.js';
import { requireConsent } from '../consents/service.js';
import {
  addReferralEvent,
  listFilter,
  referralById,
  referralEvents,
  saveReferralSettings,
  selectReferrals,
  visibleReferral,
} from './queries.js';

// Making a referral and reading them; moving one and the tries to reach the person are in moves.ts.

async function serviceToRefer(db: Queryable, orgId: string, serviceId: string) {
  const [row] = await db.query<{
    name: string;
    organizationId: string | null;
    organizationName: string | null;
  }>(
    `select coalesce(s.data->>'name', s.id) as name, s.organization_id as "organizationId",
            o.data->>'name' as "organizationName"
       from hsds_service s left join hsds_organization o on o.org_id = s.org_id and o.id = s.organization_id
      where s.org_id = $1 and s.id = $2`,
    [orgId, serviceId],
  );
  if (!row) throw new PuenteError(404, 'errors.referralServiceNotFound');
  return row;
}

async function requireOnRecord(
  tx: Queryable,
  table: 'goal' | 'screening',
  orgId: string,
  clientId: string,
  id?: string,
) {
  if (!id) return;
  const rows = await tx.query(`select 1 from ${table} where org_id = $1 and client_id = $2 and id = $3`, [
    orgId,
    clientId,
    id,
  ]);
  if (rows.length === 0) {
    throw new PuenteError(404, table === 'goal' ? 'errors.goalNotFound' : 'errors.screeningNotFound');
  }
}

/**
 * Refers a person to a service: checks the need's goal or screening is theirs
 * and that they consented to share with this partner (by name or category),
 * then records the referral as sent. Sending the same id again (an offline
 * retry) returns the referral already made.
 */
export function makeReferral(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  r: NewReferralRequest,
): Promise<Referral> {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'referral.made', async () => {
    if (r.id) {
      const [existing] = await tx.query<{ clientId: string }>(
        'select client_id as "clientId" from referral where id = $1 and org_id = $2',
        [r.id, actor.orgId],
      );
      if (existing && existing.clientId !== clientId) throw new PuenteError(409, 'errors.idTaken');
      if (existing) return { result: await referralById(tx, actor.orgId, r.id), detail: { referral: r.id } };
    }
    await requireOnRecord(tx, 'goal', actor.orgId, clientId, r.goalId);
    await requireOnRecord(tx, 'screening', actor.orgId, clientId, r.screeningId);
    const service = await serviceToRefer(tx, actor.orgId, r.serviceId);
    const partnerName = service.organizationName ?? service.name;
    // The addressee the web's form asks core's consentToShare about too: the partner by name, or the need's category.
    const { partnerCategory } = referralAddressee(partnerName, r.need);
    const consentId = await requireConsent(tx, actor.orgId, clientId, {
      kind: 'share',
      partnerName,
      partnerCategory,
    });
    const id = r.id ?? uuidv7();
    await tx.query(
      `insert into referral (id, org_id, client_id, need, goal_id, screening_id, service_id, service_name,
         partner_org_id, partner_name, reason, urgency, do_not_contact, shares, consent_id, status, requested_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'requested', $16)`,
      [
        id,
        actor.orgId,
        clientId,
        r.need,
        r.goalId ?? null,
        r.screeningId ?? null,
        r.serviceId,
        service.name,
        service.organizationId,
        partnerName,
        r.reason,
        r.urgency,
        r.doNotContact,
        [...new Set(r.shares)],
        consentId,
        actor.userId,
      ],
    );
    await addReferralEvent(tx, actor, id, { kind: 'created', status: 'requested' }, false);
    return {
      result: await referralById(tx, actor.orgId, id),
      detail: { referral: id, need: r.need, consent: consentId },
    };
  });
}

export function clientReferrals(tx: Queryable, caller: Caller, clientId: string): Promise<Referral[]> {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'referral.listed', async () => ({
    result: await selectReferrals(tx, actor.orgId, sql`r.client_id = ${clientId}`),
  }));
}

/** One referral with its history; reading it is audited like opening the person's record. */
export async function referralDetail(
  tx: Queryable,
  caller: Caller,
  referralId: string,
): Promise<ReferralDetail> {
  const { actor } = caller;
  const ref = await visibleReferral(tx, actor, referralId);
  const detail = {
    ...(await referralById(tx, actor.orgId, referralId)),
    events: await referralEvents(tx, actor.orgId, referralId),
  };
  await recordAudit(tx, who(caller), {
    action: 'referral.viewed',
    subjectType: 'client',
    subjectId: ref.clientId,
    detail: { referral: referralId },
  });
  return detail;
}

/** The caller's referrals across their caseload: open ones first need them. */
export function myReferrals(
  db: Queryable,
  actor: Actor,
  state: 'open' | 'closed' | 'all',
): Promise<Referral[]> {
  return selectReferrals(db, actor.orgId, sql`${listFilter(state, 'sender')} and ${clientScope(actor)}`);
}

/** An admin changes the referral rules; the change is audited with the rules set. */
export async function changeReferralSettings(
  tx: Queryable,
  caller: Caller,
  settings: ReferralSettings,
): Promise<ReferralSettings> {
  await saveReferralSettings(tx, caller.actor.orgId, settings);
  await recordAudit(tx, who(caller), { action: 'referral.settings-changed', detail: settings });
  return settings;
}
