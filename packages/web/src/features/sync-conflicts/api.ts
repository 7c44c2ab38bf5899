import type { SyncConflict } from '@puente/core';
import { api } from '../../app/api';

/** The caller's open conflicts, newest first: only about people they may see. */
export async function listConflicts(): Promise<SyncConflict[]> {
  return (await api<{ conflicts: SyncConflict[] }>('GET', '/api/sync/conflicts')).conflicts;
}

/** Keeps the record as it is (`kept`), or puts the value that lost back (`lost`). */
export async function resolveConflict(id: string, choose: 'kept' | 'lost'): Promise<void> {
  await api<undefined>('POST', `/api/sync/conflicts/${encodeURIComponent(id)}/resolve`, { choose });
  dispatchEvent(new Event(CONFLICTS_CHANGED));
}

/** Fired after a conflict is settled, so the count in the sync status goes down at once. */
export const CONFLICTS_CHANGED = 'puente:conflicts-changed';
