import { defaultSmallCount, type ProgramSettings } from '@puente/core';
import type { Queryable } from '../../db/types.js';

export const defaultSettings: ProgramSettings = {
  followUpDaysAfterVisit: 7,
  noContactDays: 30,
  timeZone: 'America/Los_Angeles',
  smallCountThreshold: defaultSmallCount,
};

/** The program's casework rules and report threshold, or the defaults until an admin sets them. */
export async function programSettings(db: Queryable, orgId: string): Promise<ProgramSettings> {
  const [row] = await db.query<ProgramSettings>(
    `select follow_up_days_after_visit as "followUpDaysAfterVisit", no_contact_days as "noContactDays",
            time_zone as "timeZone", small_count_threshold as "smallCountThreshold"
       from program_setting where org_id = $1`,
    [orgId],
  );
  return row ?? defaultSettings;
}

/** Saves the settings; a threshold left out keeps the one set before (or the default). */
export async function saveProgramSettings(db: Queryable, orgId: string, s: ProgramSettings): Promise<void> {
  await db.query(
    `insert into program_setting (org_id, follow_up_days_after_visit, no_contact_days, time_zone, small_count_threshold)
     values ($1, $2, $3, $4, coalesce($5::int, $6::int))
     on conflict (org_id) do update set follow_up_days_after_visit = excluded.follow_up_days_after_visit,
       no_contact_days = excluded.no_contact_days, time_zone = excluded.time_zone,
       small_count_threshold = coalesce($5::int, program_setting.small_count_threshold)`,
    [
      orgId,
      s.followUpDaysAfterVisit,
      s.noContactDays,
      s.timeZone,
      s.smallCountThreshold ?? null,
      defaultSmallCount,
    ],
  );
}
