import {
  addDays,
  type DataKind,
  decide,
  type LinkPage,
  localDate,
  MAX_SHARE_DAYS,
  type PrivateLinkState,
  PuenteError,
} from '@puente/core';
import { identifier, isoColumn, join, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import { hashToken, newToken } from '../../http/tokens.js';
import { recordAudit } from '../audit/record.js';
import { programSettings } from '../settings/queries.js';

// The private links a CHW gives a person (a safety plan, a topic, a page of
// services): a secret token shown once, only its hash kept; open through the
// whole last day chosen, in the program's time zone, until it is revoked;
// every opening audited.

/**
 * Checks the last day a link may be open: from today to MAX_SHARE_DAYS ahead,
 * in the program's days. Returns the program's time zone, for `storeLink`.
 */
export async function shareWindow(db: Queryable, orgId: string, expiresOn: string): Promise<string> {
  const { timeZone } = await programSettings(db, orgId);
  const today = localDate(new Date(), timeZone);
  if (expiresOn < today || expiresOn > addDays(today, MAX_SHARE_DAYS)) {
    throw new PuenteError(400, 'errors.shareExpiry', { days: MAX_SHARE_DAYS });
  }
  return timeZone;
}

/** SQL for when a link stops working: the end of `day`, in the program's time zone `zone`. */
const linkEnd = (day: string, zone: string): Sql => sql`((${day}::date + 1)::timestamp at time zone ${zone})`;

/** The tables that keep each kind of private link. */
type LinkTable = 'safety_plan_share' | 'education_share' | 'resource_link';

/**
 * Keeps a new private link to a person's page and returns its token, to be shown
 * once: only the token's hash is stored, so a copy of the database cannot open the
 * link. `kept` is what the kind of link holds besides (the plan, the topic, the
 * services), column by column; a value may be a fragment such as sql`${json}::jsonb`.
 */
export async function storeLink(
  tx: Queryable,
  table: LinkTable,
  link: { orgId: string; clientId: string; createdBy: string; expiresOn: string; timeZone: string },
  kept: Record<string, unknown>,
): Promise<string> {
  const token = newToken();
  const columns = Object.keys(kept);
  await tx.query(
    sql`insert into ${identifier(table)} (token_hash, org_id, client_id, expires_at, created_by, ${join(columns.map(identifier))})
        values (${hashToken(token)}, ${link.orgId}, ${link.clientId}, ${linkEnd(link.expiresOn, link.timeZone)},
                ${link.createdBy}, ${join(columns.map((c) => sql`${kept[c]}`))})`,
  );
  return token;
}

/** A moment as ISO 8601 with milliseconds, so the policy compares what the database holds. */
/** SQL columns of a link's life under alias `a`: "expiresAt" and "revokedAt", as `linkState` reads them. */
export const linkLifeColumns = (a: string): Sql =>
  sql`${isoColumn(`${a}.expires_at`, ms)} as "expiresAt", ${isoColumn(`${a}.revoked_at`, ms)} as "revokedAt"`;
const ms = { milliseconds: true };

export interface LinkLife {
  expiresAt: string;
  revokedAt: string | null;
}

// What the policy reads each page as: a plan is the plan; a topic or a page of services tells
// only that someone was sent it, which is what a referral shares.
const pageKind: Record<LinkPage, DataKind> = {
  'safety-plan': 'safety-plan',
  topic: 'referral',
  services: 'referral',
};

/**
 * Whether a link opens now, by the one rule for links (`decide`, actor type
 * 'link'): active, or why not.
 * @example linkState('topic', { expiresAt: '2026-07-01T04:00:00.000Z', revokedAt: null }) // 'active'
 */
export function linkState(page: LinkPage, life: LinkLife, now = new Date()): PrivateLinkState {
  const decision = decide(
    { type: 'link', page, expiresAt: life.expiresAt, revokedAt: life.revokedAt },
    'read',
    { kind: pageKind[page] },
    { now, relation: 'none', consents: [] },
  );
  if (decision.allowed) return 'active';
  return decision.reason === 'link-revoked' ? 'revoked' : 'expired';
}

export interface OpenedLink extends LinkLife {
  orgId: string;
  clientId: string;
}

/**
 * The page behind a token, for whoever holds it: the one way all three kinds
 * of link open. `select` is given the token's hash and must answer
 * "orgId", "clientId" and the link's life (`linkLifeColumns`). An unknown
 * token is refused with 404; a link the policy refuses, expired or revoked,
 * with the same 410, so the holder learns nothing about why. The opening is
 * audited without naming anyone: nobody signs in to open a link.
 */
export async function openLink<Row extends OpenedLink>(
  tx: Queryable,
  page: LinkPage,
  select: (tokenHash: string) => Sql,
  token: string,
  ip: string,
  action: string,
): Promise<Row> {
  const [link] = await tx.query<Row>(select(hashToken(token)));
  if (!link) throw new PuenteError(404, 'errors.linkNotFound');
  if (linkState(page, link) !== 'active') throw new PuenteError(410, 'errors.linkExpired');
  await recordAudit(
    tx,
    { orgId: link.orgId, actorId: null, actorRole: 'public', ip },
    { action, subjectType: 'client', subjectId: link.clientId },
  );
  return link;
}
