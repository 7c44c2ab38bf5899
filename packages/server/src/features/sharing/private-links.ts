import { addDays, localDate, MAX_SHARE_DAYS, PuenteError } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import { hashToken } from '../../http/tokens.js';
import { recordAudit } from '../audit/record.js';
import { programSettings } from '../settings/queries.js';

// The private links a CHW gives a person (a safety plan, a topic, a page of
// services): a secret token shown once, only its hash kept; open through the
// whole last day chosen, in the program's time zone; every opening audited.

/**
 * Checks the last day a link may be open: from today to MAX_SHARE_DAYS ahead,
 * in the program's days. Returns the program's time zone, for `linkEnd`.
 */
export async function shareWindow(db: Queryable, orgId: string, expiresOn: string): Promise<string> {
  const { timeZone } = await programSettings(db, orgId);
  const today = localDate(new Date(), timeZone);
  if (expiresOn < today || expiresOn > addDays(today, MAX_SHARE_DAYS)) {
    throw new PuenteError(400, 'errors.shareExpiry', { days: MAX_SHARE_DAYS });
  }
  return timeZone;
}

/** SQL for when a link stops working: the end of the day in parameter `day`, in the zone in parameter `zone`. */
export const linkEnd = (day: string, zone: string) => `((${day}::date + 1)::timestamp at time zone ${zone})`;

export interface OpenedLink {
  orgId: string;
  clientId: string;
}

/**
 * The link behind a token, read with `select` (given the token's hash as $1;
 * it must answer "orgId", "clientId" and expired); a missing one is refused
 * with 404, an expired one with 410. The opening is audited without naming
 * anyone: nobody signs in to open a link.
 */
export async function openLink<Row extends OpenedLink>(
  tx: Queryable,
  select: string,
  token: string,
  ip: string,
  action: string,
): Promise<Row> {
  const [link] = await tx.query<Row & { expired: boolean }>(select, [hashToken(token)]);
  if (!link) throw new PuenteError(404, 'errors.linkNotFound');
  if (link.expired) throw new PuenteError(410, 'errors.linkExpired');
  await recordAudit(
    tx,
    { orgId: link.orgId, actorId: null, actorRole: 'public', ip },
    { action, subjectType: 'client', subjectId: link.clientId },
  );
  return link;
}
