import { useEffect, useState } from 'preact/hooks';
import { CONFLICTS_CHANGED, listConflicts } from './api';

/**
 * How many changes the signed-in person has to check, while the phone's copy is
 * open (`enabled`). Asked again after each sync (`syncedAt` changes) and after
 * one is settled; kept as it was while offline.
 */
export function useConflictCount(enabled: boolean, syncedAt: string | undefined): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    const check = () => {
      if (!navigator.onLine) return;
      listConflicts().then(
        (conflicts) => alive && setCount(conflicts.length),
        () => undefined,
      );
    };
    check();
    addEventListener(CONFLICTS_CHANGED, check);
    return () => {
      alive = false;
      removeEventListener(CONFLICTS_CHANGED, check);
    };
  }, [enabled, syncedAt]);
  return count;
}
