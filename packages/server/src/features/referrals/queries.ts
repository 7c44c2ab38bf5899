import {
  closedReferralStatuses,
  defaultReferralSettings,
  openReferralStatuses,
  PuenteError,
  type Referral,
  type ReferralEvent,
  type ReferralSettings,
  type ReferralStatus,
  senderNext,
  uuidv7,
} from '@puente/core';
import { displayName, isoColumn as iso, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { requireVisibleClient } from '../clients/scope.js';

export async function referralSettings(db: Queryable, orgId: string): Promise<ReferralSettings> {
  const [row] = await db.query<ReferralSettings>(
    `select attempts_before_unreachable as "attemptsBeforeUnreachable", follow_up_after_days as "followUpAfterDays"
       from referral_setting where org_id = $1`,
    [orgId],
  );
  return row ?? defaultReferralSettings;
}

export async function saveReferralSettings(db: Queryable, orgId: string, s: ReferralSettings): Promise<void> {
  await db.query(
    `insert into referral_setting (org_id, attempts_before_unreachable, follow_up_after_days) values ($1, $2, $3)
     on conflict (org_id) do update set attempts_before_unreachable = $2, follow_up_after_days = $3`,
    [orgId, s.attemptsBeforeUnreachable, s.followUpAfterDays],
  );
}

const quoted = (statuses: readonly string[]) => statuses.map((s) => `'${s}'`).join(', ');
/** SQL on alias `r`: the referral waits on someone. */
export const isOpenSql = `r.status in (${quoted(openReferralStatuses)})`;
/** SQL on alias `r`: the loop closed with its outcome known (a mistake is not a closed loop). */
export const isClosed = sql`r.status = any(${[...closedReferralStatuses]}::text[])`;

/**
 * Which referrals a list shows, as SQL on `r`. The sender sees its mistakes
 * among the closed ones; a partner never sees a referral marked as made in error.
 */
export function listFilter(state: 'open' | 'closed' | 'all', viewer: 'sender' | 'partner'): Sql {
  const open = sql`r.status = any(${[...openReferralStatuses]}::text[])`;
  if (state === 'open') return open;
  if (viewer === 'partner') {
    return state === 'closed' ? isClosed : sql`r.status <> 'entered-in-error'`;
  }
  return state === 'closed' ? sql`not (${open})` : sql`true`;
}

/** Whether the receiving service answers in Puente (an active partner account is linked to it). */
const partnerHasAccounts = sql`exists (
  select 1 from partner_service ps join app_user pu on pu.id = ps.user_id and pu.disabled_at is null
   where ps.org_id = r.org_id and ps.service_id = r.service_id)`;

/** What both sides see of a referral, on alias `r`. */
export const sharedColumns = sql`r.id, r.status, r.status_reason as "statusReason", r.need, r.reason, r.urgency,
  r.do_not_contact as "doNotContact", r.service_id as "serviceId", r.service_name as "serviceName",
  r.partner_name as "partnerName", r.capacity, r.enrollment, r.outcome, r.result,
  ${iso('r.created_at')} as "createdAt", ${iso('r.updated_at')} as "updatedAt",
  case when r.closed_at is null then null else ${iso('r.closed_at')} end as "closedAt"`;

/** The sending program's view, on aliases `r` (referral), `c` (client) and `u` (who referred). */
const senderColumns = sql`${sharedColumns}, r.client_id as "clientId", ${displayName} as "clientName",
  r.goal_id as "goalId", r.screening_id as "screeningId", r.partner_org_id as "partnerOrganizationId",
  ${partnerHasAccounts} as "partnerHasAccounts", r.shares,
  (select count(*)::int from referral_event e
    where e.org_id = r.org_id and e.referral_id = r.id and e.kind = 'contact-attempt'
      and e.contact_result <> 'reached') as "failedContactAttempts",
  u.display_name as "requestedByName"`;

const senderFrom = sql`referral r join client c on c.id = r.client_id join app_user u on u.id = r.requested_by`;

type SenderRow = Omit<Referral, 'nextStatuses' | 'mayCloseUnreachable'>;

function present(row: SenderRow, settings: ReferralSettings): Referral {
  return { ...row, ...senderNext(row, settings.attemptsBeforeUnreachable) };
}

/** Referrals as the sender sees them, filtered by `where` (on `r`/`c`). */
export async function selectReferrals(db: Queryable, orgId: string, where: Sql): Promise<Referral[]> {
  const rows = await db.query<SenderRow>(
    sql`select ${senderColumns} from ${senderFrom} where r.org_id = ${orgId} and ${where} order by r.created_at desc`,
  );
  if (rows.length === 0) return [];
  const settings = await referralSettings(db, orgId);
  return rows.map((row) => present(row, settings));
}

export async function referralById(db: Queryable, orgId: string, id: string): Promise<Referral> {
  const [row] = await selectReferrals(db, orgId, sql`r.id = ${id}`);
  if (!row) throw new PuenteError(404, 'errors.referralNotFound');
  return row;
}

export async function referralEvents(db: Queryable, orgId: string, id: string): Promise<ReferralEvent[]> {
  return db.query<ReferralEvent>(
    sql`select e.id, e.kind, e.status, e.reason, e.contact_result as "contactResult", u.display_name as "byName",
               e.by_partner as "byPartner", ${iso('e.at')} as at
          from referral_event e join app_user u on u.id = e.by_user
         where e.org_id = ${orgId} and e.referral_id = ${id} order by e.at, e.id`,
  );
}

/** The few columns a status change decides on, locked so two answers in a row apply in order. */
export interface ReferralState {
  id: string;
  clientId: string;
  status: ReferralStatus;
  partnerOrgId: string | null;
  partnerName: string;
  requestedBy: string;
  partnerHasAccounts: boolean;
}

export async function lockReferral(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<ReferralState | undefined> {
  const [row] = await db.query<ReferralState>(
    sql`select r.id, r.client_id as "clientId", r.status, r.partner_org_id as "partnerOrgId",
               r.partner_name as "partnerName", r.requested_by as "requestedBy",
               ${partnerHasAccounts} as "partnerHasAccounts"
          from referral r where r.org_id = ${orgId} and r.id = ${id} for update`,
  );
  return row;
}

/**
 * Finds a referral of a person the caller may see, locked; otherwise "not found".
 * A phone's change names the person too (`clientId`): a referral of someone else is not found either.
 */
export async function visibleReferral(
  tx: Queryable,
  actor: Actor,
  referralId: string,
  clientId?: string,
): Promise<ReferralState> {
  const ref = await lockReferral(tx, actor.orgId, referralId);
  if (!ref || (clientId !== undefined && ref.clientId !== clientId)) {
    throw new PuenteError(404, 'errors.referralNotFound');
  }
  await requireVisibleClient(tx, actor, ref.clientId).catch(() => {
    throw new PuenteError(404, 'errors.referralNotFound');
  });
  return ref;
}

/** One line of a referral's history: made, moved, or a try to reach the person. */
export interface ReferralEventInput {
  kind: 'created' | 'status' | 'contact-attempt';
  status?: string;
  reason?: string | undefined;
  contactResult?: string;
}

export async function addReferralEvent(
  tx: Queryable,
  actor: Pick<Actor, 'orgId' | 'userId'>,
  referralId: string,
  e: ReferralEventInput,
  byPartner: boolean,
): Promise<void> {
  await tx.query(
    `insert into referral_event (id, org_id, referral_id, kind, status, reason, contact_result, by_user, by_partner)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      uuidv7(),
      actor.orgId,
      referralId,
      e.kind,
      e.status ?? null,
      e.reason ?? null,
      e.contactResult ?? null,
      actor.userId,
      byPartner,
    ],
  );
}
