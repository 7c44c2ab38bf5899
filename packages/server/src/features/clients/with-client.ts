import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { requireVisibleClient } from './scope.js';

/**
 * The shape of every change to a person's record, inside the caller's
 * transaction: checks the caller may see the person, does the work and
 * records the audit event.
 */
export async function withClient<T>(
  tx: Queryable,
  caller: Caller,
  clientId: string,
  action: string,
  work: () => Promise<{ result: T; detail?: Record<string, unknown> }>,
): Promise<T> {
  await requireVisibleClient(tx, caller.actor, clientId);
  const { result, detail } = await work();
  await recordAudit(tx, who(caller), {
    action,
    subjectType: 'client',
    subjectId: clientId,
    ...(detail ? { detail } : {}),
  });
  return result;
}
