import {
  type ConflictSide,
  mergeFields,
  PuenteError,
  type SyncConflict,
  type SyncMutation,
  sameValue,
  UpdateClientRequest,
  uuidv7,
} from '@puente/core';
import { bind, clientScope, displayName, identifier, isoColumn as iso, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { clientDetail } from '../clients/detail.js';
import { requireVisibleClient } from '../clients/scope.js';
import { changeClient } from '../clients/service.js';

type ClientUpdate = Extract<SyncMutation, { kind: 'client.update' }>;

/**
 * Applies an offline edit of a person's details by merging it field by field
 * with what the server holds now; each field decided against someone's value
 * goes to the conflict log. Returns how many fields conflicted.
 */
export async function mergeClientEdit(
  tx: Queryable,
  caller: Caller,
  m: ClientUpdate,
  editedAt: number,
): Promise<number> {
  const { actor } = caller;
  await requireVisibleClient(tx, actor, m.clientId);
  // The person's row is locked before it is read: two edits arriving at the same moment are merged
  // one after the other, so the second sees the first and logs the value that lost, instead of both
  // merging against the same past and the last to commit silently winning.
  // To the millisecond: `updatedAt` is shown to the second, which would let an edit made
  // up to a second before the server's last change count as the later one.
  const [changed] = await tx.query<{ ms: number }>(
    `select (extract(epoch from updated_at) * 1000)::float8 as ms from client where org_id = $1 and id = $2
        for update`,
    [actor.orgId, m.clientId],
  );
  const current = await clientDetail(tx, actor.orgId, m.clientId, null);
  if (!current) throw new PuenteError(404, 'errors.clientNotFound');
  const serverChangedAt = changed?.ms ?? Date.parse(current.updatedAt);
  const outcome = mergeFields({
    change: m.change,
    base: m.base,
    server: current as unknown as Record<string, unknown>,
    editedAt,
    serverChangedAt,
  });
  // Asked before the edit is applied, which would make the phone's author the last to change the field.
  const serverBy = new Map<string, string | null>();
  for (const c of outcome.conflicts)
    serverBy.set(c.field, await lastChangedBy(tx, actor.orgId, m.clientId, c.field));
  if (Object.keys(outcome.apply).length > 0) {
    // Every value in `apply` came from the validated change, so it is a valid change itself.
    await changeClient(tx, caller, m.clientId, outcome.apply as UpdateClientRequest);
  }
  for (const c of outcome.conflicts) {
    await tx.query(
      `insert into sync_conflict (id, org_id, client_id, mutation_id, field, kept, lost, lost_by,
          incoming_by, incoming_at, server_by, server_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        uuidv7(),
        actor.orgId,
        m.clientId,
        m.id,
        c.field,
        JSON.stringify(c.kept ?? null),
        JSON.stringify(c.lost ?? null),
        c.loser === 'incoming' ? actor.userId : null,
        actor.userId,
        new Date(editedAt).toISOString(),
        serverBy.get(c.field) ?? null,
        new Date(serverChangedAt).toISOString(),
      ],
    );
  }
  return outcome.conflicts.length;
}

/** Who last put a value in one field of a person's record, from the audit log; null when nobody did. */
async function lastChangedBy(db: Queryable, orgId: string, clientId: string, field: string) {
  const [last] = await db.query<{ actorId: string | null }>(
    `select actor_id as "actorId" from audit_event
      where org_id = $1 and subject_type = 'client' and subject_id = $2
        and (action = 'client.registered' or (action = 'client.changed' and detail -> 'fields' ? $3))
      order by seq desc limit 1`,
    [orgId, clientId, field],
  );
  return last?.actorId ?? null;
}

/** Who wrote one side (user alias `name`) and when; `me` is the caller, so the phone can say "you". */
const side = (prefix: 'incoming' | 'server', name: string, me: unknown) =>
  sql`json_build_object('by', ${identifier(`${name}.display_name`)}, 'byYou', coalesce(${identifier(`x.${prefix}_by`)} = ${me}, false),
     'at', ${iso(`x.${prefix}_at`)})`;

/** Open conflicts about people the caller may see, newest first, each with what the record holds now. */
export async function listConflicts(db: Queryable, actor: Actor): Promise<SyncConflict[]> {
  const me = bind(actor.userId);
  const rows = await db.query<
    Omit<SyncConflict, 'incoming' | 'server' | 'keptSide'> & {
      incoming: Omit<ConflictSide, 'value'>;
      server: Omit<ConflictSide, 'value'>;
      incomingLost: boolean;
    }
  >(
    sql`select x.id, x.client_id as "clientId", ${displayName} as "clientName", x.field, x.kept, x.lost,
            u.display_name as "lostBy", ${iso('x.created_at')} as at,
            ${side('incoming', 'ib', me)} as incoming, ${side('server', 'sb', me)} as server,
            (x.lost_by is not null) as "incomingLost",
            -- the client's columns are its fields in snake_case: phone, birth_date, ok_to_text…
            to_jsonb(c) -> lower(regexp_replace(x.field, '([A-Z])', '_\\1', 'g')) as current
       from sync_conflict x join client c on c.id = x.client_id left join app_user u on u.id = x.lost_by
            left join app_user ib on ib.id = x.incoming_by left join app_user sb on sb.id = x.server_by
      where x.resolved_at is null and ${clientScope(actor)}
      order by x.created_at desc limit 200`,
  );
  return rows.map(({ incomingLost, ...row }) => ({
    ...row,
    incoming: { ...row.incoming, value: incomingLost ? row.lost : row.kept },
    server: { ...row.server, value: incomingLost ? row.kept : row.lost },
    keptSide: incomingLost ? 'server' : 'incoming',
  }));
}

/**
 * Settles a conflict: keep the record as it is, or put the losing value back
 * (audited as a change). Putting it back is refused once the field no longer
 * holds the kept value: that would overwrite a newer value nobody was shown.
 */
export async function resolveConflict(
  tx: Queryable,
  caller: Caller,
  id: string,
  choose: 'kept' | 'lost',
): Promise<void> {
  const { actor } = caller;
  const [row] = await tx.query<{ clientId: string; field: string; kept: unknown; lost: unknown }>(
    `select client_id as "clientId", field, kept, lost from sync_conflict
      where org_id = $1 and id = $2 and resolved_at is null for update`,
    [actor.orgId, id],
  );
  if (!row) throw new PuenteError(404, 'errors.notFound');
  await requireVisibleClient(tx, actor, row.clientId).catch(() => {
    throw new PuenteError(404, 'errors.notFound');
  });
  if (choose === 'lost') {
    const now = await clientDetail(tx, actor.orgId, row.clientId, null);
    const held = (now as unknown as Record<string, unknown> | undefined)?.[row.field];
    if (!sameValue(held ?? null, row.kept)) throw new PuenteError(409, 'errors.conflictOutdated');
    const restore = UpdateClientRequest.safeParse({ [row.field]: row.lost });
    if (!restore.success) throw new PuenteError(400, 'errors.validation');
    await changeClient(tx, caller, row.clientId, restore.data);
  }
  await tx.query(
    `update sync_conflict set resolved_at = now(), resolved_by = $3, resolution = $4 where org_id = $1 and id = $2`,
    [actor.orgId, id, actor.userId, choose],
  );
  await recordAudit(tx, who(caller), {
    action: 'sync.conflict-resolved',
    subjectType: 'client',
    subjectId: row.clientId,
    detail: { field: row.field, choose },
  });
}
