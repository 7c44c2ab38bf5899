import type { Config } from '../../config.js';
import type { RequestScope } from '../../http/env.js';
import type { Logger } from '../../log.js';
import { newsHub, newsUrl } from '../news/hub.js';
import type { Received } from './inbound.js';

type Told = { readonly var: { readonly scope: RequestScope; readonly config: Config; readonly log: Logger } };

/**
 * Tells the phones of the CHWs who hold the person that a text came in (the
 * person's id only; the phone pulls). Called after commit; a failure to tell
 * is logged, the text is kept and shows at the next pull. news/tell.ts does
 * this for a signed-in caller; a provider's callback has none.
 */
export async function tellHolders(c: Told, received: Received): Promise<void> {
  if (!received.clientId || received.notify.length === 0) return;
  const { scope, config, log } = c.var;
  try {
    await newsHub(scope.db, newsUrl(config)).publish({
      org: received.orgId,
      to: received.notify,
      kind: 'message',
      id: received.clientId,
    });
  } catch (error) {
    log.warn({ err: { name: (error as Error).name }, kind: 'message' }, 'news not sent');
  }
}
