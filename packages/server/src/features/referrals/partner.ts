import {
  nextStatuses,
  type PartnerAccount,
  type PartnerReferral,
  PuenteError,
  type ReferralStatus,
  type ReferralStatusRequest,
} from '@puente/core';
import type { Database, Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { clientDisplayName } from '../clients/queries.js';
import { moveReferral } from './moves.js';
import { listFilter, lockReferral, sharedColumns } from './queries.js';

/** The directory organization a partner user answers for; a partner not yet linked sees nothing. */
async function partnerOrganization(db: Queryable, actor: Actor): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'select hsds_organization_id as id from partner_account where org_id = $1 and user_id = $2',
    [actor.orgId, actor.userId],
  );
  if (!row) throw new PuenteError(403, 'errors.partnerNotLinked');
  return row.id;
}

// The minimum a receiving organization needs: a name to greet, a language to
// speak, and a phone only when the CHW shared it and contact is allowed.
const partnerColumns = `${sharedColumns},
  json_build_object(
    'name', ${clientDisplayName},
    'language', c.preferred_language,
    'phone', case when 'phone' = any(r.shares) and not r.do_not_contact and c.safe_to_contact then c.phone end,
    'ageRange', case when 'age-range' = any(r.shares) then c.age_range end) as person,
  u.display_name as "referredByName", o.name as "programName"`;
const partnerFrom = `referral r join client c on c.id = r.client_id join app_user u on u.id = r.requested_by
  join organization o on o.id = r.org_id`;

type PartnerRow = Omit<PartnerReferral, 'nextStatuses'>;
const present = (row: PartnerRow): PartnerReferral => ({
  ...row,
  nextStatuses: nextStatuses(row.status as ReferralStatus, 'receiver'),
});

/**
 * The partner's inbox: referrals addressed to their organization, newest
 * first. A referral marked as made in error leaves the inbox. Reading it is
 * audited, because it names people.
 */
export function partnerInbox(
  db: Database,
  actor: Actor,
  state: 'open' | 'closed' | 'all',
  ip: string,
): Promise<PartnerReferral[]> {
  return db.transaction(async (tx) => {
    const org = await partnerOrganization(tx, actor);
    const rows = await tx.query<PartnerRow>(
      `select ${partnerColumns} from ${partnerFrom}
        where r.org_id = $1 and r.partner_org_id = $2 and ${listFilter(state, 'partner')}
        order by (r.urgency = 'urgent') desc, r.created_at desc limit 200`,
      [actor.orgId, org],
    );
    await recordAudit(tx, who(actor, ip), {
      action: 'referral.inbox-viewed',
      detail: { referrals: rows.map((r) => r.id) },
    });
    return rows.map(present);
  });
}

async function addressedReferral(tx: Queryable, actor: Actor, org: string, id: string) {
  const [row] = await tx.query<PartnerRow & { clientId: string }>(
    `select ${partnerColumns}, r.client_id as "clientId" from ${partnerFrom}
      where r.org_id = $1 and r.partner_org_id = $2 and r.id = $3 and r.status <> 'entered-in-error'`,
    [actor.orgId, org, id],
  );
  // Someone else's referral and one that does not exist get the same answer.
  if (!row) throw new PuenteError(404, 'errors.referralNotFound');
  return row;
}

export function partnerReferral(
  db: Database,
  actor: Actor,
  id: string,
  ip: string,
): Promise<PartnerReferral> {
  return db.transaction(async (tx) => {
    const { clientId, ...row } = await addressedReferral(tx, actor, await partnerOrganization(tx, actor), id);
    await recordAudit(tx, who(actor, ip), {
      action: 'referral.viewed',
      subjectType: 'client',
      subjectId: clientId,
      detail: { referral: id },
    });
    return present(row);
  });
}

/** The partner answers: accept or decline (with a reason), start, hold, complete with what resulted, or fail. */
export function answerReferral(
  db: Database,
  actor: Actor,
  id: string,
  r: ReferralStatusRequest,
  ip: string,
): Promise<PartnerReferral> {
  return db.transaction(async (tx) => {
    const org = await partnerOrganization(tx, actor);
    const ref = await lockReferral(tx, actor.orgId, id);
    if (!ref || ref.partnerOrgId !== org || ref.status === 'entered-in-error') {
      throw new PuenteError(404, 'errors.referralNotFound');
    }
    await moveReferral(tx, actor, ref, 'receiver', r);
    await recordAudit(tx, who(actor, ip), {
      action: 'referral.answered',
      subjectType: 'client',
      subjectId: ref.clientId,
      detail: { referral: id, status: r.status },
    });
    const { clientId: _, ...row } = await addressedReferral(tx, actor, org, id);
    return present(row);
  });
}

/** Partner users and the organization each answers for. */
export function partnerAccounts(db: Queryable, orgId: string): Promise<PartnerAccount[]> {
  return db.query<PartnerAccount>(
    `select u.id as "userId", u.display_name as "displayName", u.email,
            pa.hsds_organization_id as "organizationId", o.data->>'name' as "organizationName"
       from app_user u
       left join partner_account pa on pa.user_id = u.id and pa.org_id = u.org_id
       left join hsds_organization o on o.org_id = u.org_id and o.id = pa.hsds_organization_id
      where u.org_id = $1 and u.role = 'partner' and u.disabled_at is null
      order by u.display_name`,
    [orgId],
  );
}

/** Links a partner user to the directory organization whose referrals they answer (admin). */
export function linkPartner(
  db: Database,
  actor: Actor,
  userId: string,
  organizationId: string,
  ip: string,
): Promise<PartnerAccount> {
  return db.transaction(async (tx) => {
    const [user] = await tx.query<{ role: string }>(
      'select role from app_user where org_id = $1 and id = $2',
      [actor.orgId, userId],
    );
    if (!user) throw new PuenteError(404, 'errors.userNotFound');
    if (user.role !== 'partner') throw new PuenteError(400, 'errors.partnerRoleRequired');
    const known = await tx.query('select 1 from hsds_organization where org_id = $1 and id = $2', [
      actor.orgId,
      organizationId,
    ]);
    if (known.length === 0) throw new PuenteError(404, 'errors.partnerOrganizationNotFound');
    await tx.query(
      `insert into partner_account (user_id, org_id, hsds_organization_id, linked_by) values ($1, $2, $3, $4)
       on conflict (user_id) do update set hsds_organization_id = excluded.hsds_organization_id,
         linked_by = excluded.linked_by, linked_at = now()`,
      [userId, actor.orgId, organizationId, actor.userId],
    );
    await recordAudit(tx, who(actor, ip), {
      action: 'partner.linked',
      subjectType: 'user',
      subjectId: userId,
      detail: { organization: organizationId },
    });
    const accounts = await partnerAccounts(tx, actor.orgId);
    const account = accounts.find((a) => a.userId === userId);
    if (!account) throw new PuenteError(404, 'errors.userNotFound');
    return account;
  });
}
