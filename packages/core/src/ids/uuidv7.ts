import { z } from 'zod';

/**
 * Time-ordered UUID (RFC 9562 version 7). Made on the phone or the server,
 * so a record has its id before it ever reaches the network.
 * @example uuidv7() // '019c1b9e-8f2a-7c3d-9b1e-2f4a6c8d0e1f'
 */
export function uuidv7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The creation time written into a version 7 UUID. */
export function uuidv7Time(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

/**
 * A version 7 UUID as JSON Schema says it (`format: uuid` alone admits any version):
 * what the API document gives where the caller must make the id with `uuidv7()`.
 */
export const UUIDV7_PATTERN =
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-7[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$';

/** An id the caller makes with `uuidv7()`, so a resend of the same record is recognised. */
export const UuidV7 = z.uuid({ version: 'v7' }).meta({
  pattern: UUIDV7_PATTERN,
  description: 'A UUID version 7 (RFC 9562), made by the caller',
});
