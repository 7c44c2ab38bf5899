import { useEffect, useState } from 'preact/hooks';
import { unlocked } from './session';

/**
 * When the phone's copy last finished a sync: a screen reading from the copy
 * reads again when it changes, so what another device did shows without a reload.
 * Undefined when no copy is open.
 */
export function useSyncedAt(): string | undefined {
  const open = unlocked();
  const [at, setAt] = useState(open?.store.state.lastSyncAt);
  useEffect(() => open?.engine.subscribe((status) => setAt(status.lastSyncAt)), [open]);
  return at;
}
