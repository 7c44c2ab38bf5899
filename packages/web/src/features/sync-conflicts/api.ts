import type { SyncConflict } from '@puente/core';
import { call } from '../../app/api-client';

/** The caller's open conflicts, newest first: only about people they may see. */
export async function listConflicts(): Promise<SyncConflict[]> {
  // The values in conflict may be anything, so the document leaves them optional; the server always sends them.
  return (await call('get', '/api/sync/conflicts')).conflicts as SyncConflict[];
}

/** Keeps the record as it is (`kept`), or puts the value that lost back (`lost`). */
export async function resolveConflict(id: string, choose: 'kept' | 'lost'): Promise<void> {
  await call('post', '/api/sync/conflicts/{id}/resolve', { path: { id }, body: { choose } });
  dispatchEvent(new Event(CONFLICTS_CHANGED));
}

/** Fired after a conflict is settled, so the count in the sync status goes down at once. */
export const CONFLICTS_CHANGED = 'puente:conflicts-changed';
