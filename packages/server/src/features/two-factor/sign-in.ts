import { type Me, PuenteError } from '@puente/core';
import type { Config } from '../../config.js';
import type { Database, Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { newToken } from '../../http/tokens.js';
import { recordAudit, who } from '../audit/record.js';
import { verifyPassword } from '../auth/password.js';
import { passwordCheckSucceeded, reservePasswordCheck, unlockPasswordPath } from '../auth/password-path.js';
import { findMe, passwordHashOf } from '../auth/queries.js';
import { createSession, hashToken } from '../auth/sessions.js';
import { lockedFor, passwordRules, refusalOf } from '../auth/sign-in-guard.js';
import { checkCode } from './codes.js';
import {
  type AuthenticationResponseJSON,
  authenticationOptions,
  takeChallenge,
  verifyAuthentication,
} from './passkeys.js';
import { markVerified, promoteSession, sessionStageOf } from './queries.js';

// Signing in takes the database rather than a caller's transaction: a refused code or password is
// counted and audited in a transaction of its own that must outlive the refusal, and a password is
// never checked while a transaction holds the database (the embedded one has a single connection).

const timesOf = (config: Config) => ({
  idleMinutes: config.sessionIdleMinutes,
  maxHours: config.sessionMaxHours,
});

async function signedInMe(db: Database, actor: { userId: string; orgId: string }): Promise<Me> {
  const me = await findMe(db, actor.userId, actor.orgId);
  if (!me) throw new PuenteError(401, 'errors.signInRequired');
  return me;
}

/** Ends a session's limit after the second factor: a new token, audited as the sign-in. */
async function promote(db: Database, config: Config, actor: Actor, ip: string, method: string) {
  const token = newToken();
  await db.transaction(async (tx) => {
    if (!(await promoteSession(tx, actor.sessionHash, hashToken(token), timesOf(config)))) {
      throw new PuenteError(401, 'errors.sessionExpired');
    }
    await recordAudit(tx, who(actor, ip), {
      action: 'auth.signed-in',
      subjectType: 'user',
      subjectId: actor.userId,
      detail: { method },
    });
  });
  return token;
}

async function auditFailure(db: Database, actor: Actor, ip: string, action: string, error: unknown) {
  if (error instanceof PuenteError) {
    await recordAudit(db, who(actor, ip), {
      action,
      subjectType: 'user',
      subjectId: actor.userId,
      detail: { code: error.code },
    });
  }
}

/** Finishes a sign-in with a TOTP or recovery code; the new session token and who signed in. */
export async function secondFactorCode(
  db: Database,
  caller: Caller,
  config: Config,
  code: string,
): Promise<{ token: string; me: Me }> {
  const { actor, ip } = caller;
  if ((await sessionStageOf(db, actor.sessionHash)) !== 'second-factor') {
    throw new PuenteError(400, 'errors.badRequest');
  }
  let kind: string;
  try {
    kind = await checkCode(db, config, actor.userId, code);
  } catch (error) {
    await auditFailure(db, actor, ip, 'auth.second-factor-failed', error);
    throw error;
  }
  const token = await promote(db, config, actor, ip, kind);
  return { token, me: await signedInMe(db, actor) };
}

/** Options for a passkey: the caller's own (a second factor or a step-up), or any (a passkey sign-in). */
export async function passkeyOptions(db: Queryable, rp: { rpID: string }, actor: Actor | undefined) {
  return authenticationOptions(db, rp, actor?.userId ?? null);
}

/**
 * A passkey answer. With a session waiting for its second factor, finishes it;
 * with a full session, counts as a step-up check; without one, signs in on its
 * own (the passkey is something held and, checked by the device, someone known),
 * even while the password path is locked, which it then opens again.
 */
export async function passkeyAnswer(
  db: Database,
  config: Config,
  rp: { rpID: string; origin: string },
  actor: Actor | undefined,
  response: AuthenticationResponseJSON,
  ip: string,
  userAgent?: string,
): Promise<{ token?: string; me: Me }> {
  const userId = await db.transaction(async (tx) => {
    const challenge = await takeChallenge(tx, response.response.clientDataJSON, 'authenticate');
    if (!challenge || (actor && challenge.userId !== actor.userId)) return undefined;
    return verifyAuthentication(tx, rp, response, challenge);
  });
  if (!userId) {
    if (actor)
      await auditFailure(db, actor, ip, 'auth.passkey-failed', new PuenteError(400, 'errors.passkeyFailed'));
    throw new PuenteError(400, 'errors.passkeyFailed');
  }
  if (actor) {
    const stage = await sessionStageOf(db, actor.sessionHash);
    if (stage === 'second-factor') {
      const token = await promote(db, config, actor, ip, 'passkey');
      return { token, me: await signedInMe(db, actor) };
    }
    await stepUpDone(db, actor, ip, 'passkey');
    return { me: await signedInMe(db, actor) };
  }
  const [user] = await db.query<{ id: string; orgId: string; role: Actor['role']; disabled: boolean }>(
    'select id, org_id as "orgId", role, disabled_at is not null as disabled from app_user where id = $1',
    [userId],
  );
  if (!user || user.disabled) throw new PuenteError(403, 'errors.accountDisabled');
  const token = await db.transaction(async (tx) => {
    const made = await createSession(tx, user, timesOf(config), ip, undefined, { userAgent });
    await unlockPasswordPath(tx, user.id);
    await recordAudit(
      tx,
      { orgId: user.orgId, actorId: user.id, actorRole: user.role, ip },
      { action: 'auth.signed-in', subjectType: 'user', subjectId: user.id, detail: { method: 'passkey' } },
    );
    return made;
  });
  return { token, me: await signedInMe(db, { userId: user.id, orgId: user.orgId }) };
}

async function stepUpDone(db: Database, actor: Actor, ip: string, method: string) {
  await db.transaction(async (tx) => {
    await markVerified(tx, actor.sessionHash);
    await recordAudit(tx, who(actor, ip), {
      action: 'auth.step-up',
      subjectType: 'user',
      subjectId: actor.userId,
      detail: { method },
    });
  });
}

/**
 * A step-up check: the password again (counted on the password path, like a
 * sign-in) or a code (counted like a second factor). Opens the guarded actions
 * on this session for STEP_UP_MINUTES.
 */
export async function stepUp(
  db: Database,
  caller: Caller,
  config: Config,
  request: { password: string } | { code: string },
): Promise<void> {
  const { actor, ip } = caller;
  try {
    if ('code' in request) {
      await checkCode(db, config, actor.userId, request.code);
      return await stepUpDone(db, actor, ip, 'code');
    }
    const check = await reservePasswordCheck(db, actor.userId, passwordRules(config));
    if (!check.allowed) throw refusalOf(check);
    const hash = await passwordHashOf(db, actor.userId, actor.orgId);
    if (!hash || !(await verifyPassword(request.password, hash))) {
      if (check.locksOnFailure) throw lockedFor(config.signInLockMinutes);
      throw new PuenteError(400, 'errors.wrongCurrentPassword');
    }
    await passwordCheckSucceeded(db, actor.userId, check.attempt);
    await stepUpDone(db, actor, ip, 'password');
  } catch (error) {
    await auditFailure(db, actor, ip, 'auth.step-up-failed', error);
    throw error;
  }
}
