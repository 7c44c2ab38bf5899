import { type Me, PuenteError, type SignInRequest } from '@puente/core';
import type { Config } from '../../config.js';
import type { Database } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { mustChangePassword } from '../accounts/must-change.js';
import { recordAudit, who } from '../audit/record.js';
import { sessionStageOf } from '../two-factor/queries.js';
import { stageAfterPassword } from '../two-factor/stage.js';
import { hashPassword, verifyDecoy, verifyPassword } from './password.js';
import {
  clearFailures,
  countFailure,
  findForSignIn,
  findMe,
  passwordHashOf,
  setLocale,
  setPasswordHash,
} from './queries.js';
import { createSession, deleteSession, deleteUserSessions } from './sessions.js';

const sessionTimes = (config: Config) => ({
  idleMinutes: config.sessionIdleMinutes,
  maxHours: config.sessionMaxHours,
});

/**
 * Checks a password and opens a session. Refuses, in this order: an account
 * locked after too many failures (even with the right password), an attempt
 * made before the slow-down wait is over, a wrong password, a disabled account.
 */
export async function signIn(
  db: Database,
  config: Config,
  request: SignInRequest,
  ip: string,
  userAgent?: string,
): Promise<{ token: string; me: Me }> {
  const user = await findForSignIn(db, request.email);
  if (!user) {
    await verifyDecoy(request.password);
    throw new PuenteError(401, 'errors.badCredentials');
  }
  const by = { orgId: user.orgId, ip };
  if (user.lockedSeconds > 0) {
    throw new PuenteError(423, 'errors.accountLocked', { minutes: Math.ceil(user.lockedSeconds / 60) });
  }
  if (user.waitSeconds > 0) {
    throw new PuenteError(
      429,
      'errors.tooManyAttempts',
      { seconds: user.waitSeconds },
      {
        retryAfterSeconds: user.waitSeconds,
      },
    );
  }
  if (!(await verifyPassword(request.password, user.passwordHash))) {
    const result = await db.transaction(async (tx) => {
      const counted = await countFailure(tx, user.id, {
        slowAfter: config.signInSlowAfter,
        lockAfter: config.signInLockAfter,
        lockMinutes: config.signInLockMinutes,
      });
      await recordAudit(tx, by, {
        action: counted.locked ? 'auth.locked' : 'auth.sign-in-failed',
        subjectType: 'user',
        subjectId: user.id,
        detail: { failures: counted.failures },
      });
      return counted;
    });
    if (result.locked) {
      throw new PuenteError(423, 'errors.accountLocked', { minutes: config.signInLockMinutes });
    }
    throw new PuenteError(401, 'errors.badCredentials');
  }
  if (user.disabled) throw new PuenteError(403, 'errors.accountDisabled');

  return db.transaction(async (tx) => {
    await clearFailures(tx, user.id);
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

export async function signOut(db: Database, actor: Actor, ip: string): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSession(tx, actor.sessionHash);
    await recordAudit(tx, who(actor, ip), {
      action: 'auth.signed-out',
      subjectType: 'user',
      subjectId: actor.userId,
    });
  });
}

export async function me(db: Database, actor: Actor): Promise<Me> {
  const found = await findMe(db, actor.userId, actor.orgId);
  if (!found) throw new PuenteError(401, 'errors.signInRequired');
  const stage = await sessionStageOf(db, actor.sessionHash);
  return stage && stage !== 'full' ? { ...found, stage } : found;
}

export async function changeLocale(db: Database, actor: Actor, locale: Me['locale']): Promise<Me> {
  await setLocale(db, actor.userId, actor.orgId, locale);
  return me(db, actor);
}

/** Changes the password and ends the user's other sessions (a lost phone stays signed out). */
export async function changePassword(
  db: Database,
  actor: Actor,
  request: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<void> {
  const current = await passwordHashOf(db, actor.userId, actor.orgId);
  if (!current || !(await verifyPassword(request.currentPassword, current))) {
    throw new PuenteError(400, 'errors.wrongCurrentPassword');
  }
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
