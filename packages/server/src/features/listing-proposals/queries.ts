import { type ListingProposal, type ProposalChange, sheetFields } from '@puente/core';
import { isoColumn, partnerListings, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';

interface ProposalRow extends Omit<ListingProposal, 'changes'> {
  before: Record<string, string>;
  after: Record<string, string>;
}

const columns = sql`p.id, p.service_id as "serviceId", coalesce(s.data->>'name', p.service_id) as "serviceName",
  u.display_name as "proposedByName", ${isoColumn('p.proposed_at')} as "proposedAt", p.status,
  p.before, p.after, ${isoColumn('p.decided_at')} as "decidedAt", p.reason`;
const from = sql`listing_proposal p join app_user u on u.id = p.proposed_by
  left join hsds_service s on s.org_id = p.org_id and s.id = p.service_id`;

/** The changed fields in the form's order, each with what it said and what is proposed. */
function withChanges({ before, after, ...row }: ProposalRow): ListingProposal {
  const changes: ProposalChange[] = sheetFields
    .filter((f) => f in after)
    .map((field) => ({ field, before: before[field] ?? '', after: after[field] ?? '' }));
  return { ...row, changes };
}

async function proposals(db: Queryable, where: Sql, order: Sql): Promise<ListingProposal[]> {
  const rows = await db.query<ProposalRow>(
    sql`select ${columns} from ${from} where ${where} ${order} limit 500`,
  );
  return rows.map(withChanges);
}

/** The admin's queue: pending ones oldest first, or every one newest first. */
export function programProposals(db: Queryable, orgId: string, pendingOnly: boolean) {
  return pendingOnly
    ? proposals(db, sql`p.org_id = ${orgId} and p.status = 'pending'`, sql`order by p.proposed_at, p.id`)
    : proposals(db, sql`p.org_id = ${orgId}`, sql`order by p.proposed_at desc, p.id desc`);
}

/** A partner's own proposals, newest first. */
export function partnerProposals(db: Queryable, actor: Actor) {
  return proposals(
    db,
    sql`p.org_id = ${actor.orgId} and p.proposed_by = ${actor.userId}`,
    sql`order by p.proposed_at desc, p.id desc`,
  );
}

export async function proposalById(db: Queryable, orgId: string, id: string) {
  const [found] = await proposals(db, sql`p.org_id = ${orgId} and p.id = ${id}`, sql``);
  return found;
}

/** The one proposal to decide, locked so two admins deciding at once do not both apply it. */
export async function lockProposal(tx: Queryable, orgId: string, id: string) {
  const [row] = await tx.query<{ serviceId: string; status: string; after: Record<string, string> }>(
    sql`select service_id as "serviceId", status, after from listing_proposal
         where org_id = ${orgId} and id = ${id} for update`,
  );
  return row;
}

export function decideProposal(
  tx: Queryable,
  actor: Actor,
  id: string,
  status: 'approved' | 'declined',
  reason: string | null,
) {
  return tx.query(
    sql`update listing_proposal set status = ${status}, decided_by = ${actor.userId}, decided_at = now(),
               reason = ${reason}
         where org_id = ${actor.orgId} and id = ${id}`,
  );
}

export function insertProposal(
  tx: Queryable,
  actor: Actor,
  row: { id: string; serviceId: string; before: Record<string, string>; after: Record<string, string> },
) {
  return tx.query(
    sql`insert into listing_proposal (id, org_id, service_id, proposed_by, before, after)
        values (${row.id}, ${actor.orgId}, ${row.serviceId}, ${actor.userId},
                ${JSON.stringify(row.before)}::jsonb, ${JSON.stringify(row.after)}::jsonb)`,
  );
}

/** The listings a partner may propose edits to, by name. */
export function partnerServices(db: Queryable, actor: Actor) {
  return db.query<{ id: string; name: string }>(
    sql`select s.id, coalesce(s.data->>'name', s.id) as name from hsds_service s
         where ${partnerListings(actor)} order by s.data->>'name', s.id limit 500`,
  );
}

export async function isPartnerListing(db: Queryable, actor: Actor, serviceId: string): Promise<boolean> {
  const rows = await db.query(
    sql`select 1 from hsds_service s where s.id = ${serviceId} and ${partnerListings(actor)}`,
  );
  return rows.length > 0;
}

/**
 * How many of a partner's proposals still wait for the program, with the partner's own row locked
 * until the transaction ends, so proposals sent at once are counted one after the other.
 */
export async function pendingCount(db: Queryable, actor: Actor): Promise<number> {
  await db.query(
    sql`select 1 from app_user where org_id = ${actor.orgId} and id = ${actor.userId} for no key update`,
  );
  const [row] = await db.query<{ n: number }>(
    sql`select count(*)::int as n from listing_proposal
         where org_id = ${actor.orgId} and proposed_by = ${actor.userId} and status = 'pending'`,
  );
  return row?.n ?? 0;
}
