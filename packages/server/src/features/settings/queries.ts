import type { ProgramSettings } from '@puente/core';
import type { Queryable } from '../../db/types.js';

export const defaultSettings: ProgramSettings = {
  followUpDaysAfterVisit: 7,
  noContactDays: 30,
  timeZone: 'America/Los_Angeles',
};

/** The program's casework rules, or the defaults until an admin sets them. */
export async function programSettings(db: Queryable, orgId: string): Promise<ProgramSettings> {
  const [row] = await db.query<ProgramSettings>(
    `select follow_up_days_after_visit as "followUpDaysAfterVisit", no_contact_days as "noContactDays",
            time_zone as "timeZone" from program_setting where org_id = $1`,
    [orgId],
  );
  return row ?? defaultSettings;
}

export async function saveProgramSettings(db: Queryable, orgId: string, s: ProgramSettings): Promise<void> {
  await db.query(
    `insert into program_setting (org_id, follow_up_days_after_visit, no_contact_days, time_zone)
     values ($1, $2, $3, $4)
     on conflict (org_id) do update set follow_up_days_after_visit = excluded.follow_up_days_after_visit,
       no_contact_days = excluded.no_contact_days, time_zone = excluded.time_zone`,
    [orgId, s.followUpDaysAfterVisit, s.noContactDays, s.timeZone],
  );
}
