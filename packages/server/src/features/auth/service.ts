import { type Me, PuenteError, type SignInRequest } from '@puente/core';
import type { Config } from '../../config.js';
import type { Database, Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { mustChangePassword } from '../accounts/must-change.js';
import { recordAudit, who } from '../audit/record.js';
import { sessionStageOf } from '../two-factor/queries.js';
import { stageAfterPassword } from '../two-factor/stage.js';
import { hashPassword, verifyPassword } from './password.js';
import { passwordCheckSucceeded, reservePasswordCheck } from './password-path.js';
import { findForSignIn, findMe, passwordHashOf, setLocale, setPasswordHash } from './queries.js';
import { createSession, deleteSession, deleteUserSessions } from './sessions.js';
import { lockedFor, passwordRules, refusalOf, refuseUnknownEmail, reserveShared } from './sign-in-guard.js';

// Checking a password takes the database rather than a caller's transaction: each counted attempt and
// each refusal is kept in a transaction of its own that must outlive the refusal, and scrypt never runs
// while a transaction holds the database (the embedded one has a single connection).

const sessionTimes = (config: Config) => ({
  idleMinutes: config.sessionIdleMinutes,
  maxHours: config.sessionMaxHours,
});

/**
 * Checks a password and opens a session. Before any password is hashed, the
 * attempt is counted: against the caller's address and everyone's (429 when
 * full), then against the account (423 while its password path is locked, 429
 * during the slow-down), so a burst of parallel guesses gets at most the
 * configured number checked. An unknown email answers as a wrong password.
 */
export async function signIn(
  db: Database,
  config: Config,
  request: SignInRequest,
  ip: string,
  userAgent?: string,
): Promise<{ token: string; me: Me }> {
  const shared = await reserveShared(db, config, 'sign-in', ip);
  const user = await findForSignIn(db, request.email);
  if (!user) return refuseUnknownEmail(db, config, shared, request.email, request.password);
  const by = { orgId: user.orgId, ip };
  const check = await reservePasswordCheck(db, user.id, passwordRules(config));
  if (!check.allowed) {
    // Refused before any work: the shared limits only count what was checked.
    await shared.refund();
    await recordAudit(db, by, {
      action: 'auth.sign-in-refused',
      subjectType: 'user',
      subjectId: user.id,
      detail: { reason: check.lockedSeconds > 0 ? 'locked' : 'slowed' },
    });
    throw refusalOf(check);
  }
  if (!(await verifyPassword(request.password, user.passwordHash))) {
    await recordAudit(db, by, {
      action: check.locksOnFailure ? 'auth.locked' : 'auth.sign-in-failed',
      subjectType: 'user',
      subjectId: user.id,
      detail: { failures: check.attempt },
    });
    if (check.locksOnFailure) throw lockedFor(config.signInLockMinutes);
    throw new PuenteError(401, 'errors.badCredentials');
  }
  await shared.refund();
  await passwordCheckSucceeded(db, user.id, check.attempt);
  if (user.disabled) throw new PuenteError(403, 'errors.accountDisabled');

  return db.transaction(async (tx) => {
    // A second factor, or enrolling in one, may still be due: the session is limited until then.
    const stage = await stageAfterPassword(tx, user.id);
    const token = await createSession(tx, user, sessionTimes(config), ip, request.device, {
      stage,
      userAgent,
    });
    const me = await findMe(tx, user.id, user.orgId);
    if (!me) throw new PuenteError(401, 'errors.badCredentials');
    await recordAudit(
      tx,
      { ...by, actorId: user.id, actorRole: user.role },
      {
        action: stage === 'full' ? 'auth.signed-in' : 'auth.password-accepted',
        subjectType: 'user',
        subjectId: user.id,
        ...(stage === 'full' ? {} : { detail: { stage } }),
      },
    );
    return { token, me: stage === 'full' ? me : { ...me, stage } };
  });
}

export async function signOut(tx: Queryable, caller: Caller): Promise<void> {
  const { actor } = caller;
  await deleteSession(tx, actor.sessionHash);
  await recordAudit(tx, who(caller), {
    action: 'auth.signed-out',
    subjectType: 'user',
    subjectId: actor.userId,
  });
}

export async function me(db: Queryable, actor: Actor): Promise<Me> {
  const found = await findMe(db, actor.userId, actor.orgId);
  if (!found) throw new PuenteError(401, 'errors.signInRequired');
  const stage = await sessionStageOf(db, actor.sessionHash);
  return stage && stage !== 'full' ? { ...found, stage } : found;
}

export async function changeLocale(db: Queryable, actor: Actor, locale: Me['locale']): Promise<Me> {
  await setLocale(db, actor.userId, actor.orgId, locale);
  return me(db, actor);
}

/** Changes the password and ends the user's other sessions (a lost phone stays signed out). */
export async function changePassword(
  db: Database,
  caller: Caller,
  config: Config,
  request: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { actor, ip } = caller;
  // Guessing the current password counts as guessing at sign-in: the same limits, the same lock.
  const shared = await reserveShared(db, config, 'password', ip);
  const check = await reservePasswordCheck(db, actor.userId, passwordRules(config));
  if (!check.allowed) {
    await shared.refund();
    throw refusalOf(check);
  }
  const current = await passwordHashOf(db, actor.userId, actor.orgId);
  if (!current || !(await verifyPassword(request.currentPassword, current))) {
    await recordAudit(db, who(actor, ip), {
      action: check.locksOnFailure ? 'auth.locked' : 'auth.password-change-failed',
      subjectType: 'user',
      subjectId: actor.userId,
      detail: { failures: check.attempt },
    });
    if (check.locksOnFailure) throw lockedFor(config.signInLockMinutes);
    throw new PuenteError(400, 'errors.wrongCurrentPassword');
  }
  await shared.refund();
  await passwordCheckSucceeded(db, actor.userId, check.attempt);
  // A password someone else set must really be replaced, not typed again.
  if (request.newPassword === request.currentPassword && (await mustChangePassword(db, actor.userId))) {
    throw new PuenteError(400, 'errors.passwordNotNew');
  }
  const next = await hashPassword(request.newPassword);
  await db.transaction(async (tx) => {
    await setPasswordHash(tx, actor.userId, actor.orgId, next);
    await deleteUserSessions(tx, actor.userId, actor.sessionHash);
    await recordAudit(tx, who(actor, ip), {
      action: 'auth.password-changed',
      subjectType: 'user',
      subjectId: actor.userId,
    });
  });
}
