import { randomBytes } from 'node:crypto';
import { PuenteError, type Role, roleCan } from '@puente/core';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';

/**
 * How long after a password sign-in its session may fetch a device's key
 * share. Short: recovering a forgotten PIN follows the sign-in at once, and a
 * cookie taken later (or an old session left open) cannot open the phone.
 */
export const KEY_SHARE_FRESH_MINUTES = 5;

/**
 * The device's secret that wraps its data key a second time (see the web
 * app's offline/vault.ts). Released only to the session of a password sign-in
 * made within the last few minutes on that very device, by the person whose
 * copy it is; a device the server has not seen yet is claimed by such a
 * session, which is then bound to it. Every release is audited.
 */
export async function releaseKeyShare(
  tx: Queryable,
  caller: Caller,
  deviceId: string,
): Promise<{ share: string }> {
  const { actor } = caller;
  const [session] = await tx.query<{ fresh: boolean; device: string | null }>(
    `select created_at > now() - make_interval(mins => $2) as fresh, device_id as device
       from session where token_hash = $1`,
    [actor.sessionHash, KEY_SHARE_FRESH_MINUTES],
  );
  if (!session?.fresh) throw new PuenteError(403, 'errors.keyNeedsFreshSignIn');
  const [device] = await tx.query<{ userId: string; share: string | null; disabled: boolean }>(
    `select user_id as "userId", key_share as share, disabled_at is not null as disabled
       from sync_device where id = $1 for update`,
    [deviceId],
  );
  if (device?.disabled) throw new PuenteError(410, 'errors.deviceErased');
  let share = device?.share ?? null;
  if (!device) {
    // A copy made just now: nothing to protect yet, so any fresh sign-in may start it.
    share = newShare();
    await tx.query('insert into sync_device (id, org_id, user_id, key_share) values ($1, $2, $3, $4)', [
      deviceId,
      actor.orgId,
      actor.userId,
      share,
    ]);
    await tx.query('update session set device_id = $2 where token_hash = $1', [actor.sessionHash, deviceId]);
  } else {
    if (device.userId !== actor.userId || session.device !== deviceId) {
      throw new PuenteError(403, 'errors.deviceNotYours');
    }
    if (!share) {
      // A copy from before shares existed: it gets one now, from a sign-in on it.
      share = newShare();
      await tx.query('update sync_device set key_share = $2 where id = $1', [deviceId, share]);
    }
  }
  await recordAudit(tx, who(caller), {
    action: 'sync.key-share-released',
    subjectType: 'device',
    subjectId: deviceId,
    detail: { created: !device },
  });
  return { share };
}

const newShare = () => randomBytes(32).toString('base64url');

/**
 * Whether a device must erase its copy: the device was disabled, or its
 * person's account was. Asked without a session (a disabled account has none
 * left); the random device id is the only key, and the answer says nothing else.
 */
export async function mustErase(db: Queryable, deviceId: string): Promise<boolean> {
  const [row] = await db.query<{ disabled: boolean; role: Role }>(
    `select d.disabled_at is not null or u.disabled_at is not null as disabled, u.role
       from sync_device d join app_user u on u.id = d.user_id
      where d.id = $1`,
    [deviceId],
  );
  // A person whose new role keeps no caseload offline (a CHW made a manager) keeps no copy either:
  // their pulls are refused, so nothing on the phone would ever be removed.
  return row ? row.disabled || !roleCan(row.role, 'sync.use') : false;
}

/** Refuses a pull or a push from a disabled device with the signal that makes it erase its copy. */
export async function refuseDisabled(db: Queryable, deviceId: string): Promise<void> {
  const [row] = await db.query<{ disabled: boolean }>(
    'select disabled_at is not null as disabled from sync_device where id = $1',
    [deviceId],
  );
  if (row?.disabled) throw new PuenteError(410, 'errors.deviceErased');
}

export interface DeviceRow {
  id: string;
  createdAt: string;
  lastPullAt: string | null;
  disabledAt: string | null;
}

/** A person's devices, for an admin who is about to disable a lost phone. */
export async function listDevices(db: Queryable, actor: Actor, userId: string): Promise<DeviceRow[]> {
  return db.query<DeviceRow>(
    sql`select id, ${isoColumn('created_at')} as "createdAt", ${isoColumn('last_pull_at')} as "lastPullAt",
               ${isoColumn('disabled_at')} as "disabledAt"
          from sync_device where org_id = ${actor.orgId} and user_id = ${userId} order by created_at desc`,
  );
}

/** Disables a device of the admin's organization: its share is dropped and its next contact erases it. */
export async function disableDevice(tx: Queryable, caller: Caller, deviceId: string): Promise<void> {
  const { actor } = caller;
  const done = await tx.query<{ id: string }>(
    `update sync_device set disabled_at = coalesce(disabled_at, now()), disabled_by = $3, key_share = null
      where id = $1 and org_id = $2 returning id`,
    [deviceId, actor.orgId, actor.userId],
  );
  if (done.length === 0) throw new PuenteError(404, 'errors.deviceNotFound');
  await recordAudit(tx, who(caller), {
    action: 'sync.device-disabled',
    subjectType: 'device',
    subjectId: deviceId,
  });
}
