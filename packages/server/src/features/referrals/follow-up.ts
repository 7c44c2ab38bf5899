import { type Locale, localDate, type ReferralStatus, t, uuidv7 } from '@puente/core';
import type { Database, Queryable } from '../../db/types.js';
import { programSettings } from '../settings/queries.js';
import { isOpenSql } from './queries.js';

interface Recipient {
  userId: string;
  locale: Locale;
  clientId: string;
  partnerName: string;
  timeZone: string;
}

/** Who follows a referral up: the person's CHW now, else whoever made it. */
async function recipient(tx: Queryable, orgId: string, referralId: string): Promise<Recipient | undefined> {
  const [row] = await tx.query<Omit<Recipient, 'timeZone'>>(
    `select u.id as "userId", u.locale, r.client_id as "clientId", r.partner_name as "partnerName"
       from referral r join client c on c.id = r.client_id
       join app_user u on u.id = coalesce(c.assigned_chw_id, r.requested_by) and u.disabled_at is null
      where r.org_id = $1 and r.id = $2`,
    [orgId, referralId],
  );
  if (!row) return undefined;
  return { ...row, timeZone: (await programSettings(tx, orgId)).timeZone };
}

/**
 * Puts a task about the referral on the CHW's Today list, or renames the open
 * one: a referral has at most one open follow-up, so news never piles up.
 */
async function upsertTask(
  tx: Queryable,
  orgId: string,
  referralId: string,
  title: (locale: Locale, partner: string) => string,
  now: Date,
): Promise<boolean> {
  const to = await recipient(tx, orgId, referralId);
  if (!to) return false;
  await tx.query(
    `insert into task (id, org_id, client_id, assignee_id, title, due_on, source, created_by, referral_id)
     values ($1, $2, $3, $4, $5, $6, 'referral', $4, $7)
     on conflict (referral_id) where status = 'open' and referral_id is not null
     do update set title = excluded.title, due_on = excluded.due_on, assignee_id = excluded.assignee_id`,
    [
      uuidv7(),
      orgId,
      to.clientId,
      to.userId,
      title(to.locale, to.partnerName),
      localDate(now, to.timeZone),
      referralId,
    ],
  );
  return true;
}

/** Tells the CHW the partner moved their referral, on their Today list. */
export function noteReferralUpdate(
  tx: Queryable,
  orgId: string,
  referralId: string,
  status: ReferralStatus,
  now = new Date(),
): Promise<boolean> {
  return upsertTask(
    tx,
    orgId,
    referralId,
    (locale, partner) =>
      t(locale, 'referrals.taskUpdate', { partner, status: t(locale, `referrals.status_${status}`) }),
    now,
  );
}

/** A closed referral needs no more follow-up: its open task is done. */
export async function closeReferralTasks(tx: Queryable, orgId: string, referralId: string): Promise<void> {
  await tx.query(
    `update task set status = 'done', completed_at = now()
      where org_id = $1 and referral_id = $2 and status = 'open'`,
    [orgId, referralId],
  );
}

/**
 * The background pass: every open referral without news for the program's
 * number of days gets a follow-up task for its CHW, once (until that task is
 * done and the referral is still quiet).
 */
export async function followUpQuietReferrals(db: Database, now: Date): Promise<number> {
  const quiet = await db.query<{ orgId: string; id: string; days: number }>(
    `select r.org_id as "orgId", r.id, coalesce(s.follow_up_after_days, 7) as days
       from referral r left join referral_setting s on s.org_id = r.org_id
      where ${isOpenSql}
        and r.updated_at < $1::timestamptz - make_interval(days => coalesce(s.follow_up_after_days, 7))
        and not exists (select 1 from task k where k.referral_id = r.id
                         and (k.status = 'open' or k.created_at > r.updated_at))
      limit 500`,
    [now.toISOString()],
  );
  let made = 0;
  for (const r of quiet) {
    const added = await db.transaction((tx) =>
      upsertTask(
        tx,
        r.orgId,
        r.id,
        (locale, partner) => t(locale, 'referrals.taskStale', { partner, days: r.days }),
        now,
      ),
    );
    if (added) made += 1;
  }
  return made;
}
