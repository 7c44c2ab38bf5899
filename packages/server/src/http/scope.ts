import { PuenteError } from '@puente/core';
import type { MiddlewareHandler } from 'hono';
import type { Queryable } from '../db/types.js';
import type { AppEnv, RequestScope, Scope } from './env.js';

/**
 * Gathers what the middleware before it settled (the database, the request id,
 * the caller's address and language, who is signed in) into one scope, so a
 * handler reads `scopeOf(c)` once instead of each piece. Registered after
 * `loadSession`, which settles the actor and their language.
 */
export const requestScope: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('scope', {
    db: c.get('db'),
    actor: c.get('actor'),
    ip: c.get('ip'),
    locale: c.get('locale'),
    requestId: c.get('requestId'),
  });
  await next();
};

const signedIn = (scope: RequestScope): scope is Scope => scope.actor !== undefined;

/** A request's context, of the app's env or of one that adds variables to it (the FHIR API's client). */
type ScopedContext = { readonly var: { readonly scope: RequestScope } };

/**
 * The scope of a signed-in request (a route guarded by `allow`); without a
 * session, 401. Routes open to anyone read `c.get('scope')`.
 */
export function scopeOf(c: ScopedContext): Scope {
  const { scope } = c.var;
  if (!signedIn(scope)) throw new PuenteError(401, 'errors.signInRequired');
  return scope;
}

/**
 * Runs `work` in one transaction the route owns: services take the
 * transaction and never open their own, so a change, its effects and its
 * audit event are kept together or not at all, and sync can call the same
 * services inside its own one transaction.
 * @example transactional(c, (tx, scope) => recordEncounter(tx, scope, id, body))
 */
export function transactional<T>(
  c: ScopedContext,
  work: (tx: Queryable, scope: Scope) => Promise<T>,
): Promise<T> {
  const scope = scopeOf(c);
  return scope.db.transaction((tx) => work(tx, scope));
}

/**
 * `transactional` for the routes open without a session (public pages, a
 * phone asking about its device): the scope's actor may be absent.
 */
export function transactionalPublic<T>(
  c: ScopedContext,
  work: (tx: Queryable, scope: RequestScope) => Promise<T>,
): Promise<T> {
  const { scope } = c.var;
  return scope.db.transaction((tx) => work(tx, scope));
}
