// The idle lock: minutes without a tap or key lock the phone's copy. Timers
// alone are not enough: a tab in the background gets no ticks (phones freeze
// it), and a tab the phone discarded comes back as a reload. So the idle time
// is also checked when the tab is shown again, and before a reload reopens
// the copy without the PIN.

/** Minutes without a tap or key before the app locks; `puente.lockMinutes` in localStorage overrides it. */
export function lockMinutes(): number {
  try {
    const set = Number(localStorage.getItem('puente.lockMinutes'));
    if (set > 0) return set;
  } catch {
    // Storage blocked: the default applies.
  }
  return 15;
}

// The moment of the last tap, kept for this tab only (sessionStorage).
const ACTIVE_AT = 'puente.activeAt';
const CHECK_EVERY_MS = 15_000;

/** Whether the tab sat unused longer than the idle time: then a reload asks for the PIN. */
export function idleSinceLastUse(now = Date.now()): boolean {
  try {
    const at = Number(sessionStorage.getItem(ACTIVE_AT));
    return !(at > 0) || now - at > lockMinutes() * 60_000;
  } catch {
    return true;
  }
}

interface Targets {
  win: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  doc: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> & { visibilityState: string };
}

/**
 * Watches for use and calls `lock` once the idle time has passed: on a timer,
 * and at once when the tab is shown again (visibilitychange, pageshow).
 * Returns the function that stops watching.
 */
export function watchIdle(
  lock: () => void,
  { win, doc }: Targets = { win: globalThis, doc: document },
): () => void {
  let lastActive = 0;
  const activity = () => {
    lastActive = Date.now();
    try {
      sessionStorage.setItem(ACTIVE_AT, String(lastActive));
    } catch {
      // No sessionStorage: no reload opens without the PIN anyway.
    }
  };
  const check = () => {
    if (Date.now() - lastActive > lockMinutes() * 60_000) lock();
  };
  const resumed = () => {
    if (doc.visibilityState === 'visible') check();
  };
  activity();
  for (const type of ['pointerdown', 'keydown']) win.addEventListener(type, activity, { passive: true });
  doc.addEventListener('visibilitychange', resumed);
  win.addEventListener('pageshow', resumed);
  const timer = setInterval(check, CHECK_EVERY_MS);
  return () => {
    clearInterval(timer);
    for (const type of ['pointerdown', 'keydown']) win.removeEventListener(type, activity);
    doc.removeEventListener('visibilitychange', resumed);
    win.removeEventListener('pageshow', resumed);
  };
}
