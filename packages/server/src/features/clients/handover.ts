import { decide, PuenteError, type Relation, uuidv7 } from '@puente/core';
import { clientScope, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { consentsOverruled, withdrawConsent } from '../consents/withdrawal.js';
import { assignableChw } from './scope.js';

/**
 * How the caller stands to a person they would move or merge: holds them (their
 * own caseload or a team they lead), only broke the glass for them, or neither
 * (an admin, who holds no one). Anyone else gets "not found", as for no such id.
 */
async function standing(db: Queryable, actor: Actor, clientId: string): Promise<Relation> {
  const [row] = await db.query<{ held: boolean; visible: boolean }>(
    sql`select ${clientScope(actor, { breakGlass: false })} as held, ${clientScope(actor)} as visible
          from client c where c.org_id = ${actor.orgId} and c.id = ${clientId} and c.merged_into is null`,
  );
  if (row?.held) return 'team';
  if (row?.visible) return 'break-glass';
  if (row && actor.role === 'admin') return 'none';
  throw new PuenteError(404, 'errors.clientNotFound');
}

/** Asks decide() whether the caller may move a person they stand to so; refuses in plain words. */
function requireMove(actor: Actor, relation: Relation, transfer: 'within-team' | 'across-teams'): void {
  if (actor.role === 'partner') throw new PuenteError(403, 'errors.forbidden');
  const verdict = decide(
    { type: 'user', role: actor.role },
    'transfer',
    { kind: 'identity', transfer },
    { now: new Date(), relation, consents: [] },
  );
  if (verdict.allowed) return;
  if (verdict.reason === 'outside-team') throw new PuenteError(403, 'errors.handoverNotHeld');
  if (verdict.reason === 'across-teams') throw new PuenteError(403, 'errors.handoverAcrossTeams');
  throw new PuenteError(403, 'errors.forbidden');
}

/**
 * Moves a client to another CHW (and optional backup). The old assignment is
 * closed, not overwritten, and open tasks follow the person to the new CHW.
 * A supervisor moves only people their teams hold, and only to CHWs of their
 * own teams; moving across teams is an admin's (decide(): 'transfer').
 */
export async function transferClient(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  request: { chwId: string; backupChwId?: string | null | undefined; reason: string },
): Promise<void> {
  const { actor } = caller;
  const relation = await standing(tx, actor, clientId);
  const to = [await assignableChw(tx, actor, request.chwId)];
  if (request.backupChwId) to.push(await assignableChw(tx, actor, request.backupChwId));
  requireMove(actor, relation, to.every((u) => u.withinTeams) ? 'within-team' : 'across-teams');
  const [before] = await tx.query<{ chw: string | null }>(
    'select assigned_chw_id as chw from client where org_id = $1 and id = $2',
    [actor.orgId, clientId],
  );
  await tx.query(
    `update client_assignment set ended_at = now() where org_id = $1 and client_id = $2 and ended_at is null`,
    [actor.orgId, clientId],
  );
  await tx.query(
    `insert into client_assignment (id, org_id, client_id, chw_id, backup_chw_id, reason, assigned_by)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      uuidv7(),
      actor.orgId,
      clientId,
      request.chwId,
      request.backupChwId ?? null,
      request.reason,
      actor.userId,
    ],
  );
  await tx.query(
    `update client set assigned_chw_id = $3, backup_chw_id = $4, updated_at = now() where org_id = $1 and id = $2`,
    [actor.orgId, clientId, request.chwId, request.backupChwId ?? null],
  );
  await tx.query(
    `update task set assignee_id = $3 where org_id = $1 and client_id = $2 and status = 'open' and assignee_id = $4`,
    [actor.orgId, clientId, request.chwId, before?.chw ?? null],
  );
  await recordAudit(tx, who(caller), {
    action: 'client.transferred',
    subjectType: 'client',
    subjectId: clientId,
    detail: { from: before?.chw ?? null, to: request.chwId },
  });
}

const childTables = [
  'consent',
  'encounter',
  'goal',
  'appointment',
  'task',
  'break_glass',
  'supervision_note',
  'screening',
  'risk_alert',
  'safety_plan_share',
  'referral',
  // Referrals clinics sent: the clinic still reads its Task, now about the record kept.
  'inbound_referral',
  'resource_link',
  'education_share',
  'outreach_sign_up',
];
const fillable = [
  'family_name',
  'preferred_name',
  'birth_date',
  'age_range',
  'gender',
  'neighborhood',
  'address',
  'insurance_status',
  'notes',
];

/**
 * Merges a duplicate into the record kept: the duplicate's history (visits,
 * consents, goals, appointments, tasks, screenings, referrals, households and
 * the links shared with the person) moves over, empty fields are filled
 * from it, and the duplicate stays in the database marked as merged.
 */
export async function mergeClients(
  tx: Queryable,
  caller: Caller,
  keptId: string,
  duplicateId: string,
): Promise<void> {
  const { actor } = caller;
  if (keptId === duplicateId) throw new PuenteError(400, 'errors.mergeSameClient');
  // Both records must be held: a merge moves one person's history onto another.
  requireMove(actor, await standing(tx, actor, keptId), 'within-team');
  requireMove(actor, await standing(tx, actor, duplicateId), 'within-team');
  const goals = await tx.query<{ id: string }>('select id from goal where org_id = $1 and client_id = $2', [
    actor.orgId,
    duplicateId,
  ]);
  const overruled = await consentsOverruled(tx, actor.orgId, keptId, duplicateId);
  for (const table of childTables) {
    await tx.query(`update ${table} set client_id = $3 where org_id = $1 and client_id = $2`, [
      actor.orgId,
      duplicateId,
      keptId,
    ]);
  }
  for (const consent of overruled) {
    const detail = await withdrawConsent(
      tx,
      actor,
      keptId,
      { id: consent.id, kind: consent.kind },
      null,
      new Date(consent.at),
    );
    await recordAudit(tx, who(caller), {
      action: 'consent.revoked',
      subjectType: 'client',
      subjectId: keptId,
      detail: { ...detail, merged: duplicateId },
    });
  }
  // The duplicate's households follow the person, as its history does. The record kept stays in its
  // own household if it has one: the duplicate's then ends there (a person lives in one at a time).
  await tx.query(
    `update household_member set left_at = now()
      where org_id = $1 and client_id = $2 and left_at is null
        and exists (select 1 from household_member k where k.org_id = $1 and k.client_id = $3 and k.left_at is null)`,
    [actor.orgId, duplicateId, keptId],
  );
  await tx.query('update household_member set client_id = $3 where org_id = $1 and client_id = $2', [
    actor.orgId,
    duplicateId,
    keptId,
  ]);
  // A goal's steps name no person, so moving the goal logs no change of theirs: phones drop them with
  // the duplicate and would never get them again. Touching them logs them under the record kept.
  await tx.query('update goal_step set goal_id = goal_id where org_id = $1 and goal_id = any($2::uuid[])', [
    actor.orgId,
    goals.map((g) => g.id),
  ]);
  // A risk flag follows the person; the kept record keeps one open flag at most (its own, if it has one).
  await tx.query(
    `update risk_flag set client_id = $3 where org_id = $1 and client_id = $2
        and (cleared_at is not null
             or not exists (select 1 from risk_flag k where k.org_id = $1 and k.client_id = $3 and k.cleared_at is null))`,
    [actor.orgId, duplicateId, keptId],
  );
  // Safety-plan versions of the duplicate follow the kept record's own, so no number repeats.
  await tx.query(
    `update safety_plan set client_id = $3,
            version = version + (select coalesce(max(version), 0) from safety_plan where org_id = $1 and client_id = $3)
      where org_id = $1 and client_id = $2`,
    [actor.orgId, duplicateId, keptId],
  );
  // The phone and what the person said about it travel together: a phone taken from the duplicate
  // brings its own "ok to text", "ok to leave a message" and "safe to contact" (a kept record's "not
  // safe" still holds); a kept phone keeps the kept answers. Never an OR: "yes" must not outvote "no".
  const fromDuplicate = 'k.phone is null and d.phone is not null';
  await tx.query(
    `update client k set ${fillable.map((col) => `${col} = coalesce(k.${col}, d.${col})`).join(', ')},
            phone = coalesce(k.phone, d.phone),
            ok_to_text = case when ${fromDuplicate} then d.ok_to_text else k.ok_to_text end,
            ok_to_leave_message = case when ${fromDuplicate} then d.ok_to_leave_message else k.ok_to_leave_message end,
            safe_to_contact = case when ${fromDuplicate} then d.safe_to_contact and k.safe_to_contact
                                   else k.safe_to_contact end,
            last_contact_at = greatest(k.last_contact_at, d.last_contact_at), updated_at = now()
       from client d where k.org_id = $1 and k.id = $2 and d.org_id = $1 and d.id = $3`,
    [actor.orgId, keptId, duplicateId],
  );
  await tx.query('update client set merged_into = $3, updated_at = now() where org_id = $1 and id = $2', [
    actor.orgId,
    duplicateId,
    keptId,
  ]);
  await tx.query(
    'insert into client_merge (id, org_id, kept_id, merged_id, merged_by) values ($1, $2, $3, $4, $5)',
    [uuidv7(), actor.orgId, keptId, duplicateId, actor.userId],
  );
  await recordAudit(tx, who(caller), {
    action: 'client.merged',
    subjectType: 'client',
    subjectId: keptId,
    detail: { merged: duplicateId },
  });
}
