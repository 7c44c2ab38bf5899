import { resolve } from 'node:path';
import { z } from 'zod';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** PUENTE_BACKUP_EVERY in milliseconds: hourly, daily, weekly, or <n>m, <n>h, <n>d of at least 15 minutes. */
export function backupInterval(text: string): number | undefined {
  const named = ({ hourly: '1h', daily: '1d', weekly: '7d' } as Record<string, string>)[text] ?? text;
  const m = /^(\d{1,5})([mhd])$/.exec(named);
  if (!m) return undefined;
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  return ms >= 15 * 60_000 ? ms : undefined;
}

/**
 * The backup settings, spread into the one list of environment variables in
 * config.ts (which writes `.env.example` and the README table from it).
 */
export const backupEnv = {
  // Backups are sealed with this key, else with the key file; a backup is never written in clear.
  PUENTE_BACKUP_KEY: z
    .string()
    .refine((v) => /^[A-Za-z0-9+/_-]{43}=?$/.test(v) && Buffer.from(v, 'base64').length === 32, {
      message: 'must be 32 bytes in base64 (openssl rand -base64 32)',
    })
    .optional()
    .meta({
      description:
        'the key that seals backups (32 bytes in base64, e.g. `openssl rand -base64 32`); keep a copy apart from the backups',
    }),
  PUENTE_BACKUP_KEY_FILE: z.string().min(1).optional().meta({
    description:
      'without `PUENTE_BACKUP_KEY`, the file holding it: made by `puente backup-key` (mode 0600), never made by itself; refused if others can read it',
    shown: '<DATA_DIR>-backup.key',
  }),
  PUENTE_BACKUP_DIR: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'folder for scheduled backups; without it the server makes none' }),
  PUENTE_BACKUP_EVERY: z
    .string()
    .refine((v) => backupInterval(v) !== undefined, {
      message: 'must be hourly, daily, weekly or a duration such as 6h or 2d (at least 15m)',
    })
    .default('daily')
    .meta({
      description: 'how often the server makes a backup: `hourly`, `daily`, `weekly`, or `6h`, `2d` …',
    }),
  PUENTE_BACKUP_KEEP: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(10_000, { message: 'must be at most 10000' })
    .default(14)
    .meta({
      description: 'how many scheduled backups to keep in `PUENTE_BACKUP_DIR`; older ones are deleted',
    }),
};

type BackupEnv = z.infer<z.ZodObject<typeof backupEnv>>;

export interface BackupSettings {
  /** From PUENTE_BACKUP_KEY; otherwise `loadBackupKey` reads `keyFile` (never made without being asked). */
  key: Buffer | undefined;
  keyFile: string;
  /** Where scheduled backups go; no schedule without it. */
  dir: string | undefined;
  everyMs: number;
  keep: number;
}

export function backupSettings(env: BackupEnv, dataDir: string): BackupSettings {
  return {
    key: env.PUENTE_BACKUP_KEY ? Buffer.from(env.PUENTE_BACKUP_KEY, 'base64') : undefined,
    keyFile: resolve(env.PUENTE_BACKUP_KEY_FILE ?? `${resolve(dataDir)}-backup.key`),
    dir: env.PUENTE_BACKUP_DIR ? resolve(env.PUENTE_BACKUP_DIR) : undefined,
    everyMs: backupInterval(env.PUENTE_BACKUP_EVERY) ?? UNIT_MS.d,
    keep: env.PUENTE_BACKUP_KEEP,
  };
}
