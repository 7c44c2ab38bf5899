import type { Config } from './config.js';
import type { Database } from './db/types.js';
import type { auditSeal } from './features/audit/key.js';
import { startAuditLinker } from './features/audit/link.js';
import type { loadBackupKey } from './features/backup/key.js';
import { startBackupSchedule } from './features/backup/schedule.js';
import { startJobs } from './features/notifications/jobs.js';
import { smtpMailer } from './features/notifications/mailer.js';
import type { Logger } from './log.js';

/** What the background work needs, for a process that runs it. */
export interface BackgroundDeps {
  db: Database;
  config: Config;
  seal: ReturnType<typeof auditSeal>;
  backupKey: Awaited<ReturnType<typeof loadBackupKey>> | undefined;
  log: Logger;
}

/**
 * Alert escalation, emails, texts, referral follow-ups, the audit linker and
 * the backup schedule. Each is safe beside another server running it (claims
 * with FOR UPDATE SKIP LOCKED, unique indexes, advisory locks), but a cluster
 * still runs them in one process only: N copies would only compete.
 */
export async function startBackground(
  deps: BackgroundDeps,
): Promise<{ stop(): Promise<void>; start(): Promise<void> }> {
  const { db, config, seal, backupKey, log } = deps;
  // Alert escalation and emails run beside the requests, in this process.
  let jobs = startJobs({ db, config, log, mailer: smtpMailer(config) });
  // Audit events join their organization's hash chain just after they commit, and each new head is checkpointed.
  let linker = startAuditLinker(db, seal, log);
  const backupDir = config.backup.dir;
  const schedule = () =>
    backupDir && backupKey
      ? startBackupSchedule({ db, settings: { ...config.backup, dir: backupDir }, key: backupKey, log })
      : undefined;
  let backups = await schedule();
  return {
    // A move pauses them all (none may write after its snapshot), and starts them again if it fails.
    async stop() {
      await backups?.stop();
      await jobs.stop();
      await linker.stop();
    },
    async start() {
      jobs = startJobs({ db, config, log, mailer: smtpMailer(config) });
      linker = startAuditLinker(db, seal, log);
      try {
        backups = await schedule();
      } catch (error) {
        log.error({ err: { name: (error as Error).name } }, 'backup schedule did not restart');
      }
    },
  };
}
