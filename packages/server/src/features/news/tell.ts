import type { Config } from '../../config.js';
import type { Queryable } from '../../db/types.js';
import type { RequestScope } from '../../http/env.js';
import type { Logger } from '../../log.js';
import { type NewsKind, newsHub, newsUrl } from './hub.js';

/** The CHW and backup CHW who hold a person now: the only ones who hear news about them. */
export async function holdersOf(tx: Queryable, orgId: string, clientId: string): Promise<string[]> {
  const [row] = await tx.query<{ chw: string | null; backup: string | null }>(
    'select assigned_chw_id as chw, backup_chw_id as backup from client where org_id = $1 and id = $2',
    [orgId, clientId],
  );
  return [row?.chw, row?.backup].filter((u): u is string => typeof u === 'string');
}

/** The holders of the person a referral or an alert is about. */
export async function holdersOfThe(
  tx: Queryable,
  orgId: string,
  table: 'referral' | 'risk_alert',
  id: string,
): Promise<string[]> {
  const [row] = await tx.query<{ clientId: string }>(
    `select client_id as "clientId" from ${table} where org_id = $1 and id = $2`,
    [orgId, id],
  );
  return row ? holdersOf(tx, orgId, row.clientId) : [];
}

/** A request's context as `tell` reads it: the signed-in scope, the config and the log. */
type Told = { readonly var: { readonly scope: RequestScope; readonly config: Config; readonly log: Logger } };

/**
 * Tells the phones of `to` that something of theirs changed. Call after the
 * transaction has committed, so a phone that pulls at once finds the change.
 * The change is kept whatever happens here: a failure to tell is logged, not
 * answered, and the phone's next pull (every few minutes) brings it anyway.
 */
export async function tell(c: Told, news: { kind: NewsKind; id: string; to: string[] }): Promise<void> {
  const { scope, config, log } = c.var;
  if (!scope.actor) return;
  // The one who made the change does not need telling: their own screen already shows it.
  const me = scope.actor.userId;
  const to = [...new Set(news.to)].filter((u) => u !== me);
  if (to.length === 0) return;
  try {
    await newsHub(scope.db, newsUrl(config)).publish({
      org: scope.actor.orgId,
      to,
      kind: news.kind,
      id: news.id,
    });
  } catch (error) {
    log.warn({ err: { name: (error as Error).name }, kind: news.kind }, 'news not sent');
  }
}
