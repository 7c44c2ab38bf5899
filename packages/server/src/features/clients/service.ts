import {
  type Client,
  type ClientSummary,
  type NewClientRequest,
  PuenteError,
  type UpdateClientRequest,
  uuidv7,
} from '@puente/core';
import type { Database, Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { clientDetail } from './detail.js';
import { refuseDuplicates } from './duplicates.js';
import { insertClient, listClients, updateClient } from './queries.js';
import { HOLD_SCOPE, requireAssignableChw, requireVisibleClient, scopeParams } from './scope.js';

export async function caseload(
  db: Database,
  actor: Actor,
  ip: string,
  options: { q?: string | undefined; limit: number; offset: number; chwId?: string | undefined },
): Promise<{ clients: ClientSummary[]; total: number }> {
  return db.transaction(async (tx) => {
    const page = await listClients(tx, actor, options);
    await recordAudit(tx, who(actor, ip), {
      action: options.q ? 'client.searched' : 'client.listed',
      subjectType: 'client',
      detail: { count: page.clients.length },
    });
    return page;
  });
}

/**
 * Registers a person into a caseload: the CHW's own, or for a supervisor the
 * CHW named. Refuses with 409 and the possible duplicates unless told it is
 * someone else: the CHW decides, the record is not made half-way.
 */
export async function registerClient(
  db: Database,
  actor: Actor,
  request: NewClientRequest & { chwId?: string | undefined },
  ip: string,
): Promise<Client> {
  const chwId = request.chwId ?? actor.userId;
  if (chwId !== actor.userId) await requireAssignableChw(db, actor, chwId);
  // Checked and audited on its own: a refusal rolls nothing back that the trail should keep.
  if (!request.notADuplicate) await refuseDuplicates(db, actor, request, ip);
  return db.transaction(async (tx) => {
    const id = request.id ?? uuidv7();
    const exists = await tx.query('select 1 from client where id = $1', [id]);
    if (exists.length > 0) throw new PuenteError(409, 'errors.idTaken');
    await insertClient(tx, {
      ...request,
      id,
      orgId: actor.orgId,
      assignedChwId: chwId,
      createdBy: actor.userId,
    });
    await tx.query(
      `insert into client_assignment (id, org_id, client_id, chw_id, reason, assigned_by) values ($1, $2, $3, $4, 'registered', $5)`,
      [uuidv7(), actor.orgId, id, chwId, actor.userId],
    );
    await recordAudit(tx, who(actor, ip), {
      action: 'client.registered',
      subjectType: 'client',
      subjectId: id,
    });
    const client = await clientDetail(tx, actor.orgId, id, null);
    if (!client) throw new PuenteError(404, 'errors.clientNotFound');
    return client;
  });
}

/** Opens a person's record; the read is audited, and marked when it went through break-the-glass. */
export async function openClient(db: Database, actor: Actor, id: string, ip: string): Promise<Client> {
  return db.transaction(async (tx) => {
    await requireVisibleClient(tx, actor, id);
    const access = await glassAccess(tx, actor, id);
    const client = await clientDetail(tx, actor.orgId, id, access);
    if (!client) throw new PuenteError(404, 'errors.clientNotFound');
    await recordAudit(tx, who(actor, ip), {
      action: 'client.viewed',
      subjectType: 'client',
      subjectId: id,
      ...(access ? { detail: { breakGlass: true } } : {}),
    });
    return client;
  });
}

/** When the caller sees this client only through break-the-glass (does not hold them): until when. */
async function glassAccess(db: Queryable, actor: Actor, clientId: string): Promise<string | null> {
  const [own] = await db.query<{ own: boolean }>(
    `select ${HOLD_SCOPE} as own from client c where c.id = $4`,
    [...scopeParams(actor), clientId],
  );
  if (own?.own) return null;
  const [grant] = await db.query<{ until: string }>(
    `select to_char(max(expires_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as until
       from break_glass where org_id = $1 and client_id = $2 and user_id = $3 and expires_at > now()`,
    [actor.orgId, clientId, actor.userId],
  );
  return grant?.until ?? null;
}

export async function changeClient(
  db: Database,
  actor: Actor,
  id: string,
  change: UpdateClientRequest,
  ip: string,
): Promise<Client> {
  return db.transaction(async (tx) => {
    await requireVisibleClient(tx, actor, id);
    await updateClient(tx, actor.orgId, id, change);
    await recordAudit(tx, who(actor, ip), {
      action: 'client.changed',
      subjectType: 'client',
      subjectId: id,
      detail: { fields: Object.keys(change).sort() },
    });
    const client = await clientDetail(tx, actor.orgId, id, await glassAccess(tx, actor, id));
    if (!client) throw new PuenteError(404, 'errors.clientNotFound');
    return client;
  });
}
