import type { Me, Role } from '@puente/core';
import { roleCan } from '@puente/core';
import { remote, setAdapter } from './data';
import { SyncEngine } from './engine';
import { watchIdle } from './idle';
import { listenForNews } from './news';
import type { LocalStore } from './store';
import { wipeDevice } from './vault';

export { idleSinceLastUse, lockMinutes } from './idle';

/** Roles that work in the field and keep their caseload on the phone. */
export const keepsCaseload = (role: Role) => roleCan(role, 'sync.use');

interface Open {
  store: LocalStore;
  engine: SyncEngine;
}

let open: Open | undefined;
let stopWatching: (() => void) | undefined;
let stopNews: (() => void) | undefined;
const lockListeners = new Set<() => void>();
const erasedListeners = new Set<() => void>();

let localCode: Promise<typeof import('./local')> | undefined;

/**
 * Starts loading the local adapter's code (code only, nothing about a person):
 * called while the PIN is asked, so an unlock does not wait for it once the
 * copy is open. A failed load is tried again next time.
 */
export function loadLocal(): Promise<typeof import('./local')> {
  localCode ??= import('./local').catch((error: unknown) => {
    localCode = undefined;
    throw error;
  });
  return localCode;
}

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
 * only now, or from the PIN screen (loadLocal), so the sign-in screen stays
 * small; the service worker keeps it.
 */
export async function begin(store: LocalStore, me: Me): Promise<Open> {
  end();
  const { localAdapter } = await loadLocal();
  const engine = new SyncEngine(store, eraseOnSignal);
  open = { store, engine };
  setAdapter(localAdapter(store, engine));
  if (store.state.me.id === me.id) void store.saveState({ me });
  engine.start();
  stopWatching = watchIdle(lock);
  // Live news while online: a partner's answer reaches the phone in seconds instead of at the next sync.
  stopNews = listenForNews(store, engine);
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
  stopWatching?.();
  stopWatching = undefined;
  stopNews?.();
  stopNews = undefined;
  open?.engine.stop();
  open = undefined;
  setAdapter(remote);
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
