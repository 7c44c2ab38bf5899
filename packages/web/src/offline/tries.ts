// The PIN's wrappings of the data key, one per try left.
//
// Why not a counter: a `failures` number kept beside the wrapped key could be
// set back to 0 by anyone editing the browser's storage, for as many guesses as
// they like through the app. So the count is bound into what the key
// derivation needs instead: the data key is sealed once per try left, each
// sealing bound (AES-GCM additional data) to its try's number. A try first
// drops the lowest-numbered sealing (and any copy of it) from storage, then
// checks the PIN against it; the right PIN seals a fresh set. Editing storage
// cannot make tries: a new sealing needs the data key, a copied one carries its
// own number (relabelled, it opens for no PIN at all; duplicated, it goes with
// the first use of that number). Only putting back a whole earlier copy of the
// storage helps, and whoever can do that can as well guess against the copy
// offline: against that, the PIN's length and PBKDF2's cost are what protect
// the data, so a PIN may be a passphrase.
import { deriveKey, PBKDF2_ITERATIONS, randomBytes, type Sealed } from './crypto';

/** Wrong PINs allowed before the copy can no longer be opened with a PIN. */
export const MAX_PIN_TRIES = 5;
/** A PIN is at least this long: six digits, or a passphrase of any characters. */
export const MIN_PIN = 6;
export const MAX_PIN = 128;

/** The data key sealed for try number `n`. */
export interface PinTry {
  n: number;
  sealed: Sealed;
}

/** What the PIN needs, kept in the clear: never the PIN, never the data key. */
export interface PinLock {
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  tries: PinTry[];
}

/** Why a new PIN cannot be used, if it cannot. */
export function pinProblem(pin: string): 'short' | 'long' | undefined {
  const length = [...pin].length;
  if (length < MIN_PIN || pin.trim().length === 0) return 'short';
  return length > MAX_PIN ? 'long' : undefined;
}

const bound = (n: number) => new TextEncoder().encode(`puente-pin-try:${n}`);

async function sealTries(kek: CryptoKey, raw: Uint8Array<ArrayBuffer>): Promise<PinTry[]> {
  const tries: PinTry[] = [];
  for (let n = 0; n < MAX_PIN_TRIES; n++) {
    const iv = randomBytes(12);
    const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: bound(n) }, kek, raw);
    tries.push({ n, sealed: { iv, data } });
  }
  return tries;
}

async function openTry(kek: CryptoKey, t: PinTry): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: t.sealed.iv, additionalData: bound(t.n) },
      kek,
      t.sealed.data,
    );
    return new Uint8Array(plain);
  } catch {
    return undefined;
  }
}

/** Tries left: distinct numbers, so a duplicated sealing counts once. */
export const triesLeft = (tries: readonly PinTry[]) => new Set(tries.map((t) => t.n)).size;

/** A new PIN for a data key: a fresh salt and a full set of tries. */
export async function newPinLock(
  pin: string,
  raw: Uint8Array<ArrayBuffer>,
  iterations = PBKDF2_ITERATIONS,
): Promise<PinLock> {
  const salt = randomBytes(16);
  return { salt, iterations, tries: await sealTries(await deriveKey(pin, salt, iterations), raw) };
}

/**
 * One try of a PIN. `save` keeps the tries left: called before the PIN is
 * checked (so closing the app mid-check does not give the try back), and
 * again with a full set when the PIN was right.
 */
export async function tryPin(
  lock: PinLock,
  pin: string,
  save: (tries: PinTry[]) => Promise<void>,
): Promise<{ raw: Uint8Array<ArrayBuffer> } | { left: number }> {
  const lowest = Math.min(...lock.tries.map((t) => t.n));
  const current = lock.tries.find((t) => t.n === lowest);
  if (!current) return { left: 0 };
  const rest = lock.tries.filter((t) => t.n > lowest);
  await save(rest);
  const kek = await deriveKey(pin, lock.salt, lock.iterations);
  const raw = await openTry(kek, current);
  if (!raw) return { left: triesLeft(rest) };
  await save(await sealTries(kek, raw));
  return { raw };
}
