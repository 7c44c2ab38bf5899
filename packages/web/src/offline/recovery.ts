// The second wrapping of the data key: by a key derived from the device's
// share, a random secret the server keeps and hands back only to a password
// sign-in made on this phone within the last minutes. A forgotten PIN (or five
// wrong ones) is then recovered by signing in again, and the changes waiting on
// the phone are kept. The share itself is never stored in the browser: it is
// used in memory and dropped.
import { api } from '../app/api';
import { randomBytes, type Sealed } from './crypto';

/** The data key sealed by the share's key; kept in the clear beside the PIN's tries. */
export interface Recovery {
  salt: Uint8Array<ArrayBuffer>;
  sealed: Sealed;
}

async function shareKey(share: string, device: string, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(share), 'HKDF', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt,
      info: new TextEncoder().encode(`puente-device-recovery:${device}`),
    },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function sealRecovery(
  share: string,
  device: string,
  raw: Uint8Array<ArrayBuffer>,
): Promise<Recovery> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await shareKey(share, device, salt), raw);
  return { salt, sealed: { iv, data } };
}

/** The data key, or undefined when the share is not this copy's. */
export async function openRecovery(
  share: string,
  device: string,
  recovery: Recovery,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    const key = await shareKey(share, device, recovery.salt);
    const { iv, data } = recovery.sealed;
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, data));
  } catch {
    return undefined;
  }
}

/** Asks the server for the device's share; throws the server's refusal (e.g. the sign-in is not fresh). */
export async function fetchShare(device: string): Promise<string> {
  return (await api<{ share: string }>('POST', '/api/sync/device-key', { device })).share;
}

/** Whether the server says this device must erase its copy (it, or its person's account, was disabled). */
export async function mustErase(device: string): Promise<boolean> {
  try {
    return (await api<{ erase: boolean }>('POST', '/api/sync/device-status', { device })).erase;
  } catch {
    // No answer is no signal: the copy stays.
    return false;
  }
}
