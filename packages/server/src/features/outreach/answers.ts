import { randomBytes } from 'node:crypto';
import {
  type CheckChange,
  type CheckPhase,
  checkChange,
  maxSumScore,
  PuenteError,
  type Questionnaire,
  type QuestionnaireResponse,
  readableCode,
  score,
  uuidv7,
} from '@puente/core';
import type { Queryable } from '../../db/types.js';
import { createLimiter, type LimitRule, limitKeys } from '../auth/limits.js';
import { resolveCheck } from './check-form.js';

interface OpenCheck {
  eventId: string;
  orgId: string;
  title: string;
  language: string;
  phase: CheckPhase;
  canonical: string;
}

async function checkByCode(db: Queryable, code: string): Promise<OpenCheck> {
  const [row] = await db.query<OpenCheck & { canonical: string | null }>(
    `select id as "eventId", org_id as "orgId", title, language, check_phase as phase,
            check_questionnaire as canonical
       from outreach_event where check_code = $1 and status <> 'cancelled'`,
    [code],
  );
  if (!row?.canonical) throw new PuenteError(404, 'errors.noCheck');
  return row;
}

/** What an attendee's phone shows: the event's name, which half is open, and the questions. */
export async function publicCheck(
  db: Queryable,
  code: string,
): Promise<{ title: string; language: string; phase: CheckPhase; questionnaire: Questionnaire }> {
  const check = await checkByCode(db, code);
  const { questionnaire } = await resolveCheck(db, check.orgId, check.canonical);
  return { title: check.title, language: check.language, phase: check.phase, questionnaire };
}

/**
 * Keeps one anonymous answer. A pre answer gets a new session code (unless
 * the phone already has one); a post answer is paired by the code of its pre,
 * and one without a code is kept unpaired, so nobody is turned away.
 */
export async function answerCheck(
  tx: Queryable,
  code: string,
  answer: { phase: 'pre' | 'post'; sessionCode?: string | undefined; response: QuestionnaireResponse },
): Promise<{ sessionCode: string }> {
  const check = await checkByCode(tx, code);
  if (check.phase !== answer.phase) throw new PuenteError(409, 'errors.checkClosed');
  const { questionnaire } = await resolveCheck(tx, check.orgId, check.canonical);
  const result = score(questionnaire, answer.response);
  if (!result.complete) throw new PuenteError(422, 'errors.answerAll');
  let sessionCode = answer.sessionCode;
  if (answer.phase === 'post' && sessionCode) {
    const pre = await tx.query(
      `select 1 from outreach_check_answer where event_id = $1 and session_code = $2 and phase = 'pre'`,
      [check.eventId, sessionCode],
    );
    if (pre.length === 0) throw new PuenteError(422, 'errors.unknownSessionCode');
  }
  sessionCode ??= readableCode(randomBytes(6));
  const inserted = await tx.query(
    `insert into outreach_check_answer (id, org_id, event_id, session_code, phase, questionnaire, total, response)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (event_id, session_code, phase) do nothing returning id`,
    [
      uuidv7(),
      check.orgId,
      check.eventId,
      sessionCode,
      answer.phase,
      check.canonical,
      result.total ?? null,
      JSON.stringify(answer.response),
    ],
  );
  if (inserted.length === 0) throw new PuenteError(409, 'errors.alreadyAnswered');
  return { sessionCode };
}

/** Before and after for one event, from its anonymous answers; null when the form has no summed score. */
export async function eventChange(
  db: Queryable,
  orgId: string,
  eventId: string,
  canonical: string,
): Promise<CheckChange | null> {
  const { questionnaire } = await resolveCheck(db, orgId, canonical);
  const max = maxSumScore(questionnaire);
  if (max === undefined) return null;
  const rows = await db.query<{ session: string; phase: 'pre' | 'post'; total: string | number | null }>(
    `select session_code as session, phase, total from outreach_check_answer
      where org_id = $1 and event_id = $2 and questionnaire = $3 and total is not null`,
    [orgId, eventId, canonical],
  );
  const sessions = new Map<string, { pre?: number; post?: number }>();
  for (const row of rows) {
    const entry = sessions.get(row.session) ?? {};
    entry[row.phase] = Number(row.total);
    sessions.set(row.session, entry);
  }
  return checkChange([...sessions.values()], max);
}

/**
 * At most 200 answers per address in ten minutes: enough for a whole room on
 * one Wi-Fi, too few for a script. Counted in the database (auth/limits.ts),
 * so every server process shares the count and a restart keeps it.
 */
export const ANSWER_LIMIT: LimitRule = { limit: 200, windowSeconds: 10 * 60 };

/** Counts an answer from `ip`, refusing it (429, with when to try again) past the limit. */
export function answerLimiter(rule: LimitRule = ANSWER_LIMIT) {
  const limiter = createLimiter(rule);
  return async (db: Queryable, ip: string): Promise<void> => {
    const slot = await limiter.reserve(db, limitKeys.address('check-answer', ip));
    if (!slot.allowed) {
      const seconds = slot.retryAfterSeconds;
      throw new PuenteError(429, 'errors.tooManyAnswers', { seconds }, { retryAfterSeconds: seconds });
    }
  };
}
