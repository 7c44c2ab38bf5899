import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../http/env.js';
import { scopeOf } from '../../http/scope.js';
import { requireVisibleClient } from '../clients/scope.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Route middleware for `/api/clients/{id}/…`: refuses a person outside the
 * caller's scope before the body is validated, so field messages reveal
 * nothing about a record the caller may not open. The service checks again
 * inside its transaction.
 */
export const clientInScope: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = c.req.param('id');
  if (id && uuid.test(id)) {
    const { db, actor } = scopeOf(c);
    await requireVisibleClient(db, actor, id);
  }
  await next();
};
