// De-identification helpers for the evaluators' extract. Pure: Web Crypto only, no I/O.

/** Age bands of the extract: wide enough that a band and a neighbourhood do not single anyone out. */
export const ageBands = ['0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export type AgeBand = (typeof ageBands)[number];

/**
 * The band of someone's age on a day, from their birth date (both YYYY-MM-DD).
 * @example ageBand('1990-06-15', '2026-06-14') // '35-44'
 */
export function ageBand(birthDate: string, onDay: string): AgeBand {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDay.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  const lows = [0, 18, 25, 35, 45, 55, 65];
  let index = 0;
  for (const [i, low] of lows.entries()) if (age >= low) index = i;
  return ageBands[index] ?? '0-17';
}

const encoder = new TextEncoder();

async function hmac(secret: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A pseudonymous id: the same person gets the same id under the same key, and no
 * one without the key can link it back. The extract makes a new key each time,
 * so ids hold within one file and link nothing across files.
 * @example await pseudonym(secret, clientId) // 'p-3f9a…' (16 hex digits)
 */
export async function pseudonym(secret: string, clientId: string): Promise<string> {
  return `p-${hex(await hmac(secret, `id:${clientId}`)).slice(0, 16)}`;
}

/** Shifts are drawn from ±this many days: enough to hide a visit's day, small enough to keep seasons. */
export const MAX_SHIFT_DAYS = 90;

/**
 * The person's own date shift, in days, never 0: every date of theirs moves by
 * it, so intervals between their events stay true.
 */
export async function dateShiftDays(secret: string, clientId: string): Promise<number> {
  const bytes = await hmac(secret, `shift:${clientId}`);
  const n = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
  const magnitude = (n % MAX_SHIFT_DAYS) + 1;
  return (bytes[2] ?? 0) % 2 === 0 ? magnitude : -magnitude;
}

/**
 * A calendar day moved by whole days.
 * @example shiftDate('2026-03-01', -1) // '2026-02-28'
 */
export function shiftDate(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
