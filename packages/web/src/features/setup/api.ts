import type { SetupChecklist } from '@puente/core';
import { call } from '../../app/api-client';

/** What setting the program up still needs, counted by the server for the admin's organization. */
export function getSetupChecklist(): Promise<SetupChecklist> {
  return call('get', '/api/setup/checklist');
}
