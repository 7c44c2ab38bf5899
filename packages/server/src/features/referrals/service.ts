import {
  type ContactAttemptRequest,
  changeFields,
  checkContactAttempt,
  checkReferralChange,
  closesUnreachable,
  type NewReferralRequest,
  PuenteError,
  partnerCategoryForNeed,
  type Referral,
  type ReferralDetail,
  type ReferralSide,
  type ReferralStatusRequest,
  senderSide,
  uuidv7,
} from '@puente/core';
import type { Database, Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { CLIENT_SCOPE, requireVisibleClient, scopeParams } from '../clients/scope.js';
import { withClient } from '../clients/with-client.js';
import { requireConsent } from '../consents/service.js';
import { closeReferralTasks, noteReferralUpdate } from './follow-up.js';
import {
  listFilter,
  lockReferral,
  type ReferralState,
  referralById,
  referralEvents,
  referralSettings,
  selectReferrals,
} from './queries.js';

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
  db: Database,
  actor: Actor,
  clientId: string,
  r: NewReferralRequest,
  ip: string,
): Promise<Referral> {
  return withClient(db, actor, clientId, ip, 'referral.made', async (tx) => {
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
    const consentId = await requireConsent(tx, actor.orgId, clientId, {
      kind: 'share',
      partnerName,
      partnerCategory: partnerCategoryForNeed(r.need),
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
    await addEvent(tx, actor, id, { kind: 'created', status: 'requested' }, false);
    return {
      result: await referralById(tx, actor.orgId, id),
      detail: { referral: id, need: r.need, consent: consentId },
    };
  });
}

interface EventInput {
  kind: 'created' | 'status' | 'contact-attempt';
  status?: string;
  reason?: string | undefined;
  contactResult?: string;
}

async function addEvent(tx: Queryable, actor: Actor, referralId: string, e: EventInput, byPartner: boolean) {
  await tx.query(
    `insert into referral_event (id, org_id, referral_id, kind, status, reason, contact_result, by_user, by_partner)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      uuidv7(),
      actor.orgId,
      referralId,
      e.kind,
      e.status ?? null,
      e.reason ?? null,
      e.contactResult ?? null,
      actor.userId,
      byPartner,
    ],
  );
}

async function failedAttempts(tx: Queryable, orgId: string, referralId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `select count(*)::int as n from referral_event
      where org_id = $1 and referral_id = $2 and kind = 'contact-attempt' and contact_result <> 'reached'`,
    [orgId, referralId],
  );
  return row?.n ?? 0;
}

/**
 * One move in a referral's lifecycle, by either side, in the caller's
 * transaction: checks the move, records it and its event, and keeps the
 * follow-up tasks in step (a partner's answer tells the CHW; closing ends them).
 */
export async function moveReferral(
  tx: Queryable,
  actor: Actor,
  ref: ReferralState,
  side: ReferralSide,
  r: ReferralStatusRequest,
): Promise<void> {
  const byPartner = actor.role === 'partner';
  // The program's side is held to its attempts rule; a partner saying so is not.
  const attempts =
    !byPartner && closesUnreachable(r)
      ? {
          failed: await failedAttempts(tx, actor.orgId, ref.id),
          required: (await referralSettings(tx, actor.orgId)).attemptsBeforeUnreachable,
        }
      : undefined;
  checkReferralChange(ref.status, side, r, attempts);
  const fields = changeFields(r);
  await tx.query(
    `update referral set status = $3, status_reason = $4, outcome = coalesce($5, outcome),
            result = coalesce($6, result), capacity = coalesce($7, capacity), enrollment = coalesce($8, enrollment),
            updated_at = now(), closed_at = case when $9 then coalesce(closed_at, now()) else null end
      where org_id = $1 and id = $2`,
    [
      actor.orgId,
      ref.id,
      fields.status,
      fields.statusReason,
      fields.outcome,
      fields.result,
      fields.capacity,
      fields.enrollment,
      fields.closed,
    ],
  );
  await addEvent(tx, actor, ref.id, { kind: 'status', status: r.status, reason: r.reason }, byPartner);
  if (fields.closed && !byPartner) await closeReferralTasks(tx, actor.orgId, ref.id);
  else if (byPartner) await noteReferralUpdate(tx, actor.orgId, ref.id, r.status);
}

/**
 * Finds a referral of a person the caller may see, locked; otherwise "not found".
 * A phone's change names the person too (`clientId`): a referral of someone else is not found either.
 */
async function visibleReferral(
  tx: Queryable,
  actor: Actor,
  referralId: string,
  clientId?: string,
): Promise<ReferralState> {
  const ref = await lockReferral(tx, actor.orgId, referralId);
  if (!ref || (clientId !== undefined && ref.clientId !== clientId)) {
    throw new PuenteError(404, 'errors.referralNotFound');
  }
  await requireVisibleClient(tx, actor, ref.clientId).catch(() => {
    throw new PuenteError(404, 'errors.referralNotFound');
  });
  return ref;
}

/**
 * The CHW moves a referral: cancel or mark in error, or record a partner's answers when it has no account.
 * Online from the referral's page, or pushed later from the phone (which names the person, `clientId`).
 */
export function changeReferral(
  db: Database,
  actor: Actor,
  referralId: string,
  r: ReferralStatusRequest,
  ip: string,
  clientId?: string,
): Promise<Referral> {
  return db.transaction(async (tx) => {
    const ref = await visibleReferral(tx, actor, referralId, clientId);
    await moveReferral(tx, actor, ref, senderSide(ref.partnerHasAccounts), r);
    await recordAudit(tx, who(actor, ip), {
      action: 'referral.changed',
      subjectType: 'client',
      subjectId: ref.clientId,
      detail: { referral: referralId, status: r.status },
    });
    return referralById(tx, actor.orgId, referralId);
  });
}

/**
 * Logs one attempt to reach the person about an open referral; it counts toward closing as unreachable.
 * Online, or pushed later from the phone (which names the person, `clientId`).
 */
export function logContactAttempt(
  db: Database,
  actor: Actor,
  referralId: string,
  r: ContactAttemptRequest,
  ip: string,
  clientId?: string,
): Promise<Referral> {
  return db.transaction(async (tx) => {
    const ref = await visibleReferral(tx, actor, referralId, clientId);
    checkContactAttempt(ref.status);
    await addEvent(
      tx,
      actor,
      ref.id,
      { kind: 'contact-attempt', contactResult: r.result, reason: r.note },
      false,
    );
    await tx.query('update referral set updated_at = now() where org_id = $1 and id = $2', [
      actor.orgId,
      ref.id,
    ]);
    await recordAudit(tx, who(actor, ip), {
      action: 'referral.contact-attempt',
      subjectType: 'client',
      subjectId: ref.clientId,
      detail: { referral: referralId, result: r.result },
    });
    return referralById(tx, actor.orgId, referralId);
  });
}

export function clientReferrals(
  db: Database,
  actor: Actor,
  clientId: string,
  ip: string,
): Promise<Referral[]> {
  return withClient(db, actor, clientId, ip, 'referral.listed', async (tx) => ({
    result: await selectReferrals(tx, actor.orgId, 'r.client_id = $2', [clientId]),
  }));
}

/** One referral with its history; reading it is audited like opening the person's record. */
export function referralDetail(
  db: Database,
  actor: Actor,
  referralId: string,
  ip: string,
): Promise<ReferralDetail> {
  return db.transaction(async (tx) => {
    const ref = await visibleReferral(tx, actor, referralId);
    const detail = {
      ...(await referralById(tx, actor.orgId, referralId)),
      events: await referralEvents(tx, actor.orgId, referralId),
    };
    await recordAudit(tx, who(actor, ip), {
      action: 'referral.viewed',
      subjectType: 'client',
      subjectId: ref.clientId,
      detail: { referral: referralId },
    });
    return detail;
  });
}

/** The caller's referrals across their caseload: open ones first need them. */
export function myReferrals(
  db: Database,
  actor: Actor,
  state: 'open' | 'closed' | 'all',
): Promise<Referral[]> {
  // CLIENT_SCOPE reads $1 org, $2 user, $3 role.
  return selectReferrals(
    db,
    actor.orgId,
    `${listFilter(state, 'sender')} and ${CLIENT_SCOPE}`,
    scopeParams(actor).slice(1),
  );
}
