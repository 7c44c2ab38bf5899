import { type PlaceInboxTextRequest, PuenteError } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { requireVisibleClient } from '../clients/scope.js';

/**
 * A supervisor places a text from a number nobody had: into the thread of a
 * person they may see (the shared scope: their teams' caseloads, their own
 * organization only), with the other unplaced texts from that number, or
 * marked handled. Either way it leaves the inbox; audited with ids only.
 * A text already placed (by another supervisor) is not found.
 */
export async function placeInboxText(
  tx: Queryable,
  caller: Caller,
  messageId: string,
  request: PlaceInboxTextRequest,
): Promise<{ messages: string[]; clientId: string | null }> {
  const { actor } = caller;
  const [text] = await tx.query<{ phone: string }>(
    `select phone from text_message
      where org_id = $1 and id = $2 and direction = 'in' and client_id is null and handled_at is null
      for update`,
    [actor.orgId, messageId],
  );
  if (!text) throw new PuenteError(404, 'errors.inboxTextNotFound');
  if (request.clientId) {
    const clientId = request.clientId;
    await requireVisibleClient(tx, actor, clientId);
    const moved = await tx.query<{ id: string }>(
      `update text_message set client_id = $3
        where org_id = $1 and phone = $2 and direction = 'in' and client_id is null and handled_at is null
        returning id`,
      [actor.orgId, text.phone, clientId],
    );
    const messages = moved.map((m) => m.id).sort();
    await recordAudit(tx, who(caller), {
      action: 'text.attached',
      subjectType: 'client',
      subjectId: clientId,
      detail: { messages },
    });
    return { messages, clientId };
  }
  await tx.query(
    'update text_message set handled_at = now(), handled_by = $3 where org_id = $1 and id = $2',
    [actor.orgId, messageId, actor.userId],
  );
  await recordAudit(tx, who(caller), { action: 'text.inbox-handled', detail: { message: messageId } });
  return { messages: [messageId], clientId: null };
}
