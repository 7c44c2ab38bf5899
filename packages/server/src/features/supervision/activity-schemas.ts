import { z } from 'zod';

/** What a CHW's week is counted by: visits (encounters), complete screens, referral loops closed. */
export const activityMeasures = ['visits', 'screenings', 'referralsClosed'] as const;
export type ActivityMeasure = (typeof activityMeasures)[number];

/** The most a program may ask of one CHW in a week, per measure: past it is a typing slip. */
export const TARGET_MAX = 500;
/**
 * Fewer CHWs than this on a team, and a manager's figures for it would be theirs: hidden
 * (activity-suppression.ts). Smaller than reports' threshold since teams are small by design.
 */
export const SMALL_TEAM = 3;
/** The weeks one view covers: this week and up to eight before it. */
export const ACTIVITY_MAX_WEEKS = 9;

const PerWeek = z.number().int().min(1).max(TARGET_MAX).nullable();

/** A weekly target per measure; null: none set. */
export const ActivityTargets = z
  .object({ visits: PerWeek, screenings: PerWeek, referralsClosed: PerWeek })
  .meta({ id: 'ActivityTargets' });
export type ActivityTargets = z.infer<typeof ActivityTargets>;

/** The program's targets and each team's own (null where the team follows the program's). */
export const ActivityTargetsView = z
  .object({
    program: ActivityTargets,
    teams: z.array(z.object({ teamId: z.uuid(), teamName: z.string(), targets: ActivityTargets })),
  })
  .meta({ id: 'ActivityTargetsView' });
export type ActivityTargetsView = z.infer<typeof ActivityTargetsView>;

/** Sets the three targets of the program (no teamId) or of one team; null removes one. */
export const SetActivityTargetsRequest = z
  .strictObject({
    teamId: z.uuid().nullable().optional(),
    visits: PerWeek,
    screenings: PerWeek,
    referralsClosed: PerWeek,
  })
  .meta({ id: 'SetActivityTargetsRequest' });
export type SetActivityTargetsRequest = z.infer<typeof SetActivityTargetsRequest>;

export const ActivityQuery = z.strictObject({
  weeks: z.coerce.number().int().min(1).max(ACTIVITY_MAX_WEEKS).default(5),
});

const Count = z.number().int().min(0);
/** One week's counts; `weekStart` is its Monday in the program's time zone. */
export const ActivityWeek = z
  .object({ weekStart: z.string(), visits: Count, screenings: Count, referralsClosed: Count })
  .meta({ id: 'ActivityWeek' });
export type ActivityWeek = z.infer<typeof ActivityWeek>;

/** The supervisor's view: each CHW of their teams by name, newest week first, against their targets. */
export const TeamActivity = z
  .object({
    timeZone: z.string(),
    weekStarts: z.array(z.string()),
    chws: z.array(
      z.object({
        chwId: z.uuid(),
        chwName: z.string(),
        targets: ActivityTargets,
        weeks: z.array(ActivityWeek),
      }),
    ),
  })
  .meta({ id: 'TeamActivity' });
export type TeamActivity = z.infer<typeof TeamActivity>;

/** How many of a team's CHWs reached a target in a week; null: no target; 'suppressed': it would point at someone. */
const MetCount = z.union([Count, z.literal('suppressed')]).nullable();
const MetCounts = z.object({ visits: MetCount, screenings: MetCount, referralsClosed: MetCount });

/**
 * The manager's view: per team, never per named person, so it cannot become a
 * ranking of people; CHWs on no team are one group of their own (teamId null).
 */
export const ProgramActivity = z
  .object({
    timeZone: z.string(),
    weekStarts: z.array(z.string()),
    /** Teams with fewer CHWs than this show no figures. */
    smallTeam: z.number().int(),
    teams: z.array(
      z.object({
        teamId: z.uuid().nullable(),
        teamName: z.string().nullable(),
        /** null: fewer than `smallTeam`, and then `weeks` is empty: its figures would be one or two people's. */
        chws: Count.nullable(),
        targets: ActivityTargets,
        weeks: z.array(ActivityWeek.extend({ met: MetCounts })),
      }),
    ),
  })
  .meta({ id: 'ProgramActivity' });
export type ProgramActivity = z.infer<typeof ProgramActivity>;

/** A CHW's own week on Today: never anyone else's. */
export const MyActivity = z
  .object({ week: ActivityWeek, targets: ActivityTargets })
  .meta({ id: 'MyActivity' });
export type MyActivity = z.infer<typeof MyActivity>;
