import { defaultFollowUpIntervals, defaultSmallCount, type Locale, type ProgramSettings } from '@puente/core';
import type { Queryable } from '../../db/types.js';

export const defaultSettings: ProgramSettings = {
  followUpDaysAfterVisit: 7,
  noContactDays: 30,
  timeZone: 'America/Los_Angeles',
  smallCountThreshold: defaultSmallCount,
  highRiskFollowUpHours: defaultFollowUpIntervals.highRiskHours,
  moderateRiskFollowUpHours: defaultFollowUpIntervals.moderateRiskHours,
};

/** The program's casework rules and report threshold, or the defaults until an admin sets them. */
export async function programSettings(db: Queryable, orgId: string): Promise<ProgramSettings> {
  const [row] = await db.query<ProgramSettings>(
    `select follow_up_days_after_visit as "followUpDaysAfterVisit", no_contact_days as "noContactDays",
            time_zone as "timeZone", small_count_threshold as "smallCountThreshold",
            high_risk_follow_up_hours as "highRiskFollowUpHours",
            moderate_risk_follow_up_hours as "moderateRiskFollowUpHours"
       from program_setting where org_id = $1`,
    [orgId],
  );
  return row ?? defaultSettings;
}

/** Saves the settings; a threshold or interval left out keeps the one set before (or the default). */
export async function saveProgramSettings(db: Queryable, orgId: string, s: ProgramSettings): Promise<void> {
  await db.query(
    `insert into program_setting (org_id, follow_up_days_after_visit, no_contact_days, time_zone, small_count_threshold,
        high_risk_follow_up_hours, moderate_risk_follow_up_hours)
     values ($1, $2, $3, $4, coalesce($5::int, $6::int), coalesce($7::int, $9::int), coalesce($8::int, $10::int))
     on conflict (org_id) do update set follow_up_days_after_visit = excluded.follow_up_days_after_visit,
       no_contact_days = excluded.no_contact_days, time_zone = excluded.time_zone,
       small_count_threshold = coalesce($5::int, program_setting.small_count_threshold),
       high_risk_follow_up_hours = coalesce($7::int, program_setting.high_risk_follow_up_hours),
       moderate_risk_follow_up_hours = coalesce($8::int, program_setting.moderate_risk_follow_up_hours)`,
    [
      orgId,
      s.followUpDaysAfterVisit,
      s.noContactDays,
      s.timeZone,
      s.smallCountThreshold ?? null,
      defaultSmallCount,
      s.highRiskFollowUpHours ?? null,
      s.moderateRiskFollowUpHours ?? null,
      defaultFollowUpIntervals.highRiskHours,
      defaultFollowUpIntervals.moderateRiskHours,
    ],
  );
}

/** What the program calls itself and the language it works in first. */
export async function programIdentity(
  db: Queryable,
  orgId: string,
): Promise<{ programName: string; programLanguage: Locale }> {
  const [row] = await db.query<{ programName: string; programLanguage: Locale }>(
    'select name as "programName", default_locale as "programLanguage" from organization where id = $1',
    [orgId],
  );
  if (!row) throw new Error(`organization ${orgId} not found`);
  return row;
}

/** Renames the program or changes its first language; a field left out keeps its value. */
export async function saveProgramIdentity(
  db: Queryable,
  orgId: string,
  s: Pick<ProgramSettings, 'programName' | 'programLanguage'>,
): Promise<void> {
  await db.query(
    'update organization set name = coalesce($2, name), default_locale = coalesce($3, default_locale) where id = $1',
    [orgId, s.programName ?? null, s.programLanguage ?? null],
  );
}
