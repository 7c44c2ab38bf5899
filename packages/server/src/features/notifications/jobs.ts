import { every } from '../../background.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/types.js';
import type { Logger } from '../../log.js';
import { escalateOverdue } from '../alerts/raise.js';
import { alertClock } from '../alerts/service.js';
import { pruneLimits } from '../auth/limits.js';
import { configuredProvider, deliverDueTexts, pacing } from '../messages/deliver.js';
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

type CareReport = DeliveryReport & { escalated: number; referralFollowUps: number };
type TextsReport = { reminders: number; texts: number };

/** Escalate overdue alerts, send due emails, follow up quiet referrals. */
async function careJobs(deps: JobDeps, now: Date): Promise<CareReport> {
  const escalated = await escalateOverdue(deps.db, alertClock(deps.config, now));
  const delivered = deps.mailer
    ? await deliverOutbox(deps.db, deps.mailer, now, deps.log)
    : { sent: 0, failed: 0, skipped: 0 };
  const referralFollowUps = await followUpQuietReferrals(deps.db, now);
  // Counters of guessing whose windows ended a day ago hold nothing left to enforce.
  await pruneLimits(deps.db);
  return { ...delivered, escalated, referralFollowUps };
}

/**
 * Texts, when a provider is set: reminders due now join the outbox, then the
 * outbox's texts go. Each batch of reminders is sent before the next is
 * queued, so the queueing's work is spread over the sending's minute
 * instead of coming all at once before it.
 */
async function textJobs(deps: JobDeps, now: Date): Promise<TextsReport> {
  const provider = configuredProvider(deps.config);
  if (!provider) return { reminders: 0, texts: 0 };
  const pace = pacing(deps.config);
  let texts = 0;
  const send = async () => {
    texts += (await deliverDueTexts(deps.db, deps.config, provider, now, deps.log, { pace })).sent;
  };
  const reminders = await queueDueReminders(deps.db, deps.config, now, send);
  await send();
  return { reminders, texts };
}

/** One pass of all the background work at `now` (tests; the server runs the two loops below). */
export async function runJobsOnce(deps: JobDeps, now: Date): Promise<CareReport & TextsReport> {
  return { ...(await careJobs(deps, now)), ...(await textJobs(deps, now)) };
}

/**
 * Runs the jobs every JOBS_INTERVAL_SECONDS in the server process, in two
 * loops: texts go at TEXTS_PER_SECOND, so 10,000 reminders take most of a
 * minute, and an overdue crisis alert must not wait behind them to escalate.
 */
export function startJobs(deps: JobDeps): { stop(): Promise<void> } {
  if (!deps.mailer) deps.log.warn('SMTP_HOST is not set: risk alerts are in-app only until it is');
  const everyMs = deps.config.jobsIntervalSeconds * 1000;
  const care = every(
    everyMs,
    async () => {
      const r = await careJobs(deps, new Date());
      if (r.sent + r.failed + r.escalated + r.referralFollowUps > 0) deps.log.info(r, 'jobs ran');
    },
    deps.log,
    'jobs',
  );
  const texts = every(
    everyMs,
    async () => {
      const r = await textJobs(deps, new Date());
      if (r.reminders + r.texts > 0) deps.log.info(r, 'texts ran');
    },
    deps.log,
    'texts',
  );
  return {
    async stop() {
      await Promise.all([care.stop(), texts.stop()]);
    },
  };
}
