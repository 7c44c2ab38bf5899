import { randomBytes } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import type { BackupSettings } from './settings.js';

/** No key, or one that cannot be used: said plainly, without a stack. */
export class BackupKeyError extends Error {}

const decode = (text: string): Buffer | undefined => {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) return undefined;
  const key = Buffer.from(t, 'base64');
  return key.length === 32 ? key : undefined;
};

/**
 * The key that seals backups: PUENTE_BACKUP_KEY, else the key file. Unlike
 * the audit key it is never made on its own: a key made silently beside the
 * data is lost with the machine, and so is every backup it sealed. The
 * operator makes it (`puente backup-key`) and is told to keep a copy.
 */
export async function loadBackupKey(settings: Pick<BackupSettings, 'key' | 'keyFile'>): Promise<Buffer> {
  if (settings.key) return settings.key;
  const file = settings.keyFile;
  let mode: number;
  try {
    ({ mode } = await stat(file));
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    throw new BackupKeyError(
      `No backup key: backups are always encrypted, and neither PUENTE_BACKUP_KEY nor the key file ${file} is there.\n` +
        `Make one with \`puente backup-key\` (or set PUENTE_BACKUP_KEY_FILE to a key you have), then keep a copy of it apart from the backups.`,
    );
  }
  if ((mode & 0o077) !== 0) {
    throw new BackupKeyError(
      `The backup key file ${file} can be read by other users: run \`chmod 600 ${file}\` and try again.`,
    );
  }
  const key = decode(await readFile(file, 'utf8'));
  if (!key) {
    throw new BackupKeyError(
      `The backup key file ${file} does not hold a key (32 bytes in base64, as \`openssl rand -base64 32\` prints).`,
    );
  }
  return key;
}

/** Writes a new key file (mode 0600); refuses to replace one, which would orphan the backups it sealed. */
export async function makeBackupKeyFile(file: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') {
      throw new BackupKeyError(
        `${file} already exists: Puente never replaces a backup key, since the backups it sealed open only with it.`,
      );
    }
    throw error;
  }
  try {
    await handle.writeFile(`${randomBytes(32).toString('base64')}\n`);
  } finally {
    await handle.close();
  }
}
