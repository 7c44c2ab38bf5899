import { type CrisisProtocolInfo, type CrisisSettings, PuenteError } from '@puente/core';
import type { Queryable } from '../../db/types.js';

/** No crisis line by default: numbers differ by country and change (see INSTRUMENTS.md). */
export const defaultCrisisSettings: CrisisSettings = {
  crisisLines: [],
  onCall: [],
  rescreenDays: 28,
  rescreenFromTotal: 10,
};

export async function crisisSettings(db: Queryable, orgId: string): Promise<CrisisSettings> {
  const [row] = await db.query<CrisisSettings>(
    `select crisis_lines as "crisisLines", on_call as "onCall", rescreen_days as "rescreenDays",
            rescreen_from_total as "rescreenFromTotal" from crisis_setting where org_id = $1`,
    [orgId],
  );
  return row ?? defaultCrisisSettings;
}

/** Saves the settings; everyone on call must be an active supervisor of the organization. */
export async function saveCrisisSettings(tx: Queryable, orgId: string, s: CrisisSettings): Promise<void> {
  const ids = [...new Set(s.onCall.map((e) => e.userId))];
  if (ids.length !== s.onCall.length) throw new PuenteError(400, 'errors.onCallNotSupervisor');
  const found = await tx.query(
    `select 1 from app_user where org_id = $1 and id = any($2::uuid[]) and role = 'supervisor'
        and disabled_at is null`,
    [orgId, ids],
  );
  if (found.length !== ids.length) throw new PuenteError(400, 'errors.onCallNotSupervisor');
  await tx.query(
    `insert into crisis_setting (org_id, crisis_lines, on_call, rescreen_days, rescreen_from_total, updated_at)
     values ($1, $2, $3, $4, $5, now())
     on conflict (org_id) do update set crisis_lines = excluded.crisis_lines, on_call = excluded.on_call,
       rescreen_days = excluded.rescreen_days, rescreen_from_total = excluded.rescreen_from_total,
       updated_at = now()`,
    [orgId, JSON.stringify(s.crisisLines), JSON.stringify(s.onCall), s.rescreenDays, s.rescreenFromTotal],
  );
}

/** The lines and the first active person on call, for the CHW's protocol screen. */
export async function protocolInfo(db: Queryable, orgId: string): Promise<CrisisProtocolInfo> {
  const settings = await crisisSettings(db, orgId);
  for (const entry of settings.onCall) {
    const [user] = await db.query<{ name: string }>(
      `select display_name as name from app_user where org_id = $1 and id = $2 and disabled_at is null`,
      [orgId, entry.userId],
    );
    if (user)
      return { crisisLines: settings.crisisLines, onCall: { name: user.name, phone: entry.phone ?? null } };
  }
  return { crisisLines: settings.crisisLines, onCall: null };
}
