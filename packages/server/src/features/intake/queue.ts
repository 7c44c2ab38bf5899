import {
  type AssignIntakeRequest,
  type IntakeAnswerRequest,
  type IntakeItem,
  type IntakeQueue,
  type IntakeStatus,
  intakeMoves,
  PuenteError,
  roleCan,
  uuidv7,
} from '@puente/core';
import { isoColumn, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { requireAssignableChw } from '../clients/scope.js';

// The program's intake queue of referrals from clinics: supervisors see the program's and give
// each to a CHW; the CHW given one accepts it, declines it with a reason, and says how it ended.
// The clinic reads each move back from the Task (fhir/resources.ts).

const itemColumns = sql`i.id, i.client_id as "clientId",
  coalesce(c.preferred_name, c.given_name || coalesce(' ' || c.family_name, '')) as name,
  i.matched, f.name as clinic, i.requester_display as requester, i.need, i.service_text as service,
  i.reason_text as reason, i.priority, i.status, i.status_reason as "statusReason", i.outcome,
  case when u.id is null then null else json_build_object('id', u.id, 'name', u.display_name) end as chw,
  ${isoColumn('i.created_at')} as "receivedAt"`;

const itemsWhere = (where: Sql) =>
  sql`select ${itemColumns}
        from inbound_referral i join client c on c.id = i.client_id
        join fhir_client f on f.id = i.fhir_client_id left join app_user u on u.id = i.assigned_chw_id
       where ${where}`;

/** What each caller sees: a supervisor the program's queue, a CHW the referrals given to them; open ones and a month of closed. */
function reach(actor: Actor): Sql {
  const recent = sql`(i.status in ('received', 'accepted', 'in-progress') or i.updated_at > now() - interval '30 days')`;
  return roleCan(actor.role, 'intake.assign')
    ? sql`i.org_id = ${actor.orgId} and ${recent}`
    : sql`i.org_id = ${actor.orgId} and i.assigned_chw_id = ${actor.userId} and ${recent}`;
}

export async function intakeQueue(tx: Queryable, caller: Caller): Promise<IntakeQueue> {
  const { actor } = caller;
  const items = await tx.query<IntakeItem>(
    sql`${itemsWhere(reach(actor))} order by (i.status = 'received') desc, i.priority <> 'routine' desc, i.created_at, i.id limit 200`,
  );
  // The CHWs of the supervisor's teams, and the supervisor, as `requireAssignableChw` takes them.
  const chws = roleCan(actor.role, 'intake.assign')
    ? await tx.query<{ id: string; name: string }>(
        sql`select u.id, u.display_name as name from app_user u
             where u.org_id = ${actor.orgId} and u.disabled_at is null and u.role in ('chw', 'supervisor')
               and (u.id = ${actor.userId} or u.id in (select tm.user_id from team_member tm join team t on t.id = tm.team_id
                                                         where t.org_id = ${actor.orgId} and t.supervisor_id = ${actor.userId}))
             order by u.display_name, u.id`,
      )
    : [];
  await recordAudit(tx, who(caller), {
    action: 'intake.listed',
    subjectType: 'inbound_referral',
    detail: { count: items.length },
  });
  return { items, chws };
}

async function itemFor(tx: Queryable, actor: Actor, id: string): Promise<IntakeItem> {
  const [item] = await tx.query<IntakeItem>(
    sql`${itemsWhere(sql`${reach(actor)} and i.id = ${id}`)} for update of i`,
  );
  if (!item) throw new PuenteError(404, 'errors.referralNotFound');
  return item;
}

/**
 * Gives a referral to a CHW of the supervisor's teams (again, while it is open). A person
 * registered from the referral, held by no one yet, joins that CHW's caseload.
 */
export async function assignIntake(
  tx: Queryable,
  caller: Caller,
  id: string,
  request: AssignIntakeRequest,
): Promise<IntakeItem> {
  const { actor } = caller;
  const item = await itemFor(tx, actor, id);
  if (!['received', 'accepted'].includes(item.status))
    throw new PuenteError(409, 'errors.referralStatusNotAllowed');
  await requireAssignableChw(tx, actor, request.chwId);
  // Given to someone else, it waits for their answer again.
  await tx.query(
    sql`update inbound_referral set assigned_chw_id = ${request.chwId}, assigned_by = ${actor.userId},
          status = case when assigned_chw_id = ${request.chwId} then status else 'received' end, updated_at = now()
         where id = ${id}`,
  );
  const held = await tx.query(
    sql`update client set assigned_chw_id = ${request.chwId}, updated_at = now()
         where id = ${item.clientId} and org_id = ${actor.orgId} and assigned_chw_id is null returning id`,
  );
  if (held.length > 0)
    await tx.query(
      sql`insert into client_assignment (id, org_id, client_id, chw_id, reason, assigned_by)
          values (${uuidv7()}, ${actor.orgId}, ${item.clientId}, ${request.chwId}, 'referral', ${actor.userId})`,
    );
  await recordAudit(tx, who(caller), {
    action: 'intake.assigned',
    subjectType: 'inbound_referral',
    subjectId: id,
    detail: { chwId: request.chwId, clientId: item.clientId, joinedCaseload: held.length > 0 },
  });
  return itemFor(tx, actor, id);
}

/** The CHW's move: only the CHW it was given to, and only the way Gravity's Task moves. */
export async function answerIntake(
  tx: Queryable,
  caller: Caller,
  id: string,
  answer: IntakeAnswerRequest,
): Promise<IntakeItem> {
  const { actor } = caller;
  const item = await itemFor(tx, actor, id);
  if (item.chw?.id !== actor.userId) throw new PuenteError(404, 'errors.referralNotFound');
  const from: IntakeStatus = item.status;
  if (!intakeMoves[from].includes(answer.status))
    throw new PuenteError(409, 'errors.referralStatusNotAllowed');
  await tx.query(
    sql`update inbound_referral
           set status = ${answer.status},
               status_reason = ${answer.status === 'rejected' ? answer.reason : null},
               outcome = ${answer.status === 'completed' ? answer.outcome : null},
               outcome_note = ${answer.status === 'completed' ? (answer.note ?? null) : null},
               updated_at = now()
         where id = ${id}`,
  );
  await recordAudit(tx, who(caller), {
    action: 'intake.answered',
    subjectType: 'inbound_referral',
    subjectId: id,
    detail: { from, to: answer.status, clientId: item.clientId },
  });
  return itemFor(tx, actor, id);
}
