import type { Database, Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { requireVisibleClient } from './scope.js';

/**
 * The shape of every change to a person's record: one transaction that checks
 * the caller may see the person, does the work and records the audit event.
 */
export function withClient<T>(
  db: Database,
  actor: Actor,
  clientId: string,
  ip: string,
  action: string,
  work: (tx: Queryable) => Promise<{ result: T; detail?: Record<string, unknown> }>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await requireVisibleClient(tx, actor, clientId);
    const { result, detail } = await work(tx);
    await recordAudit(tx, who(actor, ip), {
      action,
      subjectType: 'client',
      subjectId: clientId,
      ...(detail ? { detail } : {}),
    });
    return result;
  });
}
