import { streamSSE } from 'hono/streaming';
import { createRouter } from '../../http/openapi.js';
import { scopeOf } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { findSession } from '../auth/sessions.js';
import { newsHub, newsUrl } from './hub.js';

/** Often enough that proxies (nginx defaults to 60 s) keep an idle stream open; each beat also re-checks the session. */
export const HEARTBEAT_MS = 25_000;

export const newsRoutes = createRouter();

/**
 * Server-sent events telling a signed-in phone that something of its user's
 * changed: `event: news` with `{ kind, id }` only (an opaque id, never a name
 * or a status). The phone answers by pulling, so what it may see is decided
 * by sync alone. Same permission as sync: whoever may not sync hears nothing.
 * Not in the OpenAPI document: it is a stream, not a JSON answer.
 */
newsRoutes.get('/api/news/stream', allow('sync.use'), (c) => {
  const scope = scopeOf(c);
  const { actor, db } = scope;
  const hub = newsHub(db, newsUrl(c.get('config')));
  c.header('cache-control', 'no-store');
  // nginx would otherwise hold the events back in its buffer.
  c.header('x-accel-buffering', 'no');
  return streamSSE(c, async (stream) => {
    let ended = false;
    let wake: () => void = () => {};
    const end = () => {
      ended = true;
      wake();
    };
    const queue: { kind: string; id: string }[] = [];
    const stop = hub.listen({
      userId: actor.userId,
      orgId: actor.orgId,
      sessionHash: actor.sessionHash,
      hear: (news) => {
        queue.push(news);
        wake();
      },
      end,
    });
    stream.onAbort(end);
    try {
      // Not "ready" before news can arrive: a change made right after would otherwise be missed.
      await hub.listening();
      // Tells the phone it is connected (and how soon to come back after a drop).
      await stream.writeSSE({ event: 'ready', data: '{}', retry: 5000 });
      while (!ended) {
        let timer: NodeJS.Timeout | undefined;
        const beat = await new Promise<boolean>((resolve) => {
          wake = () => resolve(false);
          timer = setTimeout(() => resolve(true), HEARTBEAT_MS);
          if (ended || queue.length) resolve(false);
        });
        clearTimeout(timer);
        for (const news of queue.splice(0)) {
          if (ended) break;
          await stream.writeSSE({ event: 'news', data: JSON.stringify({ kind: news.kind, id: news.id }) });
        }
        if (beat && !ended) {
          // Signed out or revoked elsewhere since: close, the phone's next request learns why.
          const session = await findSession(db, actor.sessionHash);
          if (!session || session.expired) break;
          await stream.write(': keep-alive\n\n');
        }
      }
    } finally {
      stop();
      await stream.close();
    }
  });
});
