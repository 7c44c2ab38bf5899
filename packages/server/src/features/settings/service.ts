import type { ProgramSettings } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { programIdentity, programSettings, saveProgramIdentity, saveProgramSettings } from './queries.js';

/** The program's settings with its name and first language, as the settings screen shows them. */
export async function settingsWithIdentity(db: Queryable, orgId: string): Promise<ProgramSettings> {
  return { ...(await programSettings(db, orgId)), ...(await programIdentity(db, orgId)) };
}

/** An admin changes the program's name, language, casework rules and report threshold; answers them as stored. */
export async function changeProgramSettings(
  tx: Queryable,
  caller: Caller,
  request: ProgramSettings,
): Promise<ProgramSettings> {
  const { orgId } = caller.actor;
  const { programName, programLanguage, ...rules } = request;
  const before = await programIdentity(tx, orgId);
  await saveProgramSettings(tx, orgId, rules);
  await saveProgramIdentity(tx, orgId, { programName, programLanguage });
  const settings = await settingsWithIdentity(tx, orgId);
  // The threshold decides what every report shows: the trail keeps each value it had. The
  // language is kept too, as a choice an admin made (the set-up checklist reads it from here).
  await recordAudit(tx, who(caller), {
    action: 'program.settings-changed',
    subjectType: 'organization',
    subjectId: orgId,
    detail: {
      smallCountThreshold: settings.smallCountThreshold,
      ...(programLanguage ? { programLanguage } : {}),
      ...(programName && programName !== before.programName ? { renamed: true } : {}),
    },
  });
  return settings;
}
