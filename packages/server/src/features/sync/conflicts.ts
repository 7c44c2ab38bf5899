import {
  mergeFields,
  PuenteError,
  type SyncConflict,
  type SyncMutation,
  UpdateClientRequest,
  uuidv7,
} from '@puente/core';
import type { Database } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { clientDetail } from '../clients/detail.js';
import { clientDisplayName, isoColumn as iso } from '../clients/queries.js';
import { CLIENT_SCOPE, requireVisibleClient, scopeParams } from '../clients/scope.js';
import { changeClient } from '../clients/service.js';
import { within } from './within.js';

type ClientUpdate = Extract<SyncMutation, { kind: 'client.update' }>;

/**
 * Applies an offline edit of a person's details by merging it field by field
 * with what the server holds now; each field decided against someone's value
 * goes to the conflict log. Returns how many fields conflicted.
 */
export async function mergeClientEdit(
  db: Database,
  actor: Actor,
  m: ClientUpdate,
  editedAt: number,
  ip: string,
): Promise<number> {
  await requireVisibleClient(db, actor, m.clientId);
  const current = await clientDetail(db, actor.orgId, m.clientId, null);
  if (!current) throw new PuenteError(404, 'errors.clientNotFound');
  const outcome = mergeFields({
    change: m.change,
    base: m.base,
    server: current as unknown as Record<string, unknown>,
    editedAt,
    serverChangedAt: Date.parse(current.updatedAt),
  });
  if (Object.keys(outcome.apply).length > 0) {
    // Every value in `apply` came from the validated change, so it is a valid change itself.
    await changeClient(db, actor, m.clientId, outcome.apply as UpdateClientRequest, ip);
  }
  for (const c of outcome.conflicts) {
    await db.query(
      `insert into sync_conflict (id, org_id, client_id, mutation_id, field, kept, lost, lost_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        uuidv7(),
        actor.orgId,
        m.clientId,
        m.id,
        c.field,
        JSON.stringify(c.kept ?? null),
        JSON.stringify(c.lost ?? null),
        c.loser === 'incoming' ? actor.userId : null,
      ],
    );
  }
  return outcome.conflicts.length;
}

/** Open conflicts about people the caller may see, newest first. */
export async function listConflicts(db: Database, actor: Actor): Promise<SyncConflict[]> {
  return db.query<SyncConflict>(
    `select x.id, x.client_id as "clientId", ${clientDisplayName} as "clientName", x.field, x.kept, x.lost,
            u.display_name as "lostBy", ${iso('x.created_at')} as at
       from sync_conflict x join client c on c.id = x.client_id left join app_user u on u.id = x.lost_by
      where x.resolved_at is null and ${CLIENT_SCOPE}
      order by x.created_at desc limit 200`,
    scopeParams(actor),
  );
}

/** Settles a conflict: keep the record as it is, or put the losing value back (audited as a change). */
export async function resolveConflict(
  db: Database,
  actor: Actor,
  id: string,
  choose: 'kept' | 'lost',
  ip: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ clientId: string; field: string; lost: unknown }>(
      `select client_id as "clientId", field, lost from sync_conflict
        where org_id = $1 and id = $2 and resolved_at is null for update`,
      [actor.orgId, id],
    );
    if (!row) throw new PuenteError(404, 'errors.notFound');
    await requireVisibleClient(tx, actor, row.clientId).catch(() => {
      throw new PuenteError(404, 'errors.notFound');
    });
    if (choose === 'lost') {
      const restore = UpdateClientRequest.safeParse({ [row.field]: row.lost });
      if (!restore.success) throw new PuenteError(400, 'errors.validation');
      await changeClient(within(db, tx), actor, row.clientId, restore.data, ip);
    }
    await tx.query(
      `update sync_conflict set resolved_at = now(), resolved_by = $3, resolution = $4 where org_id = $1 and id = $2`,
      [actor.orgId, id, actor.userId, choose],
    );
    await recordAudit(tx, who(actor, ip), {
      action: 'sync.conflict-resolved',
      subjectType: 'client',
      subjectId: row.clientId,
      detail: { field: row.field, choose },
    });
  });
}
