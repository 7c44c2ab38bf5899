import {
  nextStatuses,
  type PartnerReferral,
  PuenteError,
  type ReferralStatus,
  type ReferralStatusRequest,
} from '@puente/core';
import { displayName, identifier, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { moveReferral } from './moves.js';
import { listFilter, lockReferral, sharedColumns } from './queries.js';

/** A partner user linked to no service yet sees nothing, and is told so. */
async function requireLinked(db: Queryable, actor: Actor): Promise<void> {
  const [row] = await db.query<{ linked: boolean }>(
    'select exists (select 1 from partner_service where org_id = $1 and user_id = $2) as linked',
    [actor.orgId, actor.userId],
  );
  if (!row?.linked) throw new PuenteError(403, 'errors.partnerNotLinked');
}

const stands = (alias: string) => {
  const revokedAt = identifier(`${alias}.revoked_at`);
  return sql`(${revokedAt} is null or ${revokedAt} > now())`;
};

/**
 * decide() for actor type 'partner' (core/policy/decide.ts), as SQL on `r` (the
 * referral) and `k` (the consent to share it relied on), for the partner user
 * `actor`. The referral is addressed to a service the partner is
 * linked to, was not made in error, its consent to share still stands, and the
 * person still consents to be served. A referral failing any of these is, for
 * the partner, one that does not exist: not listed, not read, not moved.
 */
const partnerMaySee = (actor: Actor) => sql`r.org_id = ${actor.orgId} and r.status <> 'entered-in-error'
  and exists (select 1 from partner_service ps
               where ps.org_id = r.org_id and ps.user_id = ${actor.userId} and ps.service_id = r.service_id)
  and k.kind = 'share' and ${stands('k')}
  and exists (select 1 from consent s
               where s.org_id = r.org_id and s.client_id = r.client_id and s.kind = 'service' and ${stands('s')})`;

// The fields decide() allows a partner: identity (name, language; the age range
// when the CHW shared it), the referral, and a phone only when the consent
// covers contact, the CHW passed it on, and contacting the person is allowed
// and safe. Nothing clinical: no screening, goal or visit travels with it.
const partnerColumns = sql`${sharedColumns},
  json_build_object(
    'name', ${displayName},
    'language', c.preferred_language,
    'phone', case when 'contact' = any(k.data_kinds) and 'phone' = any(r.shares) and not r.do_not_contact
                   and c.safe_to_contact then c.phone end,
    'ageRange', case when 'age-range' = any(r.shares) then c.age_range end) as person,
  u.display_name as "referredByName", o.name as "programName"`;
const partnerFrom = sql`referral r join client c on c.id = r.client_id join app_user u on u.id = r.requested_by
  join organization o on o.id = r.org_id join consent k on k.org_id = r.org_id and k.id = r.consent_id`;

type PartnerRow = Omit<PartnerReferral, 'nextStatuses'>;
const present = (row: PartnerRow): PartnerReferral => ({
  ...row,
  nextStatuses: nextStatuses(row.status as ReferralStatus, 'receiver'),
});

/**
 * The partner's inbox: referrals addressed to the services they answer for,
 * urgent first, newest first. Reading it is audited, because it names people.
 */
export async function partnerInbox(
  tx: Queryable,
  caller: Caller,
  state: 'open' | 'closed' | 'all',
): Promise<PartnerReferral[]> {
  const { actor } = caller;
  await requireLinked(tx, actor);
  const rows = await tx.query<PartnerRow>(
    sql`select ${partnerColumns} from ${partnerFrom}
         where ${partnerMaySee(actor)} and ${listFilter(state, 'partner')}
         order by (r.urgency = 'urgent') desc, r.created_at desc limit 200`,
  );
  await recordAudit(tx, who(caller), {
    action: 'referral.inbox-viewed',
    detail: { referrals: rows.map((r) => r.id) },
  });
  return rows.map(present);
}

async function addressedReferral(tx: Queryable, actor: Actor, id: string) {
  const [row] = await tx.query<PartnerRow & { clientId: string }>(
    sql`select ${partnerColumns}, r.client_id as "clientId" from ${partnerFrom}
         where ${partnerMaySee(actor)} and r.id = ${id}`,
  );
  // Someone else's referral, one whose consent was withdrawn and one that does not exist get the same answer.
  if (!row) throw new PuenteError(404, 'errors.referralNotFound');
  return row;
}

export async function partnerReferral(tx: Queryable, caller: Caller, id: string): Promise<PartnerReferral> {
  const { actor } = caller;
  await requireLinked(tx, actor);
  const { clientId, ...row } = await addressedReferral(tx, actor, id);
  await recordAudit(tx, who(caller), {
    action: 'referral.viewed',
    subjectType: 'client',
    subjectId: clientId,
    detail: { referral: id },
  });
  return present(row);
}

/** The partner answers: accept or decline (with a reason), start, hold, complete with what resulted, or fail. */
export async function answerReferral(
  tx: Queryable,
  caller: Caller,
  id: string,
  r: ReferralStatusRequest,
): Promise<PartnerReferral> {
  const { actor } = caller;
  await requireLinked(tx, actor);
  // Locked first, then checked: a withdrawal that cancels it waits for this answer, or this answer finds it gone.
  const ref = await lockReferral(tx, actor.orgId, id);
  if (!ref) throw new PuenteError(404, 'errors.referralNotFound');
  await addressedReferral(tx, actor, id);
  await moveReferral(tx, actor, ref, 'receiver', r);
  await recordAudit(tx, who(caller), {
    action: 'referral.answered',
    subjectType: 'client',
    subjectId: ref.clientId,
    detail: { referral: id, status: r.status },
  });
  const { clientId: _, ...row } = await addressedReferral(tx, actor, id);
  return present(row);
}
