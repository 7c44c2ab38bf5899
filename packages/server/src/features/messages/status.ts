import type { Queryable } from '../../db/types.js';
import type { StatusNews } from './provider.js';

/**
 * Records a provider's delivery news on its message, found by the
 * provider's id (or, before the send's reply was recorded, by Puente's own
 * id carried in the callback). News only moves a message forward (queued →
 * sent → delivered, undelivered or failed), so a repeated or late callback
 * changes nothing. Returns whether a message of ours was found.
 */
export async function recordStatus(
  tx: Queryable,
  provider: string,
  news: StatusNews,
  now: Date,
): Promise<boolean> {
  const rank = (column: string) =>
    `(case ${column} when 'queued' then 0 when 'sent' then 1 when 'refused' then 3 else 2 end)`;
  const found = await tx.query<{ id: string }>(
    `update text_message set status = case when ${rank('status')} < ${rank('$3::text')} then $3 else status end,
            reason = case when ${rank('status')} < ${rank('$3::text')} then $4 else reason end,
            provider_id = coalesce(provider_id, $2), status_at = $5
      where provider = $1 and direction = 'out'
        and (provider_id = $2 or (provider_id is null and id = $6::uuid))
      returning id`,
    [provider, news.providerId, news.status, news.reason, now.toISOString(), news.messageId ?? null],
  );
  return found.length > 0;
}
