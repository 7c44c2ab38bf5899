import {
  type AlertEvidence,
  alertReasonOf,
  allItems,
  type NextStep,
  nextSteps,
  PuenteError,
  type Questionnaire,
  type QuestionnaireResponse,
  type ResponseItem,
  type ScoreResult,
  type Screening,
  type ScreeningRequest,
  score,
  uuidv7,
} from '@puente/core';
import type { Config } from '../../config.js';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { assessOpenAlert, raiseAlert } from '../alerts/raise.js';
import { alertClock } from '../alerts/service.js';
import { recordAudit, who } from '../audit/record.js';
import { requireVisibleClient } from '../clients/scope.js';
import { applyFollowUps, type FollowUpSettings, followUpSettings } from './follow-ups.js';
import { findQuestionnaire } from './instruments.js';

export interface ScreeningOutcome {
  screening: Screening;
  nextSteps: NextStep[];
  alertId: string | null;
}

/** A screen as the person's page lists it, on aliases `s` (screening) and `a` (author); sync sends the same. */
export const screeningColumns = sql`s.id, s.client_id as "clientId", s.instrument, s.version,
  ${isoColumn('s.authored_at')} as "authoredAt", s.complete, coalesce(s.result -> 'missing', '[]'::jsonb) as missing,
  s.total, s.band, s.positive, coalesce(s.result -> 'flags', '{}'::jsonb) as flags,
  s.positive_domains as "positiveDomains", a.display_name as "authorName"`;
export const screeningFrom = sql`screening s join app_user a on a.id = s.author_id`;

/** Answers to read-only items (totals) are the phone's arithmetic: they are not kept. */
function withoutReadOnly(q: Questionnaire, response: QuestionnaireResponse): QuestionnaireResponse {
  const readOnly = new Set(
    allItems(q.item)
      .filter((i) => i.readOnly)
      .map((i) => i.linkId),
  );
  const keep = (items: ResponseItem[] = []): ResponseItem[] =>
    items
      .filter((i) => !readOnly.has(i.linkId))
      .map((i) => ({
        ...i,
        ...(i.item ? { item: keep(i.item) } : {}),
        ...(i.answer ? { answer: i.answer.map((a) => (a.item ? { ...a, item: keep(a.item) } : a)) } : {}),
      }));
  return { ...response, item: keep(response.item) };
}

/**
 * Stores a screen scored by the server. The phone's own score is never read;
 * a response that does not fit its questionnaire is refused whole. A high-risk
 * result raises the alert in the same transaction, so a stored screen never
 * lacks its alert. The same id sent again returns the stored screen.
 */
export async function recordScreening(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  request: ScreeningRequest,
  config: Config,
): Promise<ScreeningOutcome & { created: boolean }> {
  const { actor } = caller;
  await requireVisibleClient(tx, actor, clientId);
  const [existing] = await tx.query<{ clientId: string; result: ScoreResult }>(
    'select client_id as "clientId", result from screening where org_id = $1 and id = $2',
    [actor.orgId, request.id],
  );
  if (existing) {
    if (existing.clientId !== clientId) throw new PuenteError(409, 'errors.idTaken');
    const alertId = alertReasonOf(existing.result) ? await latestAlert(tx, actor.orgId, clientId) : null;
    const settings = await followUpSettings(tx, actor.orgId);
    return {
      ...(await present(tx, actor.orgId, request.id, existing.result, alertId, settings)),
      created: false,
    };
  }
  const questionnaire = await findQuestionnaire(tx, actor.orgId, request.questionnaire);
  const result = score(questionnaire, request);
  const now = new Date();
  const authoredAt = request.authored ?? now.toISOString();
  await tx.query(
    `insert into screening (id, org_id, client_id, author_id, instrument, version, authored_at, response, result,
        complete, total, band, positive, positive_domains)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      request.id,
      actor.orgId,
      clientId,
      actor.userId,
      questionnaire.url,
      questionnaire.version,
      authoredAt,
      JSON.stringify(withoutReadOnly(questionnaire, request)),
      JSON.stringify(result),
      result.complete,
      result.total ?? null,
      result.band?.code ?? null,
      result.positive ?? null,
      result.positiveDomains ?? [],
    ],
  );
  const reason = alertReasonOf(result);
  const alert = reason
    ? await raiseAlert(
        tx,
        who(caller),
        {
          id: uuidv7(),
          orgId: actor.orgId,
          clientId,
          raisedBy: actor.userId,
          reason,
          evidence: evidenceOf(result),
          screeningId: request.id,
        },
        alertClock(config, now),
      )
    : undefined;
  // A C-SSRS that raises nothing still tells an open alert what it found.
  if (!alert && result.flags.cssrsRisk)
    await assessOpenAlert(tx, who(caller), actor.orgId, clientId, evidenceOf(result), now);
  const settings = await followUpSettings(tx, actor.orgId);
  await applyFollowUps(
    tx,
    actor,
    who(caller),
    { clientId, screeningId: request.id, result, authoredAt },
    settings,
  );
  await recordAudit(tx, who(caller), {
    action: 'screening.recorded',
    subjectType: 'client',
    subjectId: clientId,
    detail: { screening: request.id, instrument: questionnaire.url, version: questionnaire.version },
  });
  return {
    ...(await present(tx, actor.orgId, request.id, result, alert?.alertId ?? null, settings)),
    created: true,
  };
}

/** What a scored screen tells a risk alert. */
const evidenceOf = (result: ScoreResult): AlertEvidence => ({
  cssrsRisk: result.flags.cssrsRisk ?? null,
  phq9Item9: result.flags.phq9Item9 === true,
  chwJudgement: false,
});

async function latestAlert(tx: Queryable, orgId: string, clientId: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string }>(
    'select id from risk_alert where org_id = $1 and client_id = $2 order by raised_at desc limit 1',
    [orgId, clientId],
  );
  return row?.id ?? null;
}

async function present(
  tx: Queryable,
  orgId: string,
  id: string,
  result: ScoreResult,
  alertId: string | null,
  settings: FollowUpSettings,
): Promise<ScreeningOutcome> {
  const [screening] = await tx.query<Screening>(
    sql`select ${screeningColumns} from ${screeningFrom} where s.org_id = ${orgId} and s.id = ${id}`,
  );
  if (!screening) throw new PuenteError(404, 'errors.notFound');
  return { screening, nextSteps: nextSteps(result, settings.intervals), alertId };
}

/** A person's screens, newest first. */
export async function listScreenings(tx: Queryable, caller: Caller, clientId: string): Promise<Screening[]> {
  const { actor } = caller;
  await requireVisibleClient(tx, actor, clientId);
  const rows = await tx.query<Screening>(
    sql`select ${screeningColumns} from ${screeningFrom} where s.org_id = ${actor.orgId} and s.client_id = ${clientId}
         order by s.authored_at desc, s.id desc limit 500`,
  );
  await recordAudit(tx, who(caller), {
    action: 'screening.listed',
    subjectType: 'client',
    subjectId: clientId,
  });
  return rows;
}
