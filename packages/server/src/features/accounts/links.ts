import type { Queryable } from '../../db/types.js';
import { hashToken, newToken } from '../../http/tokens.js';

export type LinkPurpose = 'invite' | 'reset';

/** How long a link works: a new person may take days to open their email; a reset is for now. */
export const LINK_LIFETIME_MINUTES: Record<LinkPurpose, number> = { invite: 72 * 60, reset: 60 };

/**
 * Makes a single-use link token for a person and returns it (only its hash is
 * kept). Earlier unused links of the same person stop working: only the newest
 * email opens anything.
 */
export async function issueLink(
  tx: Queryable,
  link: { orgId: string; userId: string; purpose: LinkPurpose; createdBy?: string | null },
): Promise<string> {
  await tx.query('update account_link set used_at = now() where user_id = $1 and used_at is null', [
    link.userId,
  ]);
  const token = newToken();
  await tx.query(
    `insert into account_link (token_hash, org_id, user_id, purpose, created_by, expires_at)
     values ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
    [
      hashToken(token),
      link.orgId,
      link.userId,
      link.purpose,
      link.createdBy ?? null,
      LINK_LIFETIME_MINUTES[link.purpose],
    ],
  );
  return token;
}

export interface RedeemedLink {
  orgId: string;
  userId: string;
  purpose: LinkPurpose;
}

/**
 * Uses a link once: marks it used and returns whose it was, or undefined when
 * it is unknown, used, expired, or its person is disabled. One statement, so
 * two requests racing with the same link cannot both win.
 */
export async function redeemLink(tx: Queryable, token: string): Promise<RedeemedLink | undefined> {
  const [row] = await tx.query<RedeemedLink>(
    `update account_link l set used_at = now()
       from app_user u
      where l.token_hash = $1 and l.used_at is null and l.expires_at > now()
        and u.id = l.user_id and u.disabled_at is null
      returning l.org_id as "orgId", l.user_id as "userId", l.purpose`,
    [hashToken(token)],
  );
  return row;
}

/** How many reset links a person was sent lately: "forgot password" must not flood an inbox. */
export async function recentResets(tx: Queryable, userId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `select count(*)::int as n from account_link
      where user_id = $1 and purpose = 'reset' and created_at > now() - interval '1 hour'`,
    [userId],
  );
  return row?.n ?? 0;
}

/** The web page that sets a password from a link; the token rides in the fragment, which browsers never send. */
export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/set-password#token=${token}`;
}
