// An ended session in the authorization matrix (not used by the server).

import { SESSION_COOKIE } from '../features/auth/sessions.js';
import { hashToken, newToken } from '../http/tokens.js';
import type { World } from './matrix-world.js';

/**
 * A session row of the home admin whose expiry has passed, as the cookie that names it. Call
 * `renew` before each request: the server deletes an ended session the first time it sees it.
 */
export function expiredSession(w: World): { cookie: string; renew(): Promise<void> } {
  const token = newToken();
  return {
    cookie: `${SESSION_COOKIE}=${token}`,
    async renew() {
      await w.h.db.query(
        `insert into session (token_hash, org_id, user_id, created_at, last_seen_at, expires_at)
         values ($1, $2, $3, now() - interval '2 hours', now() - interval '2 hours', now() - interval '1 minute')
         on conflict (token_hash) do update set expires_at = now() - interval '1 minute'`,
        [hashToken(token), w.home.orgId, w.home.ids[w.home.admin]],
      );
    },
  };
}
