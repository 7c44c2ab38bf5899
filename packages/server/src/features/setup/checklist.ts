import { crisisMissing, firstStartProgramName, type SetupChecklist, type SetupStep } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import { crisisSettings } from '../alerts/crisis-settings.js';
import { programLogo } from '../settings/logo.js';
import { programIdentity, programSettings } from '../settings/queries.js';

interface Found {
  settingsSaved: boolean;
  languageChosen: boolean;
  teams: number;
  chws: number;
  pending: number;
  services: number;
  people: number;
}

/** Counts only: which steps an organization has taken, never who or what is in them. */
async function found(db: Queryable, orgId: string): Promise<Found> {
  const [row] = await db.query<Found>(
    `select exists (select 1 from program_setting where org_id = $1) as "settingsSaved",
            exists (select 1 from audit_event where org_id = $1 and action = 'program.settings-changed'
                      and detail ->> 'programLanguage' is not null) as "languageChosen",
            (select count(*)::int from team where org_id = $1) as teams,
            (select count(*)::int from app_user where org_id = $1 and role = 'chw' and disabled_at is null) as chws,
            (select count(*)::int from app_user where org_id = $1 and role = 'chw' and disabled_at is null
                and must_change_password) as pending,
            (select count(*)::int from hsds_service where org_id = $1) as services,
            (select count(*)::int from client where org_id = $1 and merged_into is null) as people`,
    [orgId],
  );
  if (!row) throw new Error('the checklist query answered no row');
  return row;
}

const step = (id: SetupStep['id'], done: boolean, extra: Partial<SetupStep> = {}): SetupStep => ({
  id,
  state: done ? 'done' : 'missing',
  optional: false,
  ...extra,
});

/**
 * What setting the program up still needs, from what is stored: a step is done by doing it on its
 * own screen, never by ticking it here. The time zone and language count once an admin saved them
 * (the defaults are guesses); the name once it is not the first start's "Puente".
 */
export async function setupChecklist(db: Queryable, orgId: string): Promise<SetupChecklist> {
  const f = await found(db, orgId);
  const identity = await programIdentity(db, orgId);
  const settings = await programSettings(db, orgId);
  const crisis = await crisisSettings(db, orgId);
  const logo = await programLogo(db, orgId);
  const gaps = crisisMissing(crisis);
  const steps: SetupStep[] = [
    step('name', identity.programName !== firstStartProgramName, { value: identity.programName }),
    // Optional: a program without a logo shows its name alone, and may start so.
    step('logo', logo !== undefined, { optional: true }),
    step('timeZone', f.settingsSaved, { value: settings.timeZone }),
    step('language', f.languageChosen, { language: identity.programLanguage }),
    step('crisis', gaps.length === 0, { gaps }),
    step('teams', f.teams > 0, { count: f.teams }),
    step('chws', f.chws > 0, { count: f.chws, pending: f.pending }),
    step('directory', f.services > 0, { count: f.services }),
    // An existing caseload (a spreadsheet, a CommCare or CHT export): optional, done once anyone is registered.
    step('caseload', f.people > 0, { count: f.people, optional: true }),
  ];
  const required = steps.filter((s) => !s.optional);
  return { steps, done: required.filter((s) => s.state === 'done').length, required: required.length };
}
