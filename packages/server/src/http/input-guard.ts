import { inputProblem, PuenteError } from '@puente/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

// A sync push carries many changes: each is checked on its own (sync/push.ts), so one bad
// change is refused by itself and the others still land.
const checkedPerItem = new Set(['/api/sync/push']);

const refuse = (message: string) =>
  new PuenteError(400, 'errors.validation', {}, { errors: [{ path: '(body)', message }] });

/**
 * Refuses, before any route runs, input no route could store: a NUL character
 * in the address or anywhere in a JSON body (keys too), and JSON nested deeper
 * than core's `inputLimits.maxDepth`. Without this they reached the database
 * and failed there as a 500.
 */
export const inputGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (/%00/.test(c.req.url)) throw refuse('fields.noNul');
  const type = c.req.header('content-type') ?? '';
  if (c.req.method !== 'GET' && /json/i.test(type) && !checkedPerItem.has(c.req.path)) {
    // Hono keeps the text: the route's own parsing reads it again without another read of the stream.
    const text = await c.req.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return next(); // malformed JSON: the route's validation says so
    }
    const problem = inputProblem(body);
    if (problem) throw refuse(problem === 'nul' ? 'fields.noNul' : 'fields.tooDeep');
  }
  await next();
};
