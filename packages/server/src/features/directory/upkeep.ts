import {
  type DirectoryFlag,
  type DirectoryFlagRequest,
  PuenteError,
  type ServiceEditRequest,
  uuidv7,
} from '@puente/core';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { rebuildEntries } from './projection.js';

async function requireService(db: Queryable, orgId: string, id: string): Promise<void> {
  const rows = await db.query('select 1 from hsds_service where org_id = $1 and id = $2', [orgId, id]);
  if (rows.length === 0) throw new PuenteError(404, 'errors.serviceNotFound');
}

const flagColumns = sql`f.id, f.service_id as "serviceId", s.data->>'name' as "serviceName", f.reason, f.note,
  f.flagged_by as "flaggedBy", u.display_name as "flaggedByName",
  ${isoColumn('f.created_at')} as "createdAt", ${isoColumn('f.resolved_at')} as "resolvedAt", f.resolution`;
const flagFrom = sql`directory_flag f join app_user u on u.id = f.flagged_by
  left join hsds_service s on s.org_id = f.org_id and s.id = f.service_id`;

/** A CHW says an entry is wrong; it waits in the admins' review queue with who said it. */
export async function flagService(
  tx: Queryable,
  caller: Caller,
  serviceId: string,
  request: DirectoryFlagRequest,
): Promise<DirectoryFlag> {
  const { actor } = caller;
  await requireService(tx, actor.orgId, serviceId);
  const id = uuidv7();
  await tx.query(
    `insert into directory_flag (id, org_id, service_id, reason, note, flagged_by) values ($1, $2, $3, $4, $5, $6)`,
    [id, actor.orgId, serviceId, request.reason, request.note ?? null, actor.userId],
  );
  const [flag] = await tx.query<DirectoryFlag>(
    sql`select ${flagColumns} from ${flagFrom} where f.id = ${id}`,
  );
  if (!flag) throw new PuenteError(404, 'errors.flagNotFound');
  return flag;
}

/** The review queue: open flags oldest first, or every flag newest first. */
export async function listFlags(db: Queryable, orgId: string, open: boolean): Promise<DirectoryFlag[]> {
  return db.query<DirectoryFlag>(
    open
      ? sql`select ${flagColumns} from ${flagFrom} where f.org_id = ${orgId} and f.resolved_at is null
             order by f.created_at asc limit 500`
      : sql`select ${flagColumns} from ${flagFrom} where f.org_id = ${orgId} order by f.created_at desc limit 500`,
  );
}

export async function resolveFlag(
  tx: Queryable,
  caller: Caller,
  id: string,
  resolution: 'fixed' | 'dismissed',
): Promise<void> {
  const { actor } = caller;
  const rows = await tx.query(
    `update directory_flag set resolved_at = now(), resolved_by = $3, resolution = $4
      where org_id = $1 and id = $2 and resolved_at is null returning id`,
    [actor.orgId, id, actor.userId, resolution],
  );
  if (rows.length === 0) throw new PuenteError(404, 'errors.flagNotFound');
  await recordAudit(tx, who(caller), {
    action: 'directory.flag-resolved',
    subjectType: 'directory_flag',
    subjectId: id,
    detail: { resolution },
  });
}

/** Staff change a service's own fields (null clears one); search shows the change at once. */
export async function editService(
  tx: Queryable,
  caller: Caller,
  id: string,
  change: ServiceEditRequest,
): Promise<void> {
  const { actor } = caller;
  await requireService(tx, actor.orgId, id);
  const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== null && v !== undefined));
  const clear = Object.entries(change).flatMap(([k, v]) => (v === null ? [k] : []));
  await tx.query(
    `update hsds_service set data = (data || $3::jsonb) - $4::text[],
            updated_at = now() where org_id = $1 and id = $2`,
    [actor.orgId, id, JSON.stringify({ ...set, last_modified: new Date().toISOString() }), clear],
  );
  await rebuildEntries(tx, actor.orgId, [id]);
  await recordAudit(tx, who(caller), {
    action: 'directory.service-edited',
    subjectType: 'hsds_service',
    subjectId: id,
    detail: { fields: Object.keys(change) },
  });
}

/** Staff confirm a service is right as listed: it is no longer stale. */
export async function verifyService(tx: Queryable, caller: Caller, id: string): Promise<string> {
  const { actor } = caller;
  await requireService(tx, actor.orgId, id);
  const now = new Date();
  await tx.query(
    `update hsds_service set last_verified_at = $3, data = data || $4::jsonb where org_id = $1 and id = $2`,
    [actor.orgId, id, now.toISOString(), JSON.stringify({ assured_date: now.toISOString().slice(0, 10) })],
  );
  await rebuildEntries(tx, actor.orgId, [id]);
  await recordAudit(tx, who(caller), {
    action: 'directory.service-verified',
    subjectType: 'hsds_service',
    subjectId: id,
  });
  return now.toISOString();
}
