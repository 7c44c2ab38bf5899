import { PuenteError } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { programSettings } from '../settings/queries.js';
import {
  type ActivityCount,
  activityCounts,
  chwsOnNoTeam,
  listTargets,
  saveTargets,
  teamsWithMembers,
  userNames,
} from './activity-queries.js';
import {
  type ActivityMeasure,
  type ActivityTargets,
  type ActivityTargetsView,
  type ActivityWeek,
  activityMeasures,
  type MyActivity,
  type ProgramActivity,
  type SetActivityTargetsRequest,
  SMALL_TEAM,
  type TeamActivity,
} from './activity-schemas.js';
import { suppressTeam } from './activity-suppression.js';
import { weekStarts } from './activity-weeks.js';

const noTargets: ActivityTargets = { visits: null, screenings: null, referralsClosed: null };
type TargetRows = Awaited<ReturnType<typeof listTargets>>;

/** The targets set for one team (null: the program's), each measure null where none is set. */
function targetsOf(rows: TargetRows, teamId: string | null): ActivityTargets {
  const targets = { ...noTargets };
  for (const r of rows) if (r.teamId === teamId) targets[r.measure] = r.perWeek;
  return targets;
}

/** Per measure, the first of the teams (in name order) that set one, else the program's. */
function effectiveTargets(rows: TargetRows, teamIds: readonly string[]): ActivityTargets {
  const program = targetsOf(rows, null);
  const own = teamIds.map((id) => targetsOf(rows, id));
  const pick = (m: ActivityMeasure) => own.find((t) => t[m] !== null)?.[m] ?? program[m];
  return { visits: pick('visits'), screenings: pick('screenings'), referralsClosed: pick('referralsClosed') };
}

/** Each CHW's weeks, newest first, zero where nothing was counted. */
function weeksOf(counts: readonly ActivityCount[], chwIds: readonly string[], starts: readonly string[]) {
  const byKey = new Map(counts.map((c) => [`${c.chwId} ${c.weekStart} ${c.measure}`, c.n]));
  return new Map(
    chwIds.map((chw) => [
      chw,
      starts.map(
        (weekStart): ActivityWeek => ({
          weekStart,
          visits: byKey.get(`${chw} ${weekStart} visits`) ?? 0,
          screenings: byKey.get(`${chw} ${weekStart} screenings`) ?? 0,
          referralsClosed: byKey.get(`${chw} ${weekStart} referralsClosed`) ?? 0,
        }),
      ),
    ]),
  );
}

async function weeksFor(tx: Queryable, orgId: string, count: number, now: Date) {
  const { timeZone } = await programSettings(tx, orgId);
  return { timeZone, starts: weekStarts(now, timeZone, count) };
}

/**
 * The supervisor's view: the CHWs on the teams they lead, by name, each week
 * against the targets that apply to them. Audited like the team screen.
 */
export async function teamActivity(
  tx: Queryable,
  caller: Caller,
  weeks: number,
  now = new Date(),
): Promise<TeamActivity> {
  const { actor } = caller;
  const { timeZone, starts } = await weeksFor(tx, actor.orgId, weeks, now);
  const teams = await teamsWithMembers(tx, actor.orgId, actor.userId);
  const chwIds = [...new Set(teams.flatMap((t) => t.memberIds))];
  const [targets, names, counts] = [
    await listTargets(tx, actor.orgId),
    await userNames(tx, actor.orgId, chwIds),
    await activityCounts(tx, actor.orgId, chwIds, starts, timeZone),
  ];
  const weeksByChw = weeksOf(counts, chwIds, starts);
  const chws = names
    .map((u) => ({
      chwId: u.id,
      chwName: u.name,
      targets: effectiveTargets(
        targets,
        teams.filter((t) => t.memberIds.includes(u.id)).map((t) => t.teamId),
      ),
      weeks: weeksByChw.get(u.id) ?? [],
    }))
    .sort((a, b) => a.chwName.localeCompare(b.chwName) || a.chwId.localeCompare(b.chwId));
  await recordAudit(tx, who(caller), {
    action: 'activity.viewed',
    detail: { view: 'team', weeks: starts.length, chws: chws.length },
  });
  return { timeZone, weekStarts: starts, chws };
}

/**
 * The manager's view: the same counts added up per team, and how many of a
 * team's CHWs reached each target, never a row per person; managers report to
 * funders, and a ranking of named promotoras is not theirs to hold.
 */
export async function programActivity(
  tx: Queryable,
  caller: Caller,
  weeks: number,
  now = new Date(),
): Promise<ProgramActivity> {
  const { actor } = caller;
  const { timeZone, starts } = await weeksFor(tx, actor.orgId, weeks, now);
  const named = await teamsWithMembers(tx, actor.orgId, null);
  const loose = await chwsOnNoTeam(tx, actor.orgId);
  const groups = [
    ...named,
    ...(loose.length > 0 ? [{ teamId: null, teamName: null, memberIds: loose }] : []),
  ];
  const chwIds = [...new Set(groups.flatMap((g) => g.memberIds))];
  const targets = await listTargets(tx, actor.orgId);
  const weeksByChw = weeksOf(await activityCounts(tx, actor.orgId, chwIds, starts, timeZone), chwIds, starts);
  const teams = groups.map((g) => {
    const teamTargets = effectiveTargets(targets, g.teamId ? [g.teamId] : []);
    const weeksOfTeam = starts.map((weekStart, i) => {
      const rows = g.memberIds.flatMap((id) => weeksByChw.get(id)?.[i] ?? []);
      const sum = (m: ActivityMeasure) => rows.reduce((n, w) => n + w[m], 0);
      const met = (m: ActivityMeasure) => {
        const target = teamTargets[m];
        return target === null ? null : rows.filter((w) => w[m] >= target).length;
      };
      return {
        weekStart,
        visits: sum('visits'),
        screenings: sum('screenings'),
        referralsClosed: sum('referralsClosed'),
        met: {
          visits: met('visits'),
          screenings: met('screenings'),
          referralsClosed: met('referralsClosed'),
        },
      };
    });
    return {
      teamId: g.teamId,
      teamName: g.teamName,
      targets: teamTargets,
      ...suppressTeam({ chws: g.memberIds.length, weeks: weeksOfTeam }),
    };
  });
  await recordAudit(tx, who(caller), {
    action: 'activity.viewed',
    detail: { view: 'program', weeks: starts.length, teams: teams.length },
  });
  return { timeZone, weekStarts: starts, smallTeam: SMALL_TEAM, teams };
}

/** The caller's own week so far against their targets: for Today, never anyone else's. */
export async function myActivity(tx: Queryable, caller: Caller, now = new Date()): Promise<MyActivity> {
  const { actor } = caller;
  const { timeZone, starts } = await weeksFor(tx, actor.orgId, 1, now);
  const teams = (await teamsWithMembers(tx, actor.orgId, null)).filter((t) =>
    t.memberIds.includes(actor.userId),
  );
  const counts = await activityCounts(tx, actor.orgId, [actor.userId], starts, timeZone);
  const [week] = weeksOf(counts, [actor.userId], starts).get(actor.userId) ?? [];
  if (!week) throw new Error('activity: no week');
  const targets = effectiveTargets(
    await listTargets(tx, actor.orgId),
    teams.map((t) => t.teamId),
  );
  await recordAudit(tx, who(caller), { action: 'activity.viewed', detail: { view: 'own', weeks: 1 } });
  return { week, targets };
}

/** The program's targets and each team's. */
export async function activityTargets(tx: Queryable, caller: Caller): Promise<ActivityTargetsView> {
  const { orgId } = caller.actor;
  const rows = await listTargets(tx, orgId);
  const teams = await teamsWithMembers(tx, orgId, null);
  return {
    program: targetsOf(rows, null),
    teams: teams.map((t) => ({ teamId: t.teamId, teamName: t.teamName, targets: targetsOf(rows, t.teamId) })),
  };
}

/** Sets the program's targets or one team's, audited with the numbers set (no person's data). */
export async function setActivityTargets(
  tx: Queryable,
  caller: Caller,
  request: SetActivityTargetsRequest,
): Promise<ActivityTargetsView> {
  const { actor } = caller;
  const teamId = request.teamId ?? null;
  if (teamId) {
    const teams = await teamsWithMembers(tx, actor.orgId, null);
    if (!teams.some((t) => t.teamId === teamId)) throw new PuenteError(404, 'errors.activityTeamNotFound');
  }
  const targets = Object.fromEntries(activityMeasures.map((m) => [m, request[m]])) as ActivityTargets;
  await saveTargets(tx, actor.orgId, teamId, targets, actor.userId);
  await recordAudit(tx, who(caller), {
    action: 'activity.targets-set',
    ...(teamId ? { subjectType: 'team', subjectId: teamId } : {}),
    detail: targets,
  });
  return activityTargets(tx, caller);
}
