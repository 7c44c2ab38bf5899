import { PuenteError } from '@puente/core';
import { type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';

/** Where a pull starts: every change up to `seq` from a transaction older than `xid` was delivered. */
export interface Position {
  seq: string;
  xid: string;
}

const start: Position = { seq: '0', xid: '0' };

/**
 * A page's cursor: the number of the page among all the device's pages, then
 * its position. The number makes every cursor the server gives out unique.
 * The position alone is not: on PostgreSQL `xid` is the oldest transaction
 * running in the whole cluster, so a copy of a request that arrives late
 * could be given the very cursor of the page the phone kept, and that page's
 * holdings would then be taken for what the phone stored.
 */
export const formatCursor = (page: number, p: Position) => `${page}.${p.seq}.${p.xid}`;

function parseCursor(cursor: string): Position | undefined {
  const m = /^(\d{1,18})\.(\d{1,19})\.(\d{1,20})$/.exec(cursor);
  return m?.[2] && m[3] ? { seq: m[2], xid: m[3] } : undefined;
}

/**
 * Opens the device's sync state for one pull, under a row lock so two pulls of
 * one device queue up. The cursor the phone sends back settles the last page:
 * the pending cursor means it was stored (its additions become held, its
 * removals gone); the one before means it was not stored whole (both become
 * unsure, for the pull to send again or remove). Anything else, or a device
 * that changed hands, starts over from nothing.
 */
export async function openDevice(
  tx: Queryable,
  actor: Actor,
  deviceId: string,
  cursor: string | undefined,
): Promise<{ from: Position; reset: boolean; page: number }> {
  const [device] = await tx.query<{
    userId: string;
    acked: string | null;
    pending: string | null;
    disabled: boolean;
    pages: string;
  }>(
    `select user_id as "userId", acked_cursor as acked, pending_cursor as pending,
            disabled_at is not null as disabled, pages::text as pages
       from sync_device where id = $1 for update`,
    [deviceId],
  );
  // The clear signal a disabled phone acts on: it erases its copy.
  if (device?.disabled) throw new PuenteError(410, 'errors.deviceErased');
  if (!device) {
    await tx.query('insert into sync_device (id, org_id, user_id) values ($1, $2, $3)', [
      deviceId,
      actor.orgId,
      actor.userId,
    ]);
    return { from: start, reset: true, page: 1 };
  }
  // The page about to be built; the row lock above makes the number the device's alone.
  const page = Number(device.pages) + 1;
  const parsed = cursor ? parseCursor(cursor) : undefined;
  // Each settling is one statement: its parts touch rows of different states, so they cannot meet.
  if (device.userId === actor.userId && parsed && cursor === device.pending) {
    await tx.query(
      `with gone as (delete from sync_holding where device_id = $1 and state = 'removing'),
            kept as (update sync_holding set state = 'held' where device_id = $1 and state = 'adding')
       update sync_device set acked_cursor = pending_cursor, pending_cursor = null where id = $1`,
      [deviceId],
    );
    return { from: parsed, reset: false, page };
  }
  if (device.userId === actor.userId && parsed && cursor === device.acked) {
    // The phone may have kept part of the page before it failed: what it added or removed is unsure.
    await tx.query(
      `update sync_holding set state = 'unsure' where device_id = $1 and state in ('adding', 'removing')`,
      [deviceId],
    );
    return { from: parsed, reset: false, page };
  }
  await tx.query(
    // A device that changed hands loses its key share: it wrapped the last person's copy.
    `with gone as (delete from sync_holding where device_id = $1)
     update sync_device set org_id = $2, user_id = $3, acked_cursor = null, pending_cursor = null,
            key_share = case when user_id = $3 then key_share end
      where id = $1`,
    [deviceId, actor.orgId, actor.userId],
  );
  return { from: start, reset: true, page };
}

/**
 * Records what the page just built hands to the device, to be settled by the
 * next pull, and its audit event (`audit`, an auditInsert): one statement. The
 * people removed are held and those added are not (openDevice left every
 * holding settled), so its parts never touch the same row.
 */
export async function recordPage(
  tx: Queryable,
  orgId: string,
  deviceId: string,
  page: { cursor: string; adding: readonly string[]; removing: readonly string[] },
  audit: Sql,
): Promise<void> {
  await tx.query(
    sql`with removing as (
           update sync_holding set state = 'removing'
            where device_id = ${deviceId} and client_id = any(${page.removing}::uuid[])),
         adding as (
           insert into sync_holding (org_id, device_id, client_id, state)
           select ${orgId}, ${deviceId}, id, 'adding' from unnest(${page.adding}::uuid[]) as t(id)
           on conflict (device_id, client_id) do update set state = 'adding'),
         audited as (${audit})
       update sync_device set pending_cursor = ${page.cursor}, pages = pages + 1, last_pull_at = now()
        where id = ${deviceId}`,
  );
}
