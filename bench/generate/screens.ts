import {
  allItems,
  canonicalOf,
  cssrs,
  gad2,
  gad7,
  phq2,
  phq9,
  type Questionnaire,
  type QuestionnaireResponse,
  type ResponseItem,
  type ScoreResult,
  score,
} from '@puente/core';
import type { Database } from '@puente/server';
import type { Random } from '../lib/random.js';

const dayMs = 86_400_000;

/** One scored screen, as the screening service stores it. */
export interface Screen {
  id: string;
  clientId: string;
  authorId: string;
  questionnaire: Questionnaire;
  at: number;
  response: QuestionnaireResponse;
  result: ScoreResult;
}

/** An alert the screening service would raise for a screen (PHQ-9 item 9, high C-SSRS risk). */
export interface ScreenAlert {
  clientId: string;
  authorId: string;
  screeningId: string;
  reason: 'phq9-item9' | 'cssrs-high';
  at: number;
}

/** A response answering the given items with their n-th option, coded as a phone sends it (system and code). */
function answered(
  q: Questionnaire,
  r: Random,
  at: number,
  points: Record<string, number>,
): QuestionnaireResponse {
  const item: ResponseItem[] = [];
  for (const it of allItems(q.item)) {
    const p = points[it.linkId];
    const option = p === undefined ? undefined : it.answerOption?.[p]?.valueCoding;
    if (option)
      item.push({
        linkId: it.linkId,
        answer: [{ valueCoding: { system: option.system, code: option.code } }],
      });
  }
  return {
    resourceType: 'QuestionnaireResponse',
    id: r.uuid(at),
    questionnaire: canonicalOf(q),
    status: 'completed',
    item,
  };
}

/**
 * How bothered a person is, as the mean points of an item (0 to 3): most people
 * low, some moderate, a tail of severe. Items scatter around it.
 */
function severity(r: Random): number {
  const u = r.next();
  if (u < 0.68) return 0.15 + r.next() * 0.45;
  if (u < 0.92) return 0.8 + r.next() * 0.8;
  return 1.7 + r.next() * 1.2;
}

const item = (r: Random, mean: number) => Math.max(0, Math.min(3, Math.round(mean + (r.next() - 0.5) * 1.6)));

/** Item 9 (thoughts of self-harm) is rare: a few in a hundred screens, more often the worse the person is. */
const item9 = (r: Random, mean: number) =>
  r.chance(0.002 + 0.012 * mean * mean) ? r.int(1, Math.min(3, 1 + Math.round(mean))) : 0;

function items(prefix: string, count: number, r: Random, mean: number): Record<string, number> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}-${i + 1}`, item(r, mean)]));
}

/**
 * One person's screens over the year, as a CHW would give them: a PHQ-2 (or a
 * PHQ-9 straight away) and a GAD-2 at intake, the full instrument after a
 * positive short one, a re-screen every one to three months while the score
 * stays at 10 or more (usually lower each time), and the C-SSRS the same day
 * item 9 is above 0. Each is scored by core's `score`, as the server does.
 */
export function personScreens(
  r: Random,
  person: { id: string; chw: string },
  window: { from: number; to: number },
): { screens: Screen[]; alerts: ScreenAlert[] } {
  const screens: Screen[] = [];
  const alerts: ScreenAlert[] = [];
  const take = (questionnaire: Questionnaire, at: number, points: Record<string, number>) => {
    const response = answered(questionnaire, r, at, points);
    const result = score(questionnaire, response);
    const screen = {
      id: r.uuid(at),
      clientId: person.id,
      authorId: person.chw,
      questionnaire,
      at,
      response,
      result,
    };
    screens.push(screen);
    return screen;
  };
  const crisisCheck = (screen: Screen, mean: number) => {
    if (!screen.result.flags.phq9Item9) return;
    alerts.push({
      clientId: person.id,
      authorId: person.chw,
      screeningId: screen.id,
      reason: 'phq9-item9',
      at: screen.at + 60_000,
    });
    // The C-SSRS screener: yes is the first option. Most say no further; a few are at high risk.
    const tier = r.next();
    const high = tier < 0.04 + 0.03 * mean;
    const moderate = !high && tier < 0.3;
    const thoughts = high || moderate || r.chance(0.5);
    const behaviour = moderate || (high && r.chance(0.3));
    const yes = (p: boolean) => (p ? 0 : 1);
    const check = take(cssrs, screen.at + 10 * 60_000, {
      'cssrs-1': 0,
      'cssrs-2': yes(thoughts),
      ...(thoughts
        ? { 'cssrs-3': yes(moderate), 'cssrs-4': yes(high), 'cssrs-5': yes(high && r.chance(0.5)) }
        : {}),
      'cssrs-6': yes(behaviour),
      ...(behaviour ? { 'cssrs-6b': 1 } : {}),
    });
    if (check.result.flags.cssrsRisk === 'high')
      alerts.push({
        clientId: person.id,
        authorId: person.chw,
        screeningId: check.id,
        reason: 'cssrs-high',
        at: check.at + 60_000,
      });
  };

  let mean = severity(r);
  const anxious = Math.max(0, mean + (r.next() - 0.5));
  let at = window.from + r.int(0, Math.max(0, Math.floor((window.to - window.from) / dayMs) - 1)) * dayMs;
  // Depression: the short screen first for most, the PHQ-9 when the CHW already has reason to ask.
  let full = r.chance(0.35);
  if (!full) full = take(phq2, at, items('phq2', 2, r, mean)).result.positive === true;
  while (full && at < window.to) {
    const screen = take(phq9, at + 5 * 60_000, {
      ...items('phq9', 8, r, mean),
      'phq9-9': item9(r, mean),
      'phq9-difficulty': item(r, mean),
    });
    crisisCheck(screen, mean);
    if ((screen.result.total ?? 0) < 10 || r.chance(0.15)) break;
    at += r.int(28, 90) * dayMs;
    mean = mean * (0.45 + r.next() * 0.5);
  }
  // Anxiety at intake too, for most.
  if (r.chance(0.7)) {
    const when =
      window.from + r.int(0, Math.max(0, Math.floor((window.to - window.from) / dayMs) - 1)) * dayMs;
    if (take(gad2, when, items('gad2', 2, r, anxious)).result.positive)
      take(gad7, when + 5 * 60_000, items('gad7', 7, r, anxious));
  }
  return { screens: screens.filter((s) => s.at < window.to), alerts: alerts.filter((a) => a.at < window.to) };
}

/** Any alert: one a screen raised, or a CHW's own worry. */
export type Alert = Omit<ScreenAlert, 'reason' | 'screeningId'> & {
  reason: ScreenAlert['reason'] | 'chw-judgement';
  screeningId: string | null;
};

/** Minutes until a supervisor acknowledges an alert: most within half an hour, a few the next day. */
const minutesToAcknowledge = (r: Random) =>
  r.chance(0.6) ? r.int(2, 30) : r.chance(0.88) ? r.int(30, 180) : r.int(180, 1440);

/** Screens as the screening service stores them: response, result, and the columns read from the result. */
export async function insertScreens(db: Database, orgId: string, screens: Screen[]) {
  await db.query(
    `insert into screening (id, org_id, client_id, author_id, instrument, version, authored_at, response, result,
        complete, total, band, positive)
     select id, $1, cid, chw, url, v, at::timestamptz, resp::jsonb, res::jsonb, done, total, band, pos
       from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::boolean[], $11::int[], $12::text[], $13::boolean[])
         as t(id, cid, chw, url, v, at, resp, res, done, total, band, pos)`,
    [
      orgId,
      screens.map((s) => s.id),
      screens.map((s) => s.clientId),
      screens.map((s) => s.authorId),
      screens.map((s) => s.questionnaire.url),
      screens.map((s) => s.questionnaire.version),
      screens.map((s) => new Date(s.at).toISOString()),
      screens.map((s) => JSON.stringify(s.response)),
      screens.map((s) => JSON.stringify(s.result)),
      screens.map((s) => s.result.complete),
      screens.map((s) => s.result.total ?? null),
      screens.map((s) => s.result.band?.code ?? null),
      screens.map((s) => s.result.positive ?? null),
    ],
  );
}

/** Alerts as the crisis flow leaves them: raised, then acknowledged by the supervisor, each step in alert_event. */
export async function insertAlerts(
  db: Database,
  r: Random,
  owner: { orgId: string; supervisorId: string },
  alerts: Alert[],
) {
  const rows = alerts.map((a) => ({
    ...a,
    id: r.uuid(a.at),
    acknowledged: a.at + minutesToAcknowledge(r) * 60_000,
  }));
  await db.query(
    `insert into risk_alert (id, org_id, client_id, screening_id, reason, raised_by, raised_at, status,
        acknowledged_by, acknowledged_at)
     select id, $1, cid, sid, reason, chw, at::timestamptz, 'acknowledged', $2, ack::timestamptz
       from unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::uuid[], $8::text[], $9::text[])
         as t(id, cid, sid, reason, chw, at, ack)`,
    [
      owner.orgId,
      owner.supervisorId,
      rows.map((a) => a.id),
      rows.map((a) => a.clientId),
      rows.map((a) => a.screeningId),
      rows.map((a) => a.reason),
      rows.map((a) => a.authorId),
      rows.map((a) => new Date(a.at).toISOString()),
      rows.map((a) => new Date(a.acknowledged).toISOString()),
    ],
  );
  const steps = rows.flatMap((a) => [
    { id: r.uuid(a.at), alert: a.id, kind: 'raised', user: a.authorId, at: a.at },
    {
      id: r.uuid(a.acknowledged),
      alert: a.id,
      kind: 'acknowledged',
      user: owner.supervisorId,
      at: a.acknowledged,
    },
  ]);
  await db.query(
    `insert into alert_event (id, org_id, alert_id, kind, user_id, at)
     select id, $1, aid, kind, uid, at::timestamptz
       from unnest($2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[]) as t(id, aid, kind, uid, at)`,
    [
      owner.orgId,
      steps.map((s) => s.id),
      steps.map((s) => s.alert),
      steps.map((s) => s.kind),
      steps.map((s) => s.user),
      steps.map((s) => new Date(s.at).toISOString()),
    ],
  );
}
