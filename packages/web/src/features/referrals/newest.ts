import type { Referral, ReferralDetail } from '@puente/core';

/**
 * The one copy the whole card reads: the phone's, unless the history just read
 * from the server is newer (a partner answered since the last sync). Reading
 * the card from the copy and the history from the server is how the card said
 * "Sent" under a history that said "got help".
 */
export function newest(copy: Referral, detail: ReferralDetail | undefined): Referral {
  if (!detail) return copy;
  const { events: _, ...server } = detail;
  return server.updatedAt > copy.updatedAt ? server : copy;
}
