import { type PartnerAccount, PuenteError } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';

/** Partner users and the directory services each answers referrals for (a service since removed from the directory keeps its id as its name). */
export function partnerAccounts(db: Queryable, orgId: string): Promise<PartnerAccount[]> {
  return db.query<PartnerAccount>(
    `select u.id as "userId", u.display_name as "displayName", u.email,
            coalesce((select json_agg(json_build_object(
                'id', ps.service_id, 'name', coalesce(s.data->>'name', ps.service_id),
                'organizationId', s.organization_id, 'organizationName', o.data->>'name')
                order by o.data->>'name', s.data->>'name', ps.service_id)
              from partner_service ps
              left join hsds_service s on s.org_id = ps.org_id and s.id = ps.service_id
              left join hsds_organization o on o.org_id = s.org_id and o.id = s.organization_id
             where ps.org_id = u.org_id and ps.user_id = u.id), '[]'::json) as services
       from app_user u
      where u.org_id = $1 and u.role = 'partner' and u.disabled_at is null
      order by u.display_name`,
    [orgId],
  );
}

async function requirePartnerUser(tx: Queryable, actor: Actor, userId: string): Promise<void> {
  const [user] = await tx.query<{ role: string }>('select role from app_user where org_id = $1 and id = $2', [
    actor.orgId,
    userId,
  ]);
  if (!user) throw new PuenteError(404, 'errors.userNotFound');
  if (user.role !== 'partner') throw new PuenteError(400, 'errors.partnerRoleRequired');
}

async function accountOf(tx: Queryable, orgId: string, userId: string): Promise<PartnerAccount> {
  const account = (await partnerAccounts(tx, orgId)).find((a) => a.userId === userId);
  if (!account) throw new PuenteError(404, 'errors.userNotFound');
  return account;
}

/**
 * Sets the services a partner user answers for (admin): exactly these, each a
 * service of this program's directory. Links kept keep who made them and when.
 */
export async function linkPartnerServices(
  tx: Queryable,
  caller: Caller,
  userId: string,
  serviceIds: readonly string[],
): Promise<PartnerAccount> {
  const { actor } = caller;
  await requirePartnerUser(tx, actor, userId);
  const ids = [...new Set(serviceIds)];
  const known = await tx.query<{ id: string }>(
    'select id from hsds_service where org_id = $1 and id = any($2::text[])',
    [actor.orgId, ids],
  );
  if (known.length !== ids.length) throw new PuenteError(400, 'errors.partnerServiceNotFound');
  const removed = await tx.query<{ id: string }>(
    `delete from partner_service where org_id = $1 and user_id = $2 and not (service_id = any($3::text[]))
     returning service_id as id`,
    [actor.orgId, userId, ids],
  );
  const added = await tx.query<{ id: string }>(
    `insert into partner_service (user_id, org_id, service_id, linked_by)
     select $2::uuid, $1::uuid, id, $4::uuid from unnest($3::text[]) as id
     on conflict (user_id, service_id) do nothing returning service_id as id`,
    [actor.orgId, userId, ids, actor.userId],
  );
  await recordAudit(tx, who(caller), {
    action: 'partner.services-linked',
    subjectType: 'user',
    subjectId: userId,
    detail: { added: added.map((s) => s.id), removed: removed.map((s) => s.id) },
  });
  return accountOf(tx, actor.orgId, userId);
}

/** The shortcut (admin): links the partner user to every service of one directory organization, besides its other links. */
export async function linkPartnerOrganization(
  tx: Queryable,
  caller: Caller,
  userId: string,
  organizationId: string,
): Promise<PartnerAccount> {
  const { actor } = caller;
  await requirePartnerUser(tx, actor, userId);
  const known = await tx.query('select 1 from hsds_organization where org_id = $1 and id = $2', [
    actor.orgId,
    organizationId,
  ]);
  if (known.length === 0) throw new PuenteError(404, 'errors.partnerOrganizationNotFound');
  const added = await tx.query<{ id: string }>(
    `insert into partner_service (user_id, org_id, service_id, linked_by)
     select $2::uuid, $1::uuid, s.id, $4::uuid from hsds_service s where s.org_id = $1 and s.organization_id = $3
     on conflict (user_id, service_id) do nothing returning service_id as id`,
    [actor.orgId, userId, organizationId, actor.userId],
  );
  await recordAudit(tx, who(caller), {
    action: 'partner.linked',
    subjectType: 'user',
    subjectId: userId,
    detail: { organization: organizationId, added: added.map((s) => s.id) },
  });
  return accountOf(tx, actor.orgId, userId);
}
