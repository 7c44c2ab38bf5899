import {
  type Appointment,
  type Goal,
  type NewAppointmentRequest,
  type NewGoalRequest,
  type NewStepRequest,
  PuenteError,
  type UpdateAppointmentRequest,
  type UpdateGoalRequest,
  type UpdateStepRequest,
  uuidv7,
} from '@puente/core';
import type { z } from 'zod';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { appointmentColumns } from '../clients/detail.js';
import { withClient } from '../clients/with-client.js';

type In<T extends z.ZodType> = z.infer<T>;

async function goalById(db: Queryable, orgId: string, clientId: string, goalId: string): Promise<Goal> {
  const [goal] = await db.query<Omit<Goal, 'steps'>>(
    sql`select g.id, g.text, g.need_area as "needArea", g.status, ${isoColumn('g.created_at')} as "createdAt"
          from goal g where g.org_id = ${orgId} and g.client_id = ${clientId} and g.id = ${goalId}`,
  );
  if (!goal) throw new PuenteError(404, 'errors.goalNotFound');
  const steps = await db.query<Goal['steps'][number]>(
    `select s.id, s.text, s.owner, s.due_on::text as "dueOn", s.status from goal_step s
      where s.org_id = $1 and s.goal_id = $2 order by s.due_on nulls last, s.created_at`,
    [orgId, goalId],
  );
  return { ...goal, steps };
}

export function addGoal(tx: Queryable, caller: Caller, clientId: string, r: In<typeof NewGoalRequest>) {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'goal.added', async () => {
    const id = r.id ?? uuidv7();
    await tx.query(
      'insert into goal (id, org_id, client_id, text, need_area, created_by) values ($1, $2, $3, $4, $5, $6)',
      [id, actor.orgId, clientId, r.text, r.needArea, actor.userId],
    );
    return {
      result: await goalById(tx, actor.orgId, clientId, id),
      detail: { goal: id, needArea: r.needArea },
    };
  });
}

export function changeGoal(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  goalId: string,
  r: In<typeof UpdateGoalRequest>,
) {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'goal.changed', async () => {
    await goalById(tx, actor.orgId, clientId, goalId);
    await tx.query(
      `update goal set text = coalesce($4, text), status = coalesce($5, status), updated_at = now()
        where org_id = $1 and client_id = $2 and id = $3`,
      [actor.orgId, clientId, goalId, r.text ?? null, r.status ?? null],
    );
    return {
      result: await goalById(tx, actor.orgId, clientId, goalId),
      detail: { goal: goalId, status: r.status },
    };
  });
}

export function addStep(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  goalId: string,
  r: In<typeof NewStepRequest>,
) {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'goal.step-added', async () => {
    await goalById(tx, actor.orgId, clientId, goalId);
    const id = r.id ?? uuidv7();
    await tx.query(
      'insert into goal_step (id, org_id, goal_id, text, owner, due_on) values ($1, $2, $3, $4, $5, $6)',
      [id, actor.orgId, goalId, r.text, r.owner, r.dueOn ?? null],
    );
    return { result: await goalById(tx, actor.orgId, clientId, goalId), detail: { goal: goalId, step: id } };
  });
}

export function changeStep(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  goalId: string,
  stepId: string,
  r: In<typeof UpdateStepRequest>,
) {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'goal.step-changed', async () => {
    await goalById(tx, actor.orgId, clientId, goalId);
    const updated = await tx.query(
      `update goal_step set text = coalesce($4, text), status = coalesce($5, status),
              due_on = case when $6::boolean then $7::date else due_on end, updated_at = now()
        where org_id = $1 and goal_id = $2 and id = $3 returning id`,
      [actor.orgId, goalId, stepId, r.text ?? null, r.status ?? null, r.dueOn !== undefined, r.dueOn ?? null],
    );
    if (updated.length === 0) throw new PuenteError(404, 'errors.stepNotFound');
    return {
      result: await goalById(tx, actor.orgId, clientId, goalId),
      detail: { goal: goalId, step: stepId },
    };
  });
}

async function appointmentById(
  db: Queryable,
  orgId: string,
  clientId: string,
  id: string,
): Promise<Appointment> {
  const [row] = await db.query<Appointment>(
    sql`select ${appointmentColumns} from appointment p
         where p.org_id = ${orgId} and p.client_id = ${clientId} and p.id = ${id}`,
  );
  if (!row) throw new PuenteError(404, 'errors.appointmentNotFound');
  return row;
}

/** A referral an appointment comes from must be the same person's: another's would carry its flags across. */
async function requireReferralOf(tx: Queryable, orgId: string, clientId: string, referralId: string) {
  const [row] = await tx.query(
    sql`select 1 from referral where org_id = ${orgId} and client_id = ${clientId} and id = ${referralId}`,
  );
  if (!row) throw new PuenteError(422, 'errors.appointmentReferralOther');
}

export function addAppointment(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  r: In<typeof NewAppointmentRequest>,
) {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'appointment.added', async () => {
    const id = r.id ?? uuidv7();
    if (r.referralId) await requireReferralOf(tx, actor.orgId, clientId, r.referralId);
    await tx.query(
      `insert into appointment (id, org_id, client_id, place, purpose, at, barriers, note, created_by, referral_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        actor.orgId,
        clientId,
        r.place,
        r.purpose ?? null,
        r.at,
        r.barriers,
        r.note ?? null,
        actor.userId,
        r.referralId ?? null,
      ],
    );
    return { result: await appointmentById(tx, actor.orgId, clientId, id), detail: { appointment: id } };
  });
}

export function changeAppointment(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  id: string,
  r: In<typeof UpdateAppointmentRequest>,
) {
  const { actor } = caller;
  return withClient(tx, caller, clientId, 'appointment.changed', async () => {
    await appointmentById(tx, actor.orgId, clientId, id);
    await tx.query(
      `update appointment set at = coalesce($4, at), status = coalesce($5, status),
              barriers = coalesce($6, barriers), note = coalesce($7, note), updated_at = now()
        where org_id = $1 and client_id = $2 and id = $3`,
      [actor.orgId, clientId, id, r.at ?? null, r.status ?? null, r.barriers ?? null, r.note ?? null],
    );
    return {
      result: await appointmentById(tx, actor.orgId, clientId, id),
      detail: { appointment: id, status: r.status },
    };
  });
}
