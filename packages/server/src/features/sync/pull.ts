import { defaultReferralSettings, type PullResponse, type SyncEntity } from '@puente/core';
import { clientScope, type Sql, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { auditInsert, who } from '../audit/record.js';
import { defaultSettings } from '../settings/queries.js';
import { formatCursor, openDevice, recordPage } from './device.js';
import { entitiesInOrder, rowsJson, wholeRecordsJson } from './rows.js';

/** Clients whose whole record is fetched per query while filling a page of additions. */
const ADD_CHUNK = 250;
/** A guess of rows per client, to size chunks so a page ends near its limit. */
const ROWS_PER_CLIENT = 10;
/**
 * A pull that brings whole records of more people than this is an initial
 * pull (a first sync, or a caseload handed over at once) and needs one of the
 * process's few places; one person transferred or merged in does not.
 */
const FEW_ADDED = 20;

/** A row of the answer: its JSON text, and its client for the scope check. */
type RowText = { clientId: string; json: string };

/**
 * One page as the route sends it: a PullResponse whose rows are already JSON
 * text, in pieces of one or more rows each (RowsText, joined by commas).
 */
export type PullPage = Omit<PullResponse, 'rows'> & { rows: string[] };

export interface PullOptions {
  /** Called once the pull is found to be initial, before its heavy reads: throws when no place is free. */
  admit?: () => void;
  /** The caller went away: stop reading, and give back the place. */
  signal?: AbortSignal;
  /**
   * Where the page's rows are read: a read replica that has replayed the
   * caller's own writes (http/scope.ts readMostly), else `tx`. The device's
   * bookkeeping (its position, what it holds) and who the caller may see now
   * are always read in `tx`, on the primary.
   */
  read?: Queryable;
}

/**
 * Who the caller may see now, whom the device holds, and whom it may or may
 * not hold (`unsure`, from a page it did not keep whole): one statement, on the primary.
 */
async function scopeAndHoldings(tx: Queryable, actor: Actor, deviceId: string) {
  const [row] = await tx.query<{ visible: string[]; held: string[]; unsure: string[] }>(
    sql`select array(select c.id from client c where ${clientScope(actor)}) as visible,
               array(select h.client_id from sync_holding h
                      where h.device_id = ${deviceId} and h.state = 'held') as held,
               array(select h.client_id from sync_holding h
                      where h.device_id = ${deviceId} and h.state = 'unsure') as unsure`,
  );
  return { visible: new Set(row?.visible ?? []), held: row?.held ?? [], unsure: row?.unsure ?? [] };
}

/**
 * The two reads of `changesSince`: everything after the last seq delivered, and
 * (`late`) anything from a transaction still running at the last pull, which
 * may carry an older seq. Only changes to the people in `held`, the device's
 * holdings as this pull's own transaction sees them: a replica would not yet
 * see the last page's additions settled, and would skip their changes.
 */
export function changeStatements(
  orgId: string,
  held: readonly string[],
  from: { seq: string; xid: string },
  upTo: string,
  limit: number,
): { late: Sql; next: Sql } {
  const select = sql`select sc.seq::text as seq, sc.entity, sc.entity_id as id from sync_change sc
     where sc.org_id = ${orgId} and sc.client_id = any(${held}::uuid[])`;
  return {
    // `seq + 0`: the seq bound must not pick the index. A prepared statement's generic plan,
    // blind to the values, walked the whole log down the primary key for `seq <= …` (27,000
    // buffers a pull at M, 34 ms on a replica) instead of the few changes since the xid.
    late: sql`${select} and sc.xid >= ${from.xid}::xid8 and sc.seq + 0 <= ${from.seq}::bigint`,
    next: sql`${select} and sc.seq > ${from.seq}::bigint and sc.seq <= ${upTo}::bigint order by sc.seq limit ${limit + 1}`,
  };
}

/** Changes to rows of clients the device holds, since its position (`changeStatements`). */
async function changesSince(
  tx: Queryable,
  orgId: string,
  held: readonly string[],
  from: { seq: string; xid: string },
  upTo: string,
  limit: number,
): Promise<{ keys: { entity: SyncEntity; id: string; seq: string }[]; truncated: boolean }> {
  const statements = changeStatements(orgId, held, from, upTo, limit);
  const late = await tx.query<{ seq: string; entity: SyncEntity; id: string }>(statements.late);
  const next = await tx.query<{ seq: string; entity: SyncEntity; id: string }>(statements.next);
  const truncated = next.length > limit;
  return { keys: [...late, ...next.slice(0, limit)], truncated };
}

async function currentRows(tx: Queryable, orgId: string, keys: { entity: SyncEntity; id: string }[]) {
  const rows: RowText[] = [];
  for (const entity of entitiesInOrder) {
    const ids = [...new Set(keys.filter((k) => k.entity === entity).map((k) => k.id))];
    rows.push(...(await rowsJson(tx, orgId, entity, 'id', ids)));
  }
  return rows;
}

/**
 * One page of sync for one device: removals for clients that left the
 * caller's scope, the current state of rows that changed, and whole records of
 * clients newly in scope (a first sync, a transfer in, a merge), at most about
 * `limit` rows. Scope is computed now, so access that ended leaves the phone
 * at its next pull. A pull that brings whole records of many people first asks
 * `options.admit` for a place (before any of its heavy reads), so a refusal
 * costs a few small queries and is rolled back with the transaction.
 */
export async function pull(
  tx: Queryable,
  caller: Caller,
  request: { device: string; cursor?: string | undefined; limit: number },
  options: PullOptions = {},
): Promise<PullPage> {
  const { actor } = caller;
  const read = options.read ?? tx;
  const { from, reset, page } = await openDevice(tx, actor, request.device, request.cursor);
  // Read before the changes: every transaction older than xmin is over, so its writes are visible below.
  // The program's settings the phone needs come with it, in the same round trip.
  const [mark] = await read.query<{
    xmin: string;
    top: string;
    timeZone: string | null;
    followUpDaysAfterVisit: number | null;
    attemptsBeforeUnreachable: number | null;
  }>(
    `select pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
            coalesce((select max(seq) from sync_change where org_id = $1), 0)::text as top,
            p.time_zone as "timeZone", p.follow_up_days_after_visit as "followUpDaysAfterVisit",
            r.attempts_before_unreachable as "attemptsBeforeUnreachable"
       from (values (1)) as one (x)
       left join program_setting p on p.org_id = $1
       left join referral_setting r on r.org_id = $1`,
    [actor.orgId],
  );
  const xmin = mark?.xmin ?? from.xid;
  const top = mark?.top ?? from.seq;
  // Who the caller may see is asked of the primary even with a replica: access that ended ends now.
  const { visible, held, unsure } = await scopeAndHoldings(tx, actor, request.device);
  // Whom the phone may hold and the caller may no longer see leave it; whom the caller sees and the
  // phone may lack come whole. So an unsure holding is settled either way.
  const removed = [...held, ...unsure].filter((id) => !visible.has(id));
  const holds = new Set(held);
  const missing = [...visible].filter((id) => !holds.has(id)).sort();
  if (reset || missing.length > FEW_ADDED) options.admit?.();

  const changes = await changesSince(read, actor.orgId, held, from, top, request.limit);
  // The policy's answer per row: only rows of people the caller may see now.
  const changed = (await currentRows(read, actor.orgId, changes.keys)).filter((r) => visible.has(r.clientId));
  const rows = changed.map((r) => r.json);
  let rowCount = rows.length;
  const lastSeq = changes.keys.at(-1)?.seq ?? from.seq;
  const seq = changes.truncated ? lastSeq : top;

  const adding: string[] = [];
  while (!changes.truncated && adding.length < missing.length && rowCount < request.limit) {
    options.signal?.throwIfAborted();
    const size = Math.min(ADD_CHUNK, Math.ceil((request.limit - rowCount) / ROWS_PER_CLIENT));
    const chunk = missing.slice(adding.length, adding.length + size);
    const whole = await wholeRecordsJson(read, actor.orgId, chunk);
    if (whole.count > 0) rows.push(whole.json);
    rowCount += whole.count;
    adding.push(...chunk);
  }
  const more = changes.truncated || adding.length < missing.length;
  const cursor = formatCursor(page, { seq, xid: xmin });
  await recordPage(
    tx,
    actor.orgId,
    request.device,
    { cursor, adding, removing: removed },
    auditInsert(who(caller), {
      action: 'sync.pulled',
      detail: { rows: rowCount, added: adding.length, removed: removed.length },
    }),
  );
  return {
    cursor,
    more,
    reset,
    rows,
    removed,
    program: {
      timeZone: mark?.timeZone ?? defaultSettings.timeZone,
      followUpDaysAfterVisit: mark?.followUpDaysAfterVisit ?? defaultSettings.followUpDaysAfterVisit,
      attemptsBeforeUnreachable:
        mark?.attemptsBeforeUnreachable ?? defaultReferralSettings.attemptsBeforeUnreachable,
    },
    serverTime: new Date().toISOString(),
  };
}
