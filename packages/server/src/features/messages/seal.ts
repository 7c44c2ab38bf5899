import { hkdfSync } from 'node:crypto';
import type { Config } from '../../config.js';
import { open, seal, twoFactorKey } from '../two-factor/secret-box.js';

const keys = new WeakMap<Buffer, Buffer>();

/**
 * The key that seals message bodies: derived (HKDF-SHA256) from the server's
 * sealing key (TWO_FACTOR_KEY or its key file), so it lives outside the
 * database, moves with it in `move-to-postgres`, and is never the same key
 * as the one sealing second factors.
 */
function textKey(config: Config): Buffer {
  const root = twoFactorKey(config);
  let key = keys.get(root);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), 'puente text messages v1', 32));
    keys.set(root, key);
  }
  return key;
}

/** A message body sealed to its row (the message id), as sensitive data at rest. */
export const sealBody = (config: Config, messageId: string, body: string): string =>
  seal(textKey(config), body, `text:${messageId}`);

/** The body `sealBody` sealed; throws if the row, the key or the bytes differ. */
export const openBody = (config: Config, messageId: string, sealed: string): string =>
  open(textKey(config), sealed, `text:${messageId}`);
