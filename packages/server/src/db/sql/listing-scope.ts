import type { Actor } from '../../http/env.js';
import { bind, type Sql, sql } from './sql.js';

/**
 * Which directory listings a partner user speaks for, as a SQL condition on `hsds_service s`:
 * the services the program linked it to (the ones it answers referrals for). Another service of
 * the same network is not its own (the demo's pantry does not speak for the network's clinic),
 * nor is anything of another program.
 * @example sql`select s.id from hsds_service s where ${partnerListings(actor)}`
 */
export function partnerListings(actor: Actor): Sql {
  const org = bind(actor.orgId);
  return sql`(s.org_id = ${org} and exists (
  select 1 from partner_service lp where lp.org_id = ${org} and lp.user_id = ${actor.userId} and lp.service_id = s.id))`;
}
