import {
  addDays,
  defaultFollowUpIntervals,
  type FollowUpIntervals,
  type Locale,
  localDate,
  nextSteps,
  rescreenCodeOf,
  type ScoreResult,
  type TaskStep,
  taskSteps,
  taskTitle,
  translator,
  uuidv7,
} from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { crisisSettings } from '../alerts/crisis-settings.js';
import { type AuditWho, recordAudit } from '../audit/record.js';
import { flagChangedForSync } from '../risk-flags/queries.js';
import { programSettings } from '../settings/queries.js';

export const RESCREEN_SOURCE = 'rule:rescreen';
export const RISK_SOURCE = 'rule:risk';

/** What a screen's follow-ups need of the program's settings: its intervals and its time zone. */
export interface FollowUpSettings {
  intervals: FollowUpIntervals;
  timeZone: string;
}

/**
 * The program's follow-up settings: risk hours and time zone from its settings, re-screens
 * from its crisis settings. Read once per screen and handed to everything that needs them.
 */
export async function followUpSettings(tx: Queryable, orgId: string): Promise<FollowUpSettings> {
  const program = await programSettings(tx, orgId);
  const crisis = await crisisSettings(tx, orgId);
  return {
    intervals: {
      highRiskHours: program.highRiskFollowUpHours ?? defaultFollowUpIntervals.highRiskHours,
      moderateRiskHours: program.moderateRiskFollowUpHours ?? defaultFollowUpIntervals.moderateRiskHours,
      rescreenDays: crisis.rescreenDays,
      rescreenFromTotal: crisis.rescreenFromTotal,
    },
    timeZone: program.timeZone,
  };
}

interface Saved {
  clientId: string;
  screeningId: string;
  result: ScoreResult;
  authoredAt: string;
}

/**
 * Does what the next-step table says a saved screen needs: a new PHQ-9 or
 * GAD-7 closes the re-screen it answers; each follow-up or re-screen becomes
 * a task for the person's CHW (once per screen, however often it is sent);
 * a high-risk C-SSRS flags the person until a supervisor clears it.
 */
export async function applyFollowUps(
  tx: Queryable,
  actor: Actor,
  by: AuditWho,
  s: Saved,
  settings: FollowUpSettings,
): Promise<void> {
  const rescreenCode = s.result.complete ? rescreenCodeOf(s.result.instrument) : undefined;
  if (rescreenCode)
    await tx.query(
      `update task set status = 'done', outcome = 'done', outcome_at = now(), outcome_by = $4, completed_at = now()
        where org_id = $1 and client_id = $2 and code = $3 and status = 'open'`,
      [actor.orgId, s.clientId, rescreenCode, actor.userId],
    );
  const steps = taskSteps(nextSteps(s.result, settings.intervals));
  if (steps.length > 0) await addTasks(tx, actor, s, steps, settings.timeZone);
  if (s.result.flags.cssrsRisk === 'high') await raiseRiskFlag(tx, actor, by, s);
}

async function addTasks(
  tx: Queryable,
  actor: Actor,
  s: Saved,
  steps: TaskStep[],
  timeZone: string,
): Promise<void> {
  const [to] = await tx.query<{ id: string; locale: Locale }>(
    `select u.id, u.locale from client c join app_user u on u.id = coalesce(c.assigned_chw_id, $3)
      where c.org_id = $1 and c.id = $2`,
    [actor.orgId, s.clientId, actor.userId],
  );
  const assignee = to ?? { id: actor.userId, locale: actor.locale };
  const authored = new Date(s.authoredAt);
  for (const step of steps) {
    const dueAt =
      step.kind === 'followUp' ? new Date(authored.getTime() + step.withinHours * 3_600_000) : null;
    const dueOn =
      step.kind === 'followUp'
        ? localDate(dueAt ?? authored, timeZone)
        : addDays(localDate(authored, timeZone), step.inDays);
    // Stored in the assignee's words; every reader sees the catalog's words for the code in their own.
    const title = taskTitle(translator(assignee.locale), { title: step.code, code: step.code });
    await tx.query(
      `insert into task (id, org_id, client_id, assignee_id, title, code, due_on, due_at, source, created_by, screening_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       on conflict (screening_id, code) where screening_id is not null do nothing`,
      [
        uuidv7(),
        actor.orgId,
        s.clientId,
        assignee.id,
        title,
        step.code,
        dueOn,
        dueAt?.toISOString() ?? null,
        step.kind === 'followUp' ? RISK_SOURCE : RESCREEN_SOURCE,
        actor.userId,
        s.screeningId,
      ],
    );
  }
}

async function raiseRiskFlag(tx: Queryable, actor: Actor, by: AuditWho, s: Saved): Promise<void> {
  const raised = await tx.query<{ id: string }>(
    `insert into risk_flag (id, org_id, client_id, level, screening_id, raised_by)
     values ($1, $2, $3, 'high', $4, $5)
     on conflict (client_id) where cleared_at is null do nothing returning id`,
    [uuidv7(), actor.orgId, s.clientId, s.screeningId, actor.userId],
  );
  if (!raised[0]) return;
  await flagChangedForSync(tx, actor.orgId, s.clientId);
  await recordAudit(tx, by, {
    action: 'risk-flag.raised',
    subjectType: 'client',
    subjectId: s.clientId,
    detail: { flag: raised[0].id, screening: s.screeningId },
  });
}
