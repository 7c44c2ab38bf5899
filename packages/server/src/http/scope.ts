import { PuenteError } from '@puente/core';
import type { MiddlewareHandler } from 'hono';
import { stickySplit, writes } from '../db/replica.js';
import type { Database, Queryable } from '../db/types.js';
import type { AppEnv, RequestScope, Scope } from './env.js';

/**
 * Gathers what the middleware before it settled (the database, the request id,
 * the caller's address and language, who is signed in) into one scope, so a
 * handler reads `scopeOf(c)` once instead of each piece. Registered after
 * `loadSession`, which settles the actor and their language.
 */
export const requestScope: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.get('actor');
  // With a read replica, a signed-in user's database remembers their commits (db/replica.ts).
  const shared = c.get('db');
  const db = actor && shared.forUser ? shared.forUser(actor.userId) : shared;
  c.set('db', db);
  c.set('scope', {
    db,
    actor,
    ip: c.get('ip'),
    locale: c.get('locale'),
    requestId: c.get('requestId'),
  });
  await next();
};

const signedIn = (scope: RequestScope): scope is Scope => scope.actor !== undefined;

/**
 * A request's context, of the app's env or of one that adds variables to it (the FHIR API's client).
 * Read with `get`: Hono's `c.var` copies every variable of the request into a new object each time.
 */
type ScopedContext = { get(key: 'scope'): RequestScope };

/**
 * The scope of a signed-in request (a route guarded by `allow`); without a
 * session, 401. Routes open to anyone read `c.get('scope')`.
 */
export function scopeOf(c: ScopedContext): Scope {
  const scope = c.get('scope');
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
 * `transactional` for a service whose only write is one statement: a change with its effects
 * and its audit event as data-modifying CTEs (recordEncounter), or reads followed by the one
 * audit event that says they were made (opening a person, Today, the caseload). A statement
 * is atomic on its own, so no BEGIN and COMMIT: two round trips of a visit's four. Under READ
 * COMMITTED each statement sees its own snapshot inside a transaction too, so reads lose no
 * consistency; an answer is sent only once its audit event is written. The service is handed
 * the database itself, and a second statement that writes is refused: it would not be kept
 * together with the first (use `transactional`). Sync calls the same services inside its one
 * transaction.
 * @example singleWrite(c, (db, scope) => recordEncounter(db, scope, id, body))
 */
export function singleWrite<T>(
  c: ScopedContext,
  work: (db: Queryable, scope: Scope) => Promise<T>,
): Promise<T> {
  const scope = scopeOf(c);
  return work(oneWrite(scope.db), scope);
}

function oneWrite(db: Queryable): Queryable {
  // The text of the one statement that writes: sent again (a resend after a lost primary), it is still one write.
  let written: string | undefined;
  return {
    query(sql, params) {
      const text = typeof sql === 'string' ? sql : sql.text;
      if (writes(text)) {
        if (written !== undefined && written !== text)
          throw new Error('singleWrite: a second statement that writes; use transactional');
        written = text;
      }
      return db.query(sql, params);
    },
    exec: () => Promise.reject(new Error('singleWrite: exec is not one statement; use transactional')),
  };
}

/**
 * `transactional` for work that mostly reads (sync pulls, FHIR reads): with a
 * read replica (DATABASE_READ_URL) its reads go there once the replica has
 * replayed the caller's own last write, and its writes (the audit event) to
 * the primary's transaction; from its first write on, `tx` sends everything to
 * the primary, which sees that write. `read` always reads where the reads go,
 * for work that writes before its heavy reads (a pull's bookkeeping). Without
 * a replica, or with one behind or down, all three are one primary transaction.
 */
export function readMostly<T>(
  c: ScopedContext,
  work: (tx: Queryable, scope: Scope, read: Queryable) => Promise<T>,
): Promise<T> {
  const scope = scopeOf(c);
  return readMostlyIn(scope, (tx, read) => work(tx, scope, read));
}

/**
 * `readMostly` for the FHIR API (its clients signed in by token, not a
 * session). What it reads leaves for another organization, so the replica must
 * have replayed everything committed before the request, not only the
 * client's own writes: a consent withdrawn a moment ago holds at once.
 */
export function readMostlyPublic<T>(
  c: ScopedContext,
  work: (tx: Queryable, scope: RequestScope, read: Queryable) => Promise<T>,
): Promise<T> {
  const scope = c.get('scope');
  return readMostlyIn(scope, (tx, read) => work(tx, scope, read), true);
}

function readMostlyIn<T>(
  { db }: { db: Database },
  work: (tx: Queryable, read: Queryable) => Promise<T>,
  fresh = false,
): Promise<T> {
  const run = (replica: Database | undefined) =>
    db.transaction((tx) => (replica ? work(stickySplit(replica, tx), replica) : work(tx, tx)));
  return db.reading ? db.reading(run, { fresh }) : run(undefined);
}

/**
 * Read-only work that takes the database (reports read side by side on
 * several connections, directory search): `reads` is the replica once it has
 * replayed the caller's last write, else the primary. What it writes (an audit
 * event) goes through `scope.db`, after its reads.
 */
export function readsOf<T>(
  c: ScopedContext,
  work: (reads: Database, scope: Scope) => Promise<T>,
): Promise<T> {
  const scope = scopeOf(c);
  const { reading } = scope.db;
  if (!reading) return work(scope.db, scope);
  return reading((replica) => work(replica ?? scope.db, scope));
}

/**
 * `transactional` for the routes open without a session (public pages, a
 * phone asking about its device): the scope's actor may be absent.
 */
export function transactionalPublic<T>(
  c: ScopedContext,
  work: (tx: Queryable, scope: RequestScope) => Promise<T>,
): Promise<T> {
  const scope = c.get('scope');
  return scope.db.transaction((tx) => work(tx, scope));
}
