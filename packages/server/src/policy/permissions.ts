import { type Permission, PuenteError, roleCan } from '@puente/core';
import type { MiddlewareHandler } from 'hono';
import type { Actor, AppEnv } from '../http/env.js';

/** The one table of who may do what lives in core, so the web reads the same rules. */
export { type Permission, permissions } from '@puente/core';

export function can(actor: Actor | undefined, permission: Permission): actor is Actor {
  return actor !== undefined && roleCan(actor.role, permission);
}

/** Returns the actor when allowed; otherwise throws the matching 401 or 403. */
export function authorize(actor: Actor | undefined, permission: Permission): Actor {
  if (!actor) throw new PuenteError(401, 'errors.signInRequired');
  if (!can(actor, permission)) throw new PuenteError(403, 'errors.forbidden');
  return actor;
}

/**
 * Route middleware: refuses before the body is even read, so a caller without
 * the role learns nothing from validation messages.
 * @example createRoute({ ..., middleware: [allow('users.manage')] })
 */
export function allow(permission: Permission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    authorize(c.get('actor'), permission);
    await next();
  };
}
