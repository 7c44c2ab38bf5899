import { addDays, gad7, localDate, phq9, type Questionnaire, type ScoreResult, uuidv7 } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { crisisSettings } from '../alerts/crisis-settings.js';
import { programSettings } from '../settings/queries.js';

export const RESCREEN_SOURCE = 'rule:rescreen';
/** The instruments whose change over time is tracked (and re-screened). */
export const trackedInstruments = new Map([
  [phq9.url, 'phq-9'],
  [gad7.url, 'gad-7'],
]);

/**
 * A new PHQ-9 or GAD-7 is the re-screen that was due: it closes the open
 * re-screen task for that instrument. When the total is at or above the
 * program's threshold, a new one is due after the program's interval.
 */
export async function scheduleRescreen(
  tx: Queryable,
  actor: Actor,
  clientId: string,
  questionnaire: Questionnaire,
  result: ScoreResult,
  authoredAt: string,
): Promise<void> {
  const name = trackedInstruments.get(questionnaire.url);
  if (!name || !result.complete || result.total === undefined) return;
  const title = `rescreen-${name}`;
  await tx.query(
    `update task set status = 'done', completed_at = now()
      where org_id = $1 and client_id = $2 and source = $3 and title = $4 and status = 'open'`,
    [actor.orgId, clientId, RESCREEN_SOURCE, title],
  );
  const settings = await crisisSettings(tx, actor.orgId);
  if (result.total < settings.rescreenFromTotal) return;
  const { timeZone } = await programSettings(tx, actor.orgId);
  const due = addDays(localDate(new Date(authoredAt), timeZone), settings.rescreenDays);
  const [client] = await tx.query<{ chw: string | null }>(
    'select assigned_chw_id as chw from client where org_id = $1 and id = $2',
    [actor.orgId, clientId],
  );
  await tx.query(
    `insert into task (id, org_id, client_id, assignee_id, title, due_on, source, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [uuidv7(), actor.orgId, clientId, client?.chw ?? actor.userId, title, due, RESCREEN_SOURCE, actor.userId],
  );
}
