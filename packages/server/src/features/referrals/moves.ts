import {
  type ContactAttemptRequest,
  changeFields,
  checkContactAttempt,
  checkReferralChange,
  closesUnreachable,
  type Referral,
  type ReferralSide,
  type ReferralStatusRequest,
  senderSide,
} from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { closeReferralTasks, noteReferralUpdate } from './follow-up.js';
import {
  addReferralEvent,
  type ReferralState,
  referralById,
  referralSettings,
  visibleReferral,
} from './queries.js';

// Following a referral up: the moves of its lifecycle and the tries to reach the person;
// making a referral and reading them are in service.ts.

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
  await addReferralEvent(
    tx,
    actor,
    ref.id,
    { kind: 'status', status: r.status, reason: r.reason },
    byPartner,
  );
  if (fields.closed && !byPartner) await closeReferralTasks(tx, actor.orgId, ref.id);
  else if (byPartner) await noteReferralUpdate(tx, actor.orgId, ref.id, r.status);
}

/**
 * The CHW moves a referral: cancel or mark in error, or record a partner's answers when it has no account.
 * Online from the referral's page, or pushed later from the phone (which names the person, `clientId`).
 */
export async function changeReferral(
  tx: Queryable,
  caller: Caller,
  referralId: string,
  r: ReferralStatusRequest,
  clientId?: string,
): Promise<Referral> {
  const { actor } = caller;
  const ref = await visibleReferral(tx, actor, referralId, clientId);
  await moveReferral(tx, actor, ref, senderSide(ref.partnerHasAccounts), r);
  await recordAudit(tx, who(caller), {
    action: 'referral.changed',
    subjectType: 'client',
    subjectId: ref.clientId,
    detail: { referral: referralId, status: r.status },
  });
  return referralById(tx, actor.orgId, referralId);
}

/**
 * Logs one attempt to reach the person about an open referral; it counts toward closing as unreachable.
 * Online, or pushed later from the phone (which names the person, `clientId`).
 */
export async function logContactAttempt(
  tx: Queryable,
  caller: Caller,
  referralId: string,
  r: ContactAttemptRequest,
  clientId?: string,
): Promise<Referral> {
  const { actor } = caller;
  const ref = await visibleReferral(tx, actor, referralId, clientId);
  checkContactAttempt(ref.status);
  await addReferralEvent(
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
  await recordAudit(tx, who(caller), {
    action: 'referral.contact-attempt',
    subjectType: 'client',
    subjectId: ref.clientId,
    detail: { referral: referralId, result: r.result },
  });
  return referralById(tx, actor.orgId, referralId);
}
