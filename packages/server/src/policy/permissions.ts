import { PuenteError, type Role } from '@puente/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { Actor, AppEnv } from '../http/env.js';

/**
 * Who may do what. One table for the whole server: a permission not listed
 * here, or a role not listed for it, is refused (deny by default).
 * Features add their permissions here; scoping to the caller's organization
 * and caseload is done by each feature's queries, always from `actor.orgId`.
 */
export const permissions = {
  'account.self': ['chw', 'supervisor', 'manager', 'admin', 'partner'],
  'users.manage': ['admin'],
  'teams.read': ['admin', 'supervisor'],
  'teams.manage': ['admin'],
  'audit.read': ['admin'],
  // Casework: what a caller may do; which people they may do it to is CLIENT_SCOPE.
  'clients.register': ['chw', 'supervisor'],
  'clients.work': ['chw', 'supervisor', 'admin'],
  'clients.handover': ['supervisor', 'admin'],
  'clients.break-glass': ['supervisor', 'admin'],
  'caseload.counts': ['manager', 'supervisor', 'admin'],
  'team.overview': ['supervisor'],
  'supervision.write': ['supervisor'],
  'supervision.read': ['supervisor', 'chw'],
  'program.read': ['chw', 'supervisor', 'manager', 'admin'],
  'program.write': ['admin'],
  // Screening and crisis response: which people is CLIENT_SCOPE; which alerts is the alert's own scope.
  'instruments.read': ['chw', 'supervisor', 'manager', 'admin'],
  'screenings.work': ['chw', 'supervisor'],
  'crisis.read': ['chw', 'supervisor', 'manager', 'admin'],
  'alerts.raise': ['chw', 'supervisor'],
  'alerts.read': ['chw', 'supervisor', 'manager'],
  'alerts.acknowledge': ['supervisor', 'manager'],
  // Resource directory: no person data; HSDS reading is also open to partners.
  'directory.search': ['chw', 'supervisor', 'manager', 'admin'],
  'directory.flag': ['chw', 'supervisor', 'admin'],
  'directory.read': ['chw', 'supervisor', 'manager', 'admin', 'partner'],
  'directory.manage': ['admin'],
  // A private page of services for one person is casework: which people is CLIENT_SCOPE.
  'directory.share': ['chw', 'supervisor'],
  // Referrals: which people is CLIENT_SCOPE; a partner sees only referrals addressed to its organization.
  'referrals.work': ['chw', 'supervisor'],
  'referrals.answer': ['partner'],
  'partners.manage': ['admin'],
  // Community education: the library has no person data; sharing a topic is casework (CLIENT_SCOPE).
  'education.read': ['chw', 'supervisor', 'manager', 'admin'],
  'education.edit': ['admin'],
  'education.share': ['chw', 'supervisor'],
  // Outreach events are the organization's; sign-ups also need clients.register.
  'outreach.work': ['chw', 'supervisor', 'admin'],
  'outreach.figures': ['supervisor', 'manager', 'admin'],
  // Offline sync: the caseload on the phone; each mutation is also checked against its own permission.
  'sync.use': ['chw', 'supervisor'],
  // Program reports: counts without names; the person-level extract is de-identified.
  'reports.read': ['manager', 'supervisor', 'admin'],
  'reports.extract': ['manager', 'admin'],
  // API clients of connected clinics (the FHIR API itself authenticates the client, not a user).
  'fhir.clients.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(actor: Actor | undefined, permission: Permission): actor is Actor {
  if (!actor) return false;
  const allowed: readonly Role[] = permissions[permission];
  return allowed.includes(actor.role);
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

/** The caller of a route guarded by `allow`. */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new PuenteError(401, 'errors.signInRequired');
  return actor;
}
