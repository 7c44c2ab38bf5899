import type { Actor } from '../../http/env.js';
import { bind, type Sql, sql } from './sql.js';

/**
 * Which directory listings a partner user speaks for, as a SQL condition on `hsds_service s`:
 * a service it answers referrals for, and every other service of the same directory
 * organization (its own listing). Anyone else's, and another program's, are outside it.
 * The subquery's aliases (lp, ls) leave the caller's own free.
 * @example sql`select s.id from hsds_service s where ${partnerListings(actor)}`
 */
export function partnerListings(actor: Actor): Sql {
  const org = bind(actor.orgId);
  const user = bind(actor.userId);
  return sql`(s.org_id = ${org} and exists (
  select 1 from partner_service lp
    join hsds_service ls on ls.org_id = lp.org_id and ls.id = lp.service_id
   where lp.org_id = ${org} and lp.user_id = ${user}
     and (ls.id = s.id or ls.organization_id = s.organization_id)))`;
}
