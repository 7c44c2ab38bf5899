import {
  type CrisisProtocolInfo,
  type CrisisSettings,
  crisisMissing,
  onCallAt,
  PuenteError,
} from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { programSettings } from '../settings/queries.js';
import { chainForChw } from './chain.js';

/** No crisis line by default: numbers differ by country and change (see INSTRUMENTS.md). */
export const defaultCrisisSettings: CrisisSettings = {
  crisisLines: [],
  onCall: [],
  rescreenDays: 28,
  rescreenFromTotal: 10,
};

export async function crisisSettings(db: Queryable, orgId: string): Promise<CrisisSettings> {
  const [row] = await db.query<
    CrisisSettings & { emergencyNumber: string | null; escalationMinutes: number | null }
  >(
    `select crisis_lines as "crisisLines", on_call as "onCall", rescreen_days as "rescreenDays",
            rescreen_from_total as "rescreenFromTotal", emergency_number as "emergencyNumber",
            escalation_minutes as "escalationMinutes"
       from crisis_setting where org_id = $1`,
    [orgId],
  );
  if (!row) return defaultCrisisSettings;
  // Unset columns are left out, so what GET returns PUT accepts as it is.
  const { emergencyNumber, escalationMinutes, ...rest } = row;
  return {
    ...rest,
    ...(emergencyNumber ? { emergencyNumber } : {}),
    ...(escalationMinutes ? { escalationMinutes } : {}),
  };
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
    `insert into crisis_setting (org_id, crisis_lines, on_call, rescreen_days, rescreen_from_total,
        emergency_number, escalation_minutes, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, now())
     on conflict (org_id) do update set crisis_lines = excluded.crisis_lines, on_call = excluded.on_call,
       rescreen_days = excluded.rescreen_days, rescreen_from_total = excluded.rescreen_from_total,
       emergency_number = excluded.emergency_number, escalation_minutes = excluded.escalation_minutes,
       updated_at = now()`,
    [
      orgId,
      JSON.stringify(s.crisisLines),
      JSON.stringify(s.onCall),
      s.rescreenDays,
      s.rescreenFromTotal,
      s.emergencyNumber ?? null,
      s.escalationMinutes ?? null,
    ],
  );
}

/** An admin sets the program's crisis response: saved, audited, and read back as stored. */
export async function changeCrisisSettings(
  tx: Queryable,
  caller: Caller,
  settings: CrisisSettings,
): Promise<CrisisSettings> {
  const { orgId } = caller.actor;
  await saveCrisisSettings(tx, orgId, settings);
  await recordAudit(tx, who(caller), {
    action: 'program.crisis-response-changed',
    subjectType: 'organization',
    subjectId: orgId,
  });
  return crisisSettings(tx, orgId);
}

/**
 * What the CHW's protocol screen shows: the lines, the emergency number, the
 * first person on call now, and who an alert raised now reaches first (the
 * escalation target when nobody is on call), so the screen never contradicts itself.
 */
export async function protocolInfo(
  db: Queryable,
  orgId: string,
  userId: string,
  now: Date,
): Promise<CrisisProtocolInfo> {
  const [settings, { timeZone }] = await Promise.all([crisisSettings(db, orgId), programSettings(db, orgId)]);
  const names = async (ids: string[]) =>
    (
      await db.query<{ name: string }>(
        `select display_name as name from app_user where org_id = $1 and id = any($2::uuid[])
          order by display_name`,
        [orgId, ids],
      )
    ).map((r) => r.name);
  let onCall: CrisisProtocolInfo['onCall'] = null;
  for (const entry of settings.onCall) {
    if (!onCallAt(entry.hours, now, timeZone)) continue;
    const [user] = await db.query<{ name: string }>(
      `select display_name as name from app_user
        where org_id = $1 and id = $2 and role = 'supervisor' and disabled_at is null`,
      [orgId, entry.userId],
    );
    if (user) {
      onCall = { name: user.name, phone: entry.phone ?? null };
      break;
    }
  }
  const [first] = await chainForChw(db, orgId, userId, now);
  const admins = await db.query<{ name: string }>(
    `select display_name as name from app_user where org_id = $1 and role = 'admin' and disabled_at is null
      order by created_at`,
    [orgId],
  );
  return {
    crisisLines: settings.crisisLines,
    emergencyNumber: settings.emergencyNumber ?? null,
    onCall,
    alertGoesTo: first ? { target: first.target, names: await names(first.userIds) } : null,
    missing: crisisMissing(settings),
    admins: admins.map((a) => a.name),
  };
}
