import type { Me } from '@puente/core';
import {
  deriveKey,
  importDataKey,
  newDataKey,
  openBytes,
  randomBytes,
  type Sealed,
  sealBytes,
} from './crypto';
import { clear, count, deleteDatabase, get, openDatabase, write } from './idb';
import { forgetLibrary } from './library';
import { openRecovery, type Recovery, sealRecovery } from './recovery';
import { MAX_PIN_TRIES, newPinLock, type PinLock, type PinTry, pinProblem, triesLeft, tryPin } from './tries';

/**
 * Kept in the clear: whose copy this is, the data key sealed once per PIN try
 * left (tries.ts) and sealed by the server's device share (recovery.ts). Never
 * the PIN, never the share, never anything about a person.
 */
export interface Vault extends PinLock {
  userId: string;
  device: string;
  /** Absent on copies made offline or before shares existed: a forgotten PIN then erases. */
  recovery?: Recovery;
}

/** A copy from before the tries: one wrapping and a counter anyone could reset. */
interface OldVault {
  userId: string;
  device: string;
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  wrapped?: Sealed;
  failures?: number;
  tries?: PinTry[];
  recovery?: Recovery;
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

/** Changes on the phone the server has not taken yet (counted without the key: outbox keys are ids). */
export async function waitingChanges(): Promise<number> {
  const db = await openDatabase();
  try {
    return await count(db, 'outbox');
  } finally {
    db.close();
  }
}

/**
 * A fresh copy for this person on a new device id, protected by this PIN and,
 * when the server gave one, by the device's share (any older copy is erased first).
 */
export async function createVault(
  me: Me,
  pin: string,
  device: string,
  share: string | undefined,
): Promise<Opened> {
  await wipeDevice();
  const raw = newDataKey();
  const vault: Vault = {
    userId: me.id,
    device,
    ...(await newPinLock(pin, raw)),
    ...(share ? { recovery: await sealRecovery(share, device, raw) } : {}),
  };
  const db = await openDatabase();
  await write(db, 'meta', [{ key: 'vault', value: vault }]);
  await rememberInTab(db, raw);
  return { db, key: await importDataKey(raw), vault };
}

/**
 * A copy kept by an older app: the right PIN turns its single wrapping into a
 * full set of tries; a wrong one counts as it used to, to the same limit.
 */
async function upgraded(db: IDBDatabase, old: OldVault, pin: string): Promise<Vault | { wrong: number }> {
  if (old.tries) return old as Vault;
  const raw =
    old.wrapped &&
    (await openBytes(await deriveKey(pin, old.salt, old.iterations), old.wrapped).catch(() => undefined));
  const base = {
    userId: old.userId,
    device: old.device,
    ...(old.recovery ? { recovery: old.recovery } : {}),
  };
  if (!raw) {
    const failures = (old.failures ?? 0) + 1;
    if (failures >= MAX_PIN_TRIES) return { ...base, salt: old.salt, iterations: old.iterations, tries: [] };
    await write(db, 'meta', [{ key: 'vault', value: { ...old, failures } }]);
    return { wrong: MAX_PIN_TRIES - failures };
  }
  const vault: Vault = { ...base, ...(await newPinLock(pin, raw, old.iterations)) };
  await write(db, 'meta', [{ key: 'vault', value: vault }]);
  return vault;
}

export type UnlockResult =
  | Opened
  | { wrong: number }
  | { wiped: true }
  /** No tries left, but changes wait: the caseload went, the changes stay sealed for a password sign-in. */
  | { lockedOut: number };

/**
 * Opens the copy with a PIN. Each wrong PIN uses up a try (tries.ts); with
 * none left, the caseload is erased, and so is everything else unless changes
 * wait and the copy can be recovered with the password (then they are kept).
 * `share` adds the server's wrapping to a copy that has none yet.
 */
export async function unlockVault(
  pin: string,
  share?: (device: string) => Promise<string | undefined>,
): Promise<UnlockResult> {
  const db = await openDatabase();
  const found = await get<OldVault>(db, 'meta', 'vault');
  const opened = found && (await upgraded(db, found, pin));
  if (!opened || 'wrong' in opened) {
    db.close();
    return opened ?? { wiped: true };
  }
  let vault = opened;
  const result = await tryPin(vault, pin, async (tries) => {
    vault = { ...(vault as Vault), tries };
    await write(db, 'meta', [{ key: 'vault', value: vault }]);
  });
  if ('left' in result) {
    if (result.left > 0) {
      db.close();
      return { wrong: result.left };
    }
    return outOfTries(db, vault);
  }
  if (!vault.recovery && share) {
    const got = await share(vault.device).catch(() => undefined);
    if (got) {
      vault = { ...vault, recovery: await sealRecovery(got, vault.device, result.raw) };
      await write(db, 'meta', [{ key: 'vault', value: vault }]);
    }
  }
  await rememberInTab(db, result.raw);
  return { db, key: await importDataKey(result.raw), vault };
}

async function outOfTries(db: IDBDatabase, vault: Vault): Promise<UnlockResult> {
  const waiting = await count(db, 'outbox');
  if (waiting === 0 || !vault.recovery) {
    db.close();
    await wipeDevice();
    return { wiped: true };
  }
  // The state goes with the caseload, so the next pull after recovery starts over.
  await clear(db, ['clients']);
  await write(
    db,
    'meta',
    [{ key: 'vault', value: { ...vault, tries: [] } }],
    ['state', 'directory', 'resume'],
  );
  db.close();
  return { lockedOut: waiting };
}

export type PinChange = { changed: true } | { wrong: number };

/**
 * Changes the PIN of the copy on this phone. The current PIN is checked as at
 * unlock, using up a try when wrong (so whoever finds a phone left unlocked
 * cannot guess their way to a PIN of their own); with none left the copy is
 * treated as at unlock the next time it is opened. The new PIN seals a fresh
 * set of tries under a new salt, replacing every sealing the old PIN opened, so
 * the old PIN opens nothing. The records stay sealed by the same data key:
 * nothing is encrypted again, and the server's wrapping and this tab's way back
 * in are unchanged.
 */
export async function changePin(current: string, next: string): Promise<PinChange> {
  if (pinProblem(next)) throw new Error('a new PIN the form should have refused');
  const db = await openDatabase();
  try {
    const vault = await get<Vault>(db, 'meta', 'vault');
    if (!vault?.tries) return { wrong: 0 };
    const result = await tryPin(vault, current, async (tries) => {
      await write(db, 'meta', [{ key: 'vault', value: { ...vault, tries } }]);
    });
    if ('left' in result) return { wrong: result.left };
    const renewed: Vault = { ...vault, ...(await newPinLock(next, result.raw)) };
    await write(db, 'meta', [{ key: 'vault', value: renewed }]);
    return { changed: true };
  } finally {
    db.close();
  }
}

/** "Forgot the PIN": the PIN can no longer open the copy; a password sign-in on this phone can. */
export async function forgetPin(): Promise<void> {
  const db = await openDatabase();
  try {
    const vault = await get<Vault>(db, 'meta', 'vault');
    if (vault) await write(db, 'meta', [{ key: 'vault', value: { ...vault, tries: [] } }], ['resume']);
  } finally {
    db.close();
  }
  try {
    sessionStorage.removeItem(TAB_SECRET);
  } catch {
    // Nothing was kept.
  }
}

/** Whether this copy waits for a password sign-in to be opened (its PIN was forgotten or used up). */
export const needsRecovery = (vault: Vault) => triesLeft(vault.tries ?? []) === 0;

/**
 * Opens the copy with the server's share after a fresh password sign-in, and
 * protects it with a new PIN; the changes waiting stay and are sent. Undefined
 * when the share does not open this copy.
 */
export async function recoverVault(share: string, pin: string): Promise<Opened | undefined> {
  const db = await openDatabase();
  const vault = await get<Vault>(db, 'meta', 'vault');
  const raw = vault?.recovery && (await openRecovery(share, vault.device, vault.recovery));
  if (!vault || !raw) {
    db.close();
    return undefined;
  }
  const renewed: Vault = { ...vault, ...(await newPinLock(pin, raw)) };
  await write(db, 'meta', [{ key: 'vault', value: renewed }]);
  await rememberInTab(db, raw);
  return { db, key: await importDataKey(raw), vault: renewed };
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
  return { db, key: await importDataKey(raw), vault };
}
