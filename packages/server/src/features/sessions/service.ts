import { PuenteError, type SessionView } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { endSession, endSessions, sessionsOf, userInOrg } from './queries.js';

// Ending sessions, one's own or (an admin's) another user's, each audited in the caller's transaction.

/** Ends one of the caller's own sessions; another's id is answered as one that does not exist. */
export async function signOutMine(tx: Queryable, caller: Caller, sessionId: string): Promise<void> {
  const { actor } = caller;
  if (!(await endSession(tx, actor.userId, actor.orgId, sessionId))) {
    throw new PuenteError(404, 'errors.sessionNotFound');
  }
  await recordAudit(tx, who(caller), {
    action: 'auth.session-ended',
    subjectType: 'user',
    subjectId: actor.userId,
  });
}

/** Ends every session of the caller but the one asking; how many ended. */
export async function signOutMyOthers(tx: Queryable, caller: Caller): Promise<number> {
  const { actor } = caller;
  const ended = await endSessions(tx, actor.userId, actor.orgId, actor.sessionHash);
  await recordAudit(tx, who(caller), {
    action: 'auth.sessions-ended',
    subjectType: 'user',
    subjectId: actor.userId,
    detail: { ended },
  });
  return ended;
}

/** Refuses a user of another organization as one that does not exist. */
async function requireUserInOrg(tx: Queryable, caller: Caller, userId: string): Promise<void> {
  if (!(await userInOrg(tx, userId, caller.actor.orgId))) throw new PuenteError(404, 'errors.userNotFound');
}

/** A user's live sessions, for an admin. */
export async function userSessions(tx: Queryable, caller: Caller, userId: string): Promise<SessionView[]> {
  const { actor } = caller;
  await requireUserInOrg(tx, caller, userId);
  const found = await sessionsOf(tx, userId, actor.orgId, actor.sessionHash);
  // Where and when someone uses Puente is about them: who looked is kept.
  await recordAudit(tx, who(caller), {
    action: 'auth.sessions-viewed',
    subjectType: 'user',
    subjectId: userId,
    detail: { sessions: found.length },
  });
  return found;
}

/** An admin ends one of a user's sessions. */
export async function signOutUserSession(
  tx: Queryable,
  caller: Caller,
  userId: string,
  sessionId: string,
): Promise<void> {
  await requireUserInOrg(tx, caller, userId);
  if (!(await endSession(tx, userId, caller.actor.orgId, sessionId)))
    throw new PuenteError(404, 'errors.sessionNotFound');
  await recordAudit(tx, who(caller), {
    action: 'auth.session-ended',
    subjectType: 'user',
    subjectId: userId,
    detail: { session: sessionId },
  });
}

/** An admin ends every session of a user; how many ended. */
export async function signOutUser(tx: Queryable, caller: Caller, userId: string): Promise<number> {
  const { actor } = caller;
  await requireUserInOrg(tx, caller, userId);
  // An admin signing themself out everywhere keeps the session they asked from.
  const ended = await endSessions(tx, userId, actor.orgId, actor.sessionHash);
  await recordAudit(tx, who(caller), {
    action: 'auth.sessions-ended',
    subjectType: 'user',
    subjectId: userId,
    detail: { ended },
  });
  return ended;
}
