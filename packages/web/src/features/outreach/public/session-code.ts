/** What this phone keeps for one event's questions: its session code and which halves it answered. */
export interface CheckSession {
  sessionCode?: string;
  answered: string[];
}

const key = (code: string) => `puente.check.${code.toUpperCase()}`;

export function loadSession(code: string): CheckSession {
  try {
    const stored = JSON.parse(localStorage.getItem(key(code)) ?? 'null') as CheckSession | null;
    if (stored && Array.isArray(stored.answered)) return stored;
  } catch {
    // Blocked or damaged storage: start afresh; the code is also shown on screen.
  }
  return { answered: [] };
}

export function saveSession(code: string, session: CheckSession): void {
  try {
    localStorage.setItem(key(code), JSON.stringify(session));
  } catch {
    // The attendee can still type the code shown on screen.
  }
}
