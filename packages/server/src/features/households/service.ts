import {
  type HouseholdVisitRequest,
  type JoinHouseholdRequest,
  PuenteError,
  type StartHouseholdRequest,
} from '@puente/core';
import type { z } from 'zod';
import { clientScope, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { withClient } from '../clients/with-client.js';
import { recordEncounter } from '../encounters/service.js';

interface Membership {
  id: string;
  householdId: string;
  relationship: string;
}

/** The household a person lives in now, if any. */
async function currentMembership(
  tx: Queryable,
  orgId: string,
  clientId: string,
): Promise<Membership | undefined> {
  const [row] = await tx.query<Membership>(
    `select id, household_id as "householdId", relationship from household_member
      where org_id = $1 and client_id = $2 and left_at is null`,
    [orgId, clientId],
  );
  return row;
}

/**
 * Refuses a household no member of which the caller may see: a household is
 * known only through its members, so one out of reach is "not found", as one that does not exist.
 */
export async function requireVisibleHousehold(
  tx: Queryable,
  actor: Actor,
  householdId: string,
): Promise<void> {
  const rows = await tx.query(
    sql`select 1 from household_member m join client c on c.id = m.client_id
         where m.org_id = ${actor.orgId} and m.household_id = ${householdId} and m.left_at is null
           and ${clientScope(actor)} limit 1`,
  );
  if (rows.length === 0) throw new PuenteError(404, 'households.notFound');
}

/** A person starts a household as its head, at their own address unless another is given. */
export async function startHousehold(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  request: z.infer<typeof StartHouseholdRequest>,
): Promise<void> {
  const { actor } = caller;
  await withClient(tx, caller, clientId, 'household.started', async () => {
    if (await currentMembership(tx, actor.orgId, clientId))
      throw new PuenteError(409, 'households.alreadyInOne');
    const taken = await tx.query('select 1 from household where id = $1', [request.id]);
    if (taken.length > 0) throw new PuenteError(409, 'errors.idTaken');
    await tx.query(
      `insert into household (id, org_id, address, created_by)
       select $1, $2, coalesce($3, c.address), $4 from client c where c.id = $5`,
      [request.id, actor.orgId, request.address ?? null, actor.userId, clientId],
    );
    await tx.query(
      `insert into household_member (id, org_id, household_id, client_id, relationship, created_by)
       values ($1, $2, $3, $4, 'head', $5)`,
      [request.memberId, actor.orgId, request.id, clientId, actor.userId],
    );
    return { result: undefined, detail: { household: request.id } };
  });
}

/**
 * A person joins a household. One already living in another is refused unless
 * the CHW chose to move them (the refusal says so): nobody is taken out of a home by a slip.
 */
export async function joinHousehold(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  householdId: string,
  request: z.output<typeof JoinHouseholdRequest>,
): Promise<void> {
  const { actor } = caller;
  await withClient(tx, caller, clientId, 'household.joined', async () => {
    await requireVisibleHousehold(tx, actor, householdId);
    const now = await currentMembership(tx, actor.orgId, clientId);
    if (now?.householdId === householdId) throw new PuenteError(409, 'households.alreadyMember');
    if (now && !request.move) {
      throw new PuenteError(409, 'households.inAnother', {}, { members: { canMove: true } });
    }
    if (now) await tx.query('update household_member set left_at = now() where id = $1', [now.id]);
    await tx.query(
      `insert into household_member (id, org_id, household_id, client_id, relationship, created_by)
       values ($1, $2, $3, $4, $5, $6)`,
      [request.memberId, actor.orgId, householdId, clientId, request.relationship, actor.userId],
    );
    const detail = { household: householdId, relationship: request.relationship, moved: Boolean(now) };
    return { result: undefined, detail };
  });
}

/**
 * A person leaves a household. The last one cannot (a household of no one
 * would be a page of nobody), nor the head while others still live there.
 */
export async function leaveHousehold(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  householdId: string,
): Promise<void> {
  const { actor } = caller;
  await withClient(tx, caller, clientId, 'household.left', async () => {
    const now = await currentMembership(tx, actor.orgId, clientId);
    if (now?.householdId !== householdId) throw new PuenteError(404, 'households.notMember');
    // Locks the household's rows, so two members leaving at once cannot both be "not the last".
    const members = await tx.query<{ id: string }>(
      `select id from household_member where household_id = $1 and left_at is null for update`,
      [householdId],
    );
    if (members.length <= 1) throw new PuenteError(409, 'households.lastMember');
    if (now.relationship === 'head') throw new PuenteError(409, 'households.headCannotLeave');
    await tx.query('update household_member set left_at = now() where id = $1', [now.id]);
    return { result: undefined, detail: { household: householdId } };
  });
}

/**
 * One visit to a household: an encounter for each member present, each on
 * that person's history and audited as any visit is, in the caller's one
 * transaction, so a refusal for one member writes nothing for the others.
 */
export async function visitHousehold(
  tx: Queryable,
  caller: Caller,
  householdId: string,
  request: z.output<typeof HouseholdVisitRequest>,
): Promise<number> {
  const { actor } = caller;
  await requireVisibleHousehold(tx, actor, householdId);
  const ids = request.present.map((p) => p.clientId);
  if (new Set(ids).size !== ids.length) throw new PuenteError(400, 'errors.validation');
  const members = await tx.query<{ clientId: string }>(
    `select client_id as "clientId" from household_member
      where org_id = $1 and household_id = $2 and left_at is null and client_id = any($3::uuid[])`,
    [actor.orgId, householdId, ids],
  );
  if (members.length !== new Set(ids).size) throw new PuenteError(400, 'households.presentNotMember');
  for (const p of request.present) {
    await recordEncounter(tx, caller, p.clientId, { ...request.encounter, id: p.encounterId });
  }
  return request.present.length;
}
