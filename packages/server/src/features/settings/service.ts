import type { ProgramSettings } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { programSettings, saveProgramSettings } from './queries.js';

/** An admin changes the program's casework rules and report threshold; answers them as stored. */
export async function changeProgramSettings(
  tx: Queryable,
  caller: Caller,
  request: ProgramSettings,
): Promise<ProgramSettings> {
  const { orgId } = caller.actor;
  await saveProgramSettings(tx, orgId, request);
  const settings = await programSettings(tx, orgId);
  // The threshold decides what every report shows: the trail keeps each value it had.
  await recordAudit(tx, who(caller), {
    action: 'program.settings-changed',
    subjectType: 'organization',
    subjectId: orgId,
    detail: { smallCountThreshold: settings.smallCountThreshold },
  });
  return settings;
}
