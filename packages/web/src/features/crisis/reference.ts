import { type CrisisProtocolInfo, locales, type Me, type Questionnaire, roleCan } from '@puente/core';
import { api } from '../../app/api';
import { loadMessages } from '../../app/messages';

/**
 * What the crisis path needs with no signal, kept on the phone after sign-in:
 * the program's crisis lines and who is on call, and the questionnaires. None
 * of it is about a person (the instruments are public, the lines are the
 * program's), so it is kept in plain localStorage, per signed-in user.
 */
export interface Reference {
  userId: string;
  savedAt: string;
  crisis?: CrisisProtocolInfo;
  instruments?: Questionnaire[];
}

const KEY = 'puente.reference';

export function readReference(userId: string): Reference | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Reference | null;
    return stored?.userId === userId ? stored : undefined;
  } catch {
    return undefined;
  }
}

function save(reference: Reference): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(reference));
  } catch {
    // Storage full or blocked: the screens fall back to what ships with the app.
  }
}

/** Fetches the crisis lines and the questionnaires and keeps them; each part fails on its own. */
export async function refreshReference(me: Pick<Me, 'id'>): Promise<Reference> {
  const [crisis, list] = await Promise.all([
    api<CrisisProtocolInfo>('GET', '/api/crisis-protocol').catch(() => undefined),
    api<{ questionnaires: Questionnaire[] }>('GET', '/api/instruments').catch(() => undefined),
  ]);
  const before = readReference(me.id);
  const next: Reference = {
    userId: me.id,
    savedAt: crisis || list ? new Date().toISOString() : (before?.savedAt ?? ''),
    ...((crisis ?? before?.crisis) ? { crisis: crisis ?? before?.crisis } : {}),
    ...((list?.questionnaires ?? before?.instruments)
      ? { instruments: list?.questionnaires ?? before?.instruments }
      : {}),
  };
  if (crisis || list) save(next);
  return next;
}

/** The crisis lines: fresh when there is signal, else the copy on the phone. */
export async function crisisInfo(
  me: Pick<Me, 'id'>,
): Promise<{ info?: CrisisProtocolInfo; savedAt?: string }> {
  if (navigator.onLine) {
    const info = await api<CrisisProtocolInfo>('GET', '/api/crisis-protocol').catch(() => undefined);
    if (info) {
      save({
        ...(readReference(me.id) ?? { userId: me.id }),
        userId: me.id,
        savedAt: new Date().toISOString(),
        crisis: info,
      });
      return { info };
    }
  }
  const cached = readReference(me.id);
  return cached?.crisis ? { info: cached.crisis, savedAt: cached.savedAt } : {};
}

/**
 * After sign-in, for people who screen: keep the reference data and every language's words, and load
 * the screening and crisis code now, so a kitchen with no signal finds them ready.
 */
export function warmUp(me: Me): void {
  if (!roleCan(me.role, 'screenings.work')) return;
  void refreshReference(me);
  // The protocol can switch to the person's language: every language's words, not only the screen's.
  for (const locale of locales) void loadMessages(locale).catch(() => undefined);
  void import('../screenings/ScreeningScreen');
  void import('../screenings/ScreeningSection');
  void import('../safety-plans/SafetyPlanSection');
}
