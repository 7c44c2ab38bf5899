import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.js';

const KEY_FILE = 'two-factor.key';
const keys = new Map<string, Buffer>();

/**
 * The key that seals TOTP secrets: TWO_FACTOR_KEY, else a key file in the data
 * folder made on first use (0600). Kept outside the database, so a copy of the
 * database alone opens no one's second factor.
 */
export function twoFactorKey(config: Config): Buffer {
  if (config.twoFactorKey) return config.twoFactorKey;
  const path = join(config.dataDir, KEY_FILE);
  const known = keys.get(path);
  if (known) return known;
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  try {
    // 'wx': two processes starting together cannot both write a key; the loser reads the winner's.
    writeFileSync(path, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${KEY_FILE} must hold 32 bytes in base64`);
  keys.set(path, key);
  return key;
}

/** AES-256-GCM: `v1.iv.tag.ciphertext`, base64url; `context` (the user id) binds a sealed secret to its row. */
export function seal(key: Buffer, plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Opens what `seal` made; throws when the key, the context or the bytes differ. */
export function open(key: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
