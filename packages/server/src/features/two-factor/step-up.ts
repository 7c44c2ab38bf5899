import { PuenteError } from '@puente/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../http/env.js';
import { scopeOf } from '../../http/scope.js';
import { verifiedWithin } from './queries.js';

/**
 * Route middleware for the most sensitive actions (break-the-glass, the
 * person-level extract, FHIR client secrets): the session must have proved
 * who holds it (sign-in, or `POST /api/auth/step-up`) within STEP_UP_MINUTES.
 * Put it after `allow(...)`, so a caller without the role is refused as such.
 * @example middleware: [allow('reports.extract'), requireStepUp] as const
 */
export const requireStepUp: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, actor } = scopeOf(c);
  if (!(await verifiedWithin(db, actor.sessionHash, c.get('config').stepUpMinutes))) {
    throw new PuenteError(403, 'errors.stepUpRequired');
  }
  await next();
};
