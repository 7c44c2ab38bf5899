import type { Me, Role } from '@puente/core';
import { roleCan } from '@puente/core';
import { remote, useAdapter } from './data';
import { SyncEngine } from './engine';
import type { LocalStore } from './store';
import { wipeDevice } from './vault';

/** Roles that work in the field and keep their caseload on the phone. */
export const keepsCaseload = (role: Role) => roleCan(role, 'sync.use');

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

interface Open {
  store: LocalStore;
  engine: SyncEngine;
}

let open: Open | undefined;
let lastActive = Date.now();
let idleTimer: ReturnType<typeof setInterval> | undefined;
const lockListeners = new Set<() => void>();
// The moment of the last tap, kept for this tab: a tab the phone discarded
// reloads without the PIN only if it was in use within the idle time.
const ACTIVE_AT = 'puente.activeAt';
const activity = () => {
  lastActive = Date.now();
  try {
    sessionStorage.setItem(ACTIVE_AT, String(lastActive));
  } catch {
    // No sessionStorage: no reload opens without the PIN anyway.
  }
};

/** Whether the tab sat unused longer than the idle time: then a reload asks for the PIN. */
export function idleSinceLastUse(): boolean {
  try {
    const at = Number(sessionStorage.getItem(ACTIVE_AT));
    return !(at > 0) || Date.now() - at > lockMinutes() * 60_000;
  } catch {
    return true;
  }
}
const idleTooLong = () => Date.now() - lastActive > lockMinutes() * 60_000;
// A tab in the background gets no timer ticks (phones freeze it), so the idle
// time is also checked the moment it is shown again, before anything is read.
const resumed = () => {
  if (document.visibilityState === 'visible' && idleTooLong()) lock();
};
const erasedListeners = new Set<() => void>();

/** The unlocked copy and its sync engine, while the app is unlocked. */
export const unlocked = (): Open | undefined => open;

/** Tells the gate to ask for the PIN again. */
export function onLock(listener: () => void): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

/**
 * Starts working from the phone's copy: screens read it, the engine syncs it.
 * The local adapter (with the form checks it shares with the server) loads
 * only now, so the sign-in screen stays small; the service worker keeps it.
 */
export async function begin(store: LocalStore, me: Me): Promise<Open> {
  end();
  const { localAdapter } = await import('./local');
  const engine = new SyncEngine(store);
  open = { store, engine };
  useAdapter(localAdapter(store, engine));
  if (store.state.me.id === me.id) void store.saveState({ me });
  engine.start();
  activity();
  for (const type of ['pointerdown', 'keydown']) addEventListener(type, activity, { passive: true });
  document.addEventListener('visibilitychange', resumed);
  addEventListener('pageshow', resumed);
  idleTimer = setInterval(() => {
    if (idleTooLong()) lock();
  }, 15_000);
  return open;
}

/** Forgets the key and every decrypted record; the data stays on the phone, encrypted, behind the PIN. */
export function lock(): void {
  const was = open;
  end();
  void was?.store.lock();
  for (const l of lockListeners) l();
}

function end(): void {
  if (idleTimer) clearInterval(idleTimer);
  for (const type of ['pointerdown', 'keydown']) removeEventListener(type, activity);
  document.removeEventListener('visibilitychange', resumed);
  removeEventListener('pageshow', resumed);
  open?.engine.stop();
  open = undefined;
  useAdapter(remote);
}

/** Tells the app the phone's copy was erased on the server's word (a disabled device or account). */
export function onErased(listener: () => void): () => void {
  erasedListeners.add(listener);
  return () => erasedListeners.delete(listener);
}

/** The server said this device must erase its copy: pending changes included, as an admin decided. */
export async function eraseOnSignal(): Promise<void> {
  const was = open;
  end();
  // Its connection closed first, or the database would wait for it to be deleted.
  was?.store.close();
  await wipeDevice();
  for (const l of erasedListeners) l();
}
