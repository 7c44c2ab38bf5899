import { createHmac, randomBytes } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import type { Config } from '../../config.js';

/** What keys and seals an organization's audit chain: the key (kept outside the database) and where heads are checkpointed. */
export interface AuditSeal {
  key: Buffer;
  checkpointFile: string | undefined;
}

/**
 * The audit seal of a configuration whose key is loaded (see `withAuditKey`).
 * @example const seal = auditSeal(c.get('config'));
 */
export function auditSeal(config: Pick<Config, 'auditKey' | 'auditCheckpointFile'>): AuditSeal {
  // A missing key is a start-up mistake, never a reason to write an unkeyed chain.
  if (!config.auditKey) throw new Error('The audit key is not loaded: call withAuditKey at start');
  return { key: Buffer.from(config.auditKey, 'utf8'), checkpointFile: config.auditCheckpointFile };
}

/** The key of one organization's chain, derived so no two organizations share one. */
export function chainKey(seal: AuditSeal, orgId: string): Buffer {
  return createHmac('sha256', seal.key).update(`puente audit chain\n${orgId}`).digest();
}

/** The key that signs checkpoints, apart from the chains' keys. */
export function checkpointKey(seal: AuditSeal): Buffer {
  return createHmac('sha256', seal.key).update('puente audit checkpoint').digest();
}

export class AuditKeyError extends Error {}

/**
 * Fills in the audit key: AUDIT_KEY when set, else the key file, made with
 * 32 random bytes and mode 0600 the first time. A key file others can read is
 * refused, as ssh refuses a private key others can read.
 */
export async function withAuditKey(config: Config): Promise<Config> {
  if (config.auditKey) return config;
  const file = config.auditKeyFile;
  try {
    // 'wx': made only if absent, so two servers starting together keep one key.
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${randomBytes(32).toString('base64url')}\n`);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  }
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    throw new AuditKeyError(
      `The audit key file ${file} can be read by other users: run \`chmod 600 ${file}\` and start again.`,
    );
  }
  const key = (await readFile(file, 'utf8')).trim();
  if (key.length < 32) throw new AuditKeyError(`The audit key file ${file} is empty or too short.`);
  return { ...config, auditKey: key };
}
