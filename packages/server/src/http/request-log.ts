import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { recordRequest } from '../features/metrics/registry.js';
import type { AppEnv } from './env.js';
import { answerHeaders, plainAnswerLength, setAnswerHeader } from './node-fast-path.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * A proxy's request id is kept only when it looks like one (a UUID, nginx's 32
 * hex digits): hex and dashes cannot spell a name, so nothing a caller types
 * reaches the logs through it.
 */
const safeRequestId = /^[0-9a-fA-F-]{8,64}$/;

/**
 * The route as the code declares it, `/api/clients/{id}`: never the path
 * asked for, which holds ids and may hold more. A request no route declares
 * (the web app's files, an unknown address) is `web` or `unmatched`.
 */
export function routeTemplate(c: Context<AppEnv>): string {
  const routes = matchedRoutes(c);
  const answered = routes[c.req.routeIndex];
  // The handler that answered, else (a middleware refused first) the route that would have.
  const route = answered && answered.method !== 'ALL' ? answered : routes.find((r) => r.method !== 'ALL');
  if (route) return templateOf(route.path);
  return c.req.path.startsWith('/api/') || c.req.method !== 'GET' ? 'unmatched' : 'web';
}

/** Templates by the route's path: the routes are the code's, so the map holds one entry per route. */
const templates = new Map<string, string>();
function templateOf(path: string): string {
  let template = templates.get(path);
  if (template === undefined) {
    template = path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
    templates.set(path, template);
  }
  return template;
}

/**
 * First middleware of the app: gives the request its id (answered in
 * `X-Request-Id`), hands handlers a logger that stamps it on every line, and
 * writes one access line when the answer is ready: method, route template,
 * status, duration, and the caller as opaque ids. No path, query, body or name.
 */
export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  const offered = c.req.header(REQUEST_ID_HEADER);
  const reqId = offered && safeRequestId.test(offered) ? offered : randomUUID();
  const log = c.get('log').child({ reqId });
  c.set('log', log);
  c.set('requestId', reqId);
  // In the JSON answer as it is made (node-fast-path.ts); set afterwards on any other.
  answerHeaders(c)[REQUEST_ID_HEADER] = reqId;
  await next();
  const ms = performance.now() - started;
  const route = routeTemplate(c);
  const status = c.res.status;
  if (plainAnswerLength(c) === undefined) setAnswerHeader(c, REQUEST_ID_HEADER, reqId);
  const actor = c.get('actor');
  log.info(
    {
      method: c.req.method,
      route,
      status,
      ms: Math.round(ms * 10) / 10,
      ...(actor ? { userId: actor.userId, orgId: actor.orgId } : {}),
    },
    'request',
  );
  if (c.get('config').metricsToken) recordRequest(c.req.method, route, status, ms / 1000);
};
