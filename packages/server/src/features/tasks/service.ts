import {
  addDays,
  localDate,
  type NewTaskRequest,
  PuenteError,
  type Task,
  type TaskOutcome,
  type TaskStatus,
  type Today,
  type UpdateTaskRequest,
  uuidv7,
} from '@puente/core';
import type { z } from 'zod';
import { bind, clientScope, displayName, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { appointmentColumns, taskColumns } from '../clients/detail.js';
import { requireAssignableChw, requireInScopeOf, requireVisibleClient } from '../clients/scope.js';
import { withClient } from '../clients/with-client.js';
import { programSettings } from '../settings/queries.js';
import { presentTask } from './present.js';

async function taskById(db: Queryable, orgId: string, id: string): Promise<Task> {
  const [row] = await db.query<Task>(
    sql`select ${taskColumns} from task t join client c on c.id = t.client_id where t.org_id = ${orgId} and t.id = ${id}`,
  );
  if (!row) throw new PuenteError(404, 'errors.taskNotFound');
  return row;
}

export function addTask(tx: Queryable, caller: Caller, clientId: string, r: z.infer<typeof NewTaskRequest>) {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'task.added', async () => {
    const assignee = r.assigneeId ?? actor.userId;
    if (assignee !== actor.userId) {
      await requireAssignableChw(tx, actor, assignee);
      // The task would put the person on the assignee's Today: they must work with the person.
      await requireInScopeOf(tx, actor.orgId, assignee, clientId);
    }
    const id = r.id ?? uuidv7();
    await tx.query(
      `insert into task (id, org_id, client_id, assignee_id, title, due_on, created_by, visit_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, actor.orgId, clientId, assignee, r.title, r.dueOn, actor.userId, r.visitAt ?? null],
    );
    return { result: presentTask(await taskById(tx, actor.orgId, id), actor.locale), detail: { task: id } };
  });
}

/**
 * Changes a task whose person is in scope: renames or moves it, sets its
 * status, records how it ended (an outcome), or undoes that outcome.
 */
export async function changeTask(
  tx: Queryable,
  caller: Caller,
  taskId: string,
  r: z.infer<typeof UpdateTaskRequest>,
): Promise<Task> {
  const { actor } = caller;
  const [row] = await tx.query<{ clientId: string; status: TaskStatus; outcome: TaskOutcome | null }>(
    'select client_id as "clientId", status, outcome from task where org_id = $1 and id = $2 for update',
    [actor.orgId, taskId],
  );
  if (!row) throw new PuenteError(404, 'errors.taskNotFound');
  await requireVisibleClient(tx, actor, row.clientId).catch(() => {
    throw new PuenteError(404, 'errors.taskNotFound');
  });
  if (r.undo) await undoOutcome(tx, actor, taskId, row.outcome);
  else if (r.outcome) await recordOutcome(tx, actor, taskId, row.status, r.outcome, r.dueOn, r.title);
  else
    await tx.query(
      `update task set title = coalesce($3, title), due_on = coalesce($4, due_on),
              due_at = case when $4::date is null then due_at end, status = coalesce($5, status),
              visit_at = case when $7::boolean then $8::timestamptz else visit_at end,
              outcome = case when $5 = 'done' then 'done' when $5 is null then outcome end,
              outcome_at = case when $5 = 'done' then now() when $5 is null then outcome_at end,
              outcome_by = case when $5 = 'done' then $6::uuid when $5 is null then outcome_by end,
              completed_at = case when $5 in ('done', 'cancelled') then now() when $5 = 'open' then null else completed_at end
        where org_id = $1 and id = $2`,
      [
        actor.orgId,
        taskId,
        r.title ?? null,
        r.dueOn ?? null,
        r.status ?? null,
        actor.userId,
        r.visitAt !== undefined,
        r.visitAt ?? null,
      ],
    );
  await recordAudit(tx, who(caller), {
    action: r.undo ? 'task.outcome-undone' : r.outcome ? 'task.outcome-recorded' : 'task.changed',
    subjectType: 'client',
    subjectId: row.clientId,
    detail: { task: taskId, status: r.status, outcome: r.undo ? row.outcome : r.outcome },
  });
  return presentTask(await taskById(tx, actor.orgId, taskId), actor.locale);
}

/** Closes an open task with how it went, or moves it to a new date, keeping what undo puts back. */
async function recordOutcome(
  tx: Queryable,
  actor: Actor,
  taskId: string,
  status: TaskStatus,
  outcome: TaskOutcome,
  dueOn: string | undefined,
  title: string | undefined,
): Promise<void> {
  if (status !== 'open') throw new PuenteError(409, 'errors.taskClosed');
  await tx.query(
    `update task set outcome = $3, outcome_at = now(), outcome_by = $4, title = coalesce($6, title),
            previous_due_on = due_on, previous_due_at = due_at,
            due_on = coalesce($5::date, due_on), due_at = case when $3 = 'rescheduled' then null else due_at end,
            status = case when $3 = 'rescheduled' then 'open' else 'done' end,
            completed_at = case when $3 = 'rescheduled' then null else now() end
      where org_id = $1 and id = $2`,
    [
      actor.orgId,
      taskId,
      outcome,
      actor.userId,
      outcome === 'rescheduled' ? (dueOn ?? null) : null,
      title ?? null,
    ],
  );
}

/** Takes back the last outcome: a closed task opens again, a moved one returns to the date it had. */
async function undoOutcome(
  tx: Queryable,
  actor: Actor,
  taskId: string,
  outcome: TaskOutcome | null,
): Promise<void> {
  if (!outcome) throw new PuenteError(409, 'errors.nothingToUndo');
  await tx.query(
    `update task set status = 'open', completed_at = null, outcome = null, outcome_at = null, outcome_by = null,
            due_on = coalesce(previous_due_on, due_on),
            due_at = case when previous_due_on is null then due_at else previous_due_at end,
            previous_due_on = null, previous_due_at = null
      where org_id = $1 and id = $2`,
    [actor.orgId, taskId],
  );
}

/**
 * The CHW's day: overdue, due today, the next week, and appointments to help
 * with. A task shows only while its person is in the caller's scope: a task
 * about someone who left (or was never in) their caseload names no one.
 */
export async function today(tx: Queryable, caller: Caller, now = new Date()): Promise<Today> {
  const { actor } = caller;
  const settings = await programSettings(tx, actor.orgId);
  const date = localDate(now, settings.timeZone);
  const weekAhead = addDays(date, 7);
  const tasks = await tx.query<Task>(
    sql`select ${taskColumns} from task t join client c on c.id = t.client_id
         where t.org_id = ${actor.orgId} and t.assignee_id = ${actor.userId} and t.status = 'open'
           and t.due_on <= ${weekAhead} and ${clientScope(actor)}
         order by t.due_on, c.name_folded limit 500`,
  );
  const me = bind(actor.userId);
  // From the CHW's people to their appointments (an array worked out once, then the appointment
  // index per person): the cost follows her own caseload (0.3 ms at 100 people, 8 ms at 5,000),
  // not the program's bookings. Joining the other way read every appointment of the program's
  // week: 29 ms a Today with 10,000 booked, for a CHW with none of them.
  const appointments = await tx.query<Today['appointments'][number]>(
    sql`select ${appointmentColumns}, c.id as "clientId", ${displayName} as "clientName"
          from appointment p join client c on c.id = p.client_id
         where p.org_id = ${actor.orgId}
           and p.client_id = any(array(select mine.id from client mine
                                        where mine.org_id = ${actor.orgId} and mine.merged_into is null
                                          and (mine.assigned_chw_id = ${me} or mine.backup_chw_id = ${me})))
           and p.status = 'scheduled'
           and p.at >= ${date}::date - interval '1 day' and p.at < ${weekAhead}::date + interval '1 day'
         order by p.at limit 100`,
  );
  await recordAudit(tx, who(caller), { action: 'today.viewed', detail: { tasks: tasks.length } });
  const mine = tasks.map((t) => presentTask(t, actor.locale));
  return {
    date,
    overdue: mine.filter((t) => t.dueOn < date),
    dueToday: mine.filter((t) => t.dueOn === date),
    upcoming: mine.filter((t) => t.dueOn > date),
    appointments,
  };
}
