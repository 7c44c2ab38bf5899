import { every } from '../../background.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/types.js';
import type { Logger } from '../../log.js';
import { escalateOverdue } from '../alerts/raise.js';
import { alertClock } from '../alerts/service.js';
import { pruneLimits } from '../auth/limits.js';
import { configuredProvider, deliverDueTexts } from '../messages/deliver.js';
import { queueDueReminders } from '../messages/reminders.js';
import { followUpQuietReferrals } from '../referrals/follow-up.js';
import type { Mailer } from './mailer.js';
import { type DeliveryReport, deliverOutbox } from './outbox.js';

export interface JobDeps {
  db: Database;
  config: Config;
  log: Logger;
  /** Without a mailer, emails wait in the outbox; alerts still escalate in the app. */
  mailer: Mailer | undefined;
}

/** One pass of the background work at `now`: escalate overdue alerts, send due emails, follow up quiet referrals. */
export async function runJobsOnce(
  deps: JobDeps,
  now: Date,
): Promise<
  DeliveryReport & { escalated: number; referralFollowUps: number; reminders: number; texts: number }
> {
  const escalated = await escalateOverdue(deps.db, alertClock(deps.config, now));
  const delivered = deps.mailer
    ? await deliverOutbox(deps.db, deps.mailer, now, deps.log)
    : { sent: 0, failed: 0, skipped: 0 };
  const referralFollowUps = await followUpQuietReferrals(deps.db, now);
  // Texts, when a provider is set: reminders due now join the outbox, then the outbox's texts go.
  const provider = configuredProvider(deps.config);
  const reminders = provider ? await queueDueReminders(deps.db, deps.config, now) : 0;
  const texts = provider ? (await deliverDueTexts(deps.db, deps.config, provider, now, deps.log)).sent : 0;
  // Counters of guessing whose windows ended a day ago hold nothing left to enforce.
  await pruneLimits(deps.db);
  return { ...delivered, escalated, referralFollowUps, reminders, texts };
}

/** Runs the jobs every JOBS_INTERVAL_SECONDS in the server process. */
export function startJobs(deps: JobDeps): { stop(): Promise<void> } {
  if (!deps.mailer) deps.log.warn('SMTP_HOST is not set: risk alerts are in-app only until it is');
  const pass = async () => {
    const r = await runJobsOnce(deps, new Date());
    if (r.sent + r.failed + r.escalated + r.referralFollowUps + r.reminders + r.texts > 0)
      deps.log.info(r, 'jobs ran');
  };
  return every(deps.config.jobsIntervalSeconds * 1000, pass, deps.log, 'jobs');
}
