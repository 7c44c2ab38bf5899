import { randomInt } from 'node:crypto';
import { hashToken } from '../../http/tokens.js';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes of 12 base32 characters (60 bits each), shown as `ABCD-EFGH-IJKL`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
    return raw.match(/.{4}/g)?.join('-') ?? raw;
  });
}

/** What the database keeps: random codes need no slow hash, only one that cannot be reversed. */
export function hashRecoveryCode(code: string): string {
  return hashToken(code.replace(/[\s-]/g, '').toUpperCase());
}
