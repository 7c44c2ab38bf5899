import { resolve } from 'node:path';
import { z } from 'zod';
import { about } from './values.js';

/** Where the audit chain's key and signed heads live, spread into the one list of environment variables in config.ts. */
export const auditEnv = {
  // The audit chain's key, kept outside the database: from here, else from AUDIT_KEY_FILE (made on first start).
  AUDIT_KEY: z
    .string()
    .min(32, { message: 'must be at least 32 characters (openssl rand -base64 32)' })
    .optional()
    .meta(
      about(
        "the audit chain's HMAC key (≥ 32 characters, e.g. `openssl rand -base64 32`); kept outside the database",
      ),
    ),
  AUDIT_KEY_FILE: z
    .string()
    .min(1)
    .optional()
    .meta(
      about(
        'without `AUDIT_KEY`, the key file: made with 32 random bytes and mode 0600 on first start, next to (not in) the data folder; refused if others can read it. Back it up apart from the database',
        '<DATA_DIR>-audit.key',
      ),
    ),
  AUDIT_CHECKPOINT_FILE: z
    .string()
    .min(1)
    .optional()
    .meta(
      about(
        'append-only file of signed audit-chain heads (also logged as `auditCheckpoint`, for shipping elsewhere)',
        '<DATA_DIR>-audit-checkpoints.log',
      ),
    ),
};

/** The audit chain's key: never printed. */
export const auditSecrets = ['AUDIT_KEY'];

/** `dataDir` names the key file and the checkpoint file when their settings do not. */
export function auditSettings(env: z.infer<z.ZodObject<typeof auditEnv>>, dataDir: string) {
  return {
    /** Filled from AUDIT_KEY, or from the key file by `withAuditKey` when the server or a command starts. */
    auditKey: env.AUDIT_KEY as string | undefined,
    auditKeyFile: resolve(env.AUDIT_KEY_FILE ?? `${resolve(dataDir)}-audit.key`),
    /** Signed heads of every audit chain, appended outside the database; undefined only in tests. */
    auditCheckpointFile: resolve(env.AUDIT_CHECKPOINT_FILE ?? `${resolve(dataDir)}-audit-checkpoints.log`) as
      | string
      | undefined,
  };
}
