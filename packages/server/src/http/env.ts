import type { Locale, Role } from '@puente/core';
import type { Config } from '../config.js';
import type { Database } from '../db/types.js';
import type { Logger } from '../log.js';

/** Who is calling: set from a valid session, absent for anonymous requests. */
export interface Actor {
  userId: string;
  orgId: string;
  role: Role;
  locale: Locale;
  sessionHash: string;
}

/**
 * Who asks and from where: what a service needs besides its transaction (its
 * checks read the actor; its audit events name the actor and the address).
 */
export interface Caller {
  actor: Actor;
  ip: string;
}

/** A signed-in request's scope: its caller, the database, its language and its id. */
export interface Scope extends Caller {
  db: Database;
  /** The language of messages sent back: the user's, else the browser's. */
  locale: Locale;
  /** The id the request log stamps on this request's lines and answer. */
  requestId: string;
}

/** What the scope middleware sets on every request; the actor is absent until someone signs in. */
export type RequestScope = Omit<Scope, 'actor'> & { actor: Actor | undefined };

/** What every request handler can reach through `c.get(...)`; handlers read `scopeOf(c)`. */
export interface AppEnv {
  Variables: {
    db: Database;
    config: Config;
    log: Logger;
    actor: Actor | undefined;
    /** The language of messages sent back: the user's, else the browser's. */
    locale: Locale;
    ip: string;
    requestId: string;
    /** The request's database, caller, address, language and id in one, set by `requestScope`. */
    scope: RequestScope;
    /** Headers every answer carries, given before the handler runs (node-fast-path.ts). */
    answerHeaders: Record<string, string> | undefined;
    /** The JSON answer made with those headers in it, and its length (node-fast-path.ts). */
    plainAnswer: { response: Response; length: number } | undefined;
  };
}
