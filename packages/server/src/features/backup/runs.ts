import { BackupError, type BackupResult } from './backup.js';

/**
 * Why a backup failed, as a word the admin screen and its refusal translate:
 * never the error's own text, which can quote a row's values or a path.
 */
export type FailureReason = 'noSpace' | 'noAccess' | 'database' | 'unknown';

export function reasonOf(error: unknown): FailureReason {
  const code = (error as { code?: unknown }).code;
  // 53100 is PostgreSQL's disk_full.
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === '53100') return 'noSpace';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') return 'noAccess';
  if (error instanceof BackupError || (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)))
    return 'database';
  return 'unknown';
}

/**
 * What this process knows of its backups beyond the files: whether one is
 * being made now, and the last failure since the last success. Kept in
 * memory, like the backup-age metric: the files themselves are the record of
 * what succeeded, and a failure forgotten by a restart shows again at the
 * schedule's next try (and as an old newest backup meanwhile).
 */
const state: { running: boolean; lastFailure?: { at: Date; reason: FailureReason } } = { running: false };

export const backupRunning = () => state.running;
export const lastFailure = () => state.lastFailure;

/**
 * Runs one backup in this process at a time, whether the schedule or an
 * admin asks: undefined, without running `work`, while another runs here
 * (`takeBackup`'s lock answers the same for another server). The check and
 * the claim happen in one synchronous step, so parallel requests cannot both pass.
 */
export async function oneBackupAtATime(
  work: () => Promise<BackupResult | undefined>,
  now: () => Date = () => new Date(),
): Promise<BackupResult | undefined> {
  if (state.running) return undefined;
  state.running = true;
  try {
    const made = await work();
    if (made) state.lastFailure = undefined;
    return made;
  } catch (error) {
    state.lastFailure = { at: now(), reason: reasonOf(error) };
    throw error;
  } finally {
    state.running = false;
  }
}
