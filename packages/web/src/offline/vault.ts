import type { Me } from '@puente/core';
import {
  deriveKey,
  newDataKey,
  openBytes,
  PBKDF2_ITERATIONS,
  randomBytes,
  type Sealed,
  sealBytes,
  useDataKey,
} from './crypto';
import { deleteDatabase, get, openDatabase, write } from './idb';
import { forgetLibrary } from './library';

/** Wrong PINs allowed before the phone's copy is erased. */
export const MAX_PIN_FAILURES = 5;

/**
 * Kept in the clear: whose copy this is and the data key wrapped by the
 * PIN-derived key. Never the PIN, never anything about a person.
 */
export interface Vault {
  userId: string;
  device: string;
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  wrapped: Sealed;
  failures: number;
}

export interface Opened {
  db: IDBDatabase;
  key: CryptoKey;
  vault: Vault;
}

// A reload in the same tab should not ask for the PIN again: the data key is
// also wrapped by a secret kept in this tab's sessionStorage, which the
// browser drops when the tab or browser closes. Locking forgets both.
const TAB_SECRET = 'puente.resume';

async function tabKey(secret: Uint8Array<ArrayBuffer>) {
  return crypto.subtle.importKey('raw', secret, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

const toBase64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const fromBase64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function rememberInTab(db: IDBDatabase, raw: Uint8Array<ArrayBuffer>): Promise<void> {
  try {
    const secret = randomBytes(32);
    await write(db, 'meta', [{ key: 'resume', value: await sealBytes(await tabKey(secret), raw) }]);
    sessionStorage.setItem(TAB_SECRET, toBase64(secret));
  } catch {
    // No sessionStorage: the PIN is asked on every load, which is safe.
  }
}

/** Forgets the tab's way in: the next load asks for the PIN. */
export async function forgetTab(db: IDBDatabase): Promise<void> {
  try {
    sessionStorage.removeItem(TAB_SECRET);
  } catch {
    // Nothing was kept.
  }
  await write(db, 'meta', [], ['resume']);
}

/** Is there a locked copy on this phone, and whose? */
export async function peekVault(): Promise<Vault | undefined> {
  const db = await openDatabase();
  try {
    return await get<Vault>(db, 'meta', 'vault');
  } finally {
    db.close();
  }
}

/** Erases everything Puente keeps on the phone. */
export async function wipeDevice(): Promise<void> {
  await deleteDatabase();
  await forgetLibrary();
}

/** A fresh copy for this person, protected by this PIN (any older copy is erased first). */
export async function createVault(me: Me, pin: string): Promise<Opened> {
  await wipeDevice();
  const raw = newDataKey();
  const salt = randomBytes(16);
  const vault: Vault = {
    userId: me.id,
    device: crypto.randomUUID(),
    salt,
    iterations: PBKDF2_ITERATIONS,
    wrapped: await sealBytes(await deriveKey(pin, salt), raw),
    failures: 0,
  };
  const db = await openDatabase();
  await write(db, 'meta', [{ key: 'vault', value: vault }]);
  await rememberInTab(db, raw);
  return { db, key: await useDataKey(raw), vault };
}

/** Opens the copy with a PIN. Each wrong PIN is counted; the fifth erases the copy. */
export async function unlockVault(pin: string): Promise<Opened | { wrong: number } | { wiped: true }> {
  const db = await openDatabase();
  const vault = await get<Vault>(db, 'meta', 'vault');
  if (!vault) {
    db.close();
    return { wiped: true };
  }
  const kek = await deriveKey(pin, vault.salt, vault.iterations);
  // AES-GCM refuses to unwrap with the wrong key: that is the PIN check.
  const raw = await openBytes(kek, vault.wrapped).catch(() => undefined);
  if (!raw) {
    const failures = vault.failures + 1;
    if (failures >= MAX_PIN_FAILURES) {
      db.close();
      await wipeDevice();
      return { wiped: true };
    }
    await write(db, 'meta', [{ key: 'vault', value: { ...vault, failures } }]);
    db.close();
    return { wrong: MAX_PIN_FAILURES - failures };
  }
  const opened = { ...vault, failures: 0 };
  if (vault.failures > 0) await write(db, 'meta', [{ key: 'vault', value: opened }]);
  await rememberInTab(db, raw);
  return { db, key: await useDataKey(raw), vault: opened };
}

/** Opens the copy without the PIN after a reload in the same tab, when it was not locked since. */
export async function resumeVault(): Promise<Opened | undefined> {
  let secret: string | null = null;
  try {
    secret = sessionStorage.getItem(TAB_SECRET);
  } catch {
    return undefined;
  }
  if (!secret) return undefined;
  const db = await openDatabase();
  const [vault, sealed] = await Promise.all([
    get<Vault>(db, 'meta', 'vault'),
    get<Sealed>(db, 'meta', 'resume'),
  ]);
  const raw =
    vault && sealed
      ? await openBytes(await tabKey(fromBase64(secret)), sealed).catch(() => undefined)
      : undefined;
  if (!vault || !raw) {
    db.close();
    return undefined;
  }
  return { db, key: await useDataKey(raw), vault };
}
