import {
  type Client,
  type ClientSummary,
  type NewClientRequest,
  PuenteError,
  type UpdateClientRequest,
  uuidv7,
} from '@puente/core';
import { clientScope, isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { auditInsert, recordAudit, who } from '../audit/record.js';
import { clientDetail } from './detail.js';
import { checkDuplicates, type PossibleDuplicates } from './duplicates.js';
import { insertClient, listClients, updateClient } from './queries.js';
import { requireAssignableChw, requireVisibleClient } from './scope.js';

export async function caseload(
  tx: Queryable,
  caller: Caller,
  options: { q?: string | undefined; limit: number; offset: number; chwId?: string | undefined },
): Promise<{ clients: ClientSummary[]; total: number }> {
  const { actor } = caller;
  const page = await listClients(tx, actor, options);
  await recordAudit(tx, who(caller), {
    action: options.q ? 'client.searched' : 'client.listed',
    subjectType: 'client',
    detail: { count: page.clients.length },
  });
  return page;
}

type Registration = NewClientRequest & { chwId?: string | undefined };

/**
 * What registering a person checks first: the CHW named (a supervisor's
 * choice) may take them, and, unless told it is someone else, the audited
 * duplicate check, whose finding `refuseDuplicates` turns into a 409. The
 * route runs it in a transaction of its own, so the trail keeps a check that
 * ends in a refusal.
 */
export async function checkRegistration(
  tx: Queryable,
  caller: Caller,
  request: Registration,
): Promise<PossibleDuplicates | undefined> {
  const { actor } = caller;
  const chwId = request.chwId ?? actor.userId;
  if (chwId !== actor.userId) await requireAssignableChw(tx, actor, chwId);
  return request.notADuplicate ? undefined : checkDuplicates(tx, caller, request);
}

/**
 * Registers a person into a caseload: the CHW's own, or for a supervisor the
 * CHW named, once `checkRegistration` has passed: the CHW decides about
 * possible duplicates, the record is not made half-way.
 */
export async function registerClient(tx: Queryable, caller: Caller, request: Registration): Promise<Client> {
  const { actor } = caller;
  const chwId = request.chwId ?? actor.userId;
  const id = request.id ?? uuidv7();
  const exists = await tx.query('select 1 from client where id = $1', [id]);
  if (exists.length > 0) throw new PuenteError(409, 'errors.idTaken');
  await writeRegistration(tx, caller, request, { id, chwId });
  const client = await clientDetail(tx, actor.orgId, id, null);
  if (!client) throw new PuenteError(404, 'errors.clientNotFound');
  return client;
}

/**
 * The rows a registration writes, checks done: the record in `chwId`'s
 * caseload, its first assignment and the audit event (with `detail`, e.g.
 * the import run it came from). Registering and the caseload import share it.
 */
export async function writeRegistration(
  tx: Queryable,
  caller: Caller,
  person: NewClientRequest,
  { id, chwId, detail }: { id: string; chwId: string; detail?: Record<string, unknown> },
): Promise<void> {
  const { actor } = caller;
  await insertClient(tx, {
    ...person,
    id,
    orgId: actor.orgId,
    assignedChwId: chwId,
    createdBy: actor.userId,
  });
  await tx.query(
    `insert into client_assignment (id, org_id, client_id, chw_id, reason, assigned_by) values ($1, $2, $3, $4, 'registered', $5)`,
    [uuidv7(), actor.orgId, id, chwId, actor.userId],
  );
  await recordAudit(tx, who(caller), {
    action: 'client.registered',
    subjectType: 'client',
    subjectId: id,
    ...(detail ? { detail } : {}),
  });
}

/** Opens a person's record; the read is audited, and marked when it went through break-the-glass. */
/**
 * A person's whole record, and its audit event (client.viewed) written by the statement that
 * reads it, so the event is there exactly when the record was read: three round trips (the
 * session, who may see whom, the record) instead of seven, with no BEGIN or COMMIT.
 */
export async function openClient(db: Queryable, caller: Caller, id: string): Promise<Client> {
  const { actor } = caller;
  const access = await glassAccess(db, actor, id);
  const audited = auditInsert(
    who(caller),
    {
      action: 'client.viewed',
      subjectType: 'client',
      subjectId: id,
      ...(access ? { detail: { breakGlass: true } } : {}),
    },
    sql`from client c where c.org_id = ${actor.orgId} and c.id = ${id}`,
  );
  const client = await clientDetail(db, actor.orgId, id, access, audited);
  if (!client) throw new PuenteError(404, 'errors.clientNotFound');
  return client;
}

/**
 * Whether the caller may see this client (else "not found", as for an id that does not
 * exist), and when they see them only through break-the-glass, not holding them: until when.
 */
async function glassAccess(db: Queryable, actor: Actor, clientId: string): Promise<string | null> {
  const [row] = await db.query<{ own: boolean; until: string | null }>(
    sql`select ${clientScope(actor, { breakGlass: false })} as own,
               (select ${isoColumn('g.until')}
                  from (select max(bg.expires_at) as until from break_glass bg
                         where bg.org_id = c.org_id and bg.client_id = c.id and bg.user_id = ${actor.userId}
                           and bg.expires_at > now()) g) as until
          from client c where c.id = ${clientId} and ${clientScope(actor)}`,
  );
  if (!row) throw new PuenteError(404, 'errors.clientNotFound');
  return row.own ? null : row.until;
}

export async function changeClient(
  tx: Queryable,
  caller: Caller,
  id: string,
  change: UpdateClientRequest,
): Promise<Client> {
  const { actor } = caller;
  await requireVisibleClient(tx, actor, id);
  await updateClient(tx, actor.orgId, id, change);
  await recordAudit(tx, who(caller), {
    action: 'client.changed',
    subjectType: 'client',
    subjectId: id,
    detail: { fields: Object.keys(change).sort() },
  });
  const client = await clientDetail(tx, actor.orgId, id, await glassAccess(tx, actor, id));
  if (!client) throw new PuenteError(404, 'errors.clientNotFound');
  return client;
}
