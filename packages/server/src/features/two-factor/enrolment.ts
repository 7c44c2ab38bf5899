import {
  PuenteError,
  type RecoveryCodes,
  type TotpEnrolment,
  type TwoFactorStatus,
  twoFactorRequired,
} from '@puente/core';
import type { Config } from '../../config.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { newToken } from '../../http/tokens.js';
import { recordAudit, who } from '../audit/record.js';
import { findMe } from '../auth/queries.js';
import { hashToken } from '../auth/sessions.js';
import { openSecret } from './codes.js';
import {
  type RegistrationResponseJSON,
  registrationOptions,
  takeChallenge,
  verifyRegistration,
} from './passkeys.js';
import {
  factorsOf,
  promoteSession,
  recoveryCodesLeft,
  removeTotp,
  replaceRecoveryCodes,
  saveTotpSecret,
  totpOf,
  useTotpStep,
} from './queries.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery.js';
import { seal, twoFactorKey } from './secret-box.js';
import { checkTotp, newTotp } from './totp.js';

/** What finishing an enrolment hands back: recovery codes (first factor only) and a new session token (when it was limited). */
export interface Enrolled extends Partial<RecoveryCodes> {
  token?: string;
}

export async function twoFactorStatus(db: Queryable, actor: Actor): Promise<TwoFactorStatus> {
  const factors = await factorsOf(db, actor.userId);
  const totp = await totpOf(db, actor.userId);
  const passkeys = await db.query<TwoFactorStatus['passkeys'][number]>(
    `select id, name, created_at::text as "createdAt", last_used_at::text as "lastUsedAt"
       from user_passkey where user_id = $1 order by created_at`,
    [actor.userId],
  );
  return {
    required: factors ? twoFactorRequired(factors.policy, factors.role) : false,
    totp: totp?.totpConfirmed ?? false,
    recoveryCodesLeft: await recoveryCodesLeft(db, actor.userId),
    passkeys,
  };
}

/** A new secret for the authenticator app; it counts only once a code from it is confirmed. */
export async function startTotp(db: Queryable, config: Config, actor: Actor): Promise<TotpEnrolment> {
  const me = await findMe(db, actor.userId, actor.orgId);
  if (!me) throw new PuenteError(401, 'errors.signInRequired');
  const enrolment = await newTotp(`Puente (${me.organization.name})`, me.email);
  const sealed = seal(twoFactorKey(config), enrolment.secret, actor.userId);
  await saveTotpSecret(db, actor.userId, actor.orgId, sealed);
  return enrolment;
}

/**
 * Confirms the authenticator app with a code from it. The first factor of a
 * person also makes their recovery codes; a session limited to enrolling becomes full.
 */
export async function confirmTotp(
  tx: Queryable,
  caller: Caller,
  config: Config,
  code: string,
): Promise<Enrolled> {
  const { actor } = caller;
  const totp = await totpOf(tx, actor.userId);
  if (!totp?.totpSecret) throw new PuenteError(400, 'errors.twoFactorNotStarted');
  if (totp.totpConfirmed) throw new PuenteError(400, 'errors.twoFactorNotStarted');
  const step = await checkTotp(openSecret(config, actor.userId, totp.totpSecret), code, totp.totpLastStep);
  if (step === undefined) throw new PuenteError(400, 'errors.wrongCode');
  const wasEnrolled = (await factorsOf(tx, actor.userId))?.enrolled ?? false;
  if (!(await useTotpStep(tx, actor.userId, step, true))) throw new PuenteError(400, 'errors.wrongCode');
  await recordAudit(tx, who(caller), {
    action: 'auth.totp-enrolled',
    subjectType: 'user',
    subjectId: actor.userId,
  });
  return finishEnrolment(tx, caller, config, wasEnrolled);
}

export async function passkeyRegistration(db: Queryable, c: { rpID: string }, actor: Actor) {
  const me = await findMe(db, actor.userId, actor.orgId);
  if (!me) throw new PuenteError(401, 'errors.signInRequired');
  return registrationOptions(db, c, { id: actor.userId, email: me.email, displayName: me.displayName });
}

export async function registerPasskey(
  tx: Queryable,
  caller: Caller,
  config: Config,
  rp: { rpID: string; origin: string },
  request: { response: RegistrationResponseJSON; name: string },
): Promise<Enrolled> {
  const { actor } = caller;
  const challenge = await takeChallenge(tx, request.response.response.clientDataJSON, 'register');
  if (!challenge || challenge.userId !== actor.userId) throw new PuenteError(400, 'errors.passkeyFailed');
  const credential = await verifyRegistration(rp, request.response, challenge.challenge);
  if (!credential) throw new PuenteError(400, 'errors.passkeyFailed');
  const wasEnrolled = (await factorsOf(tx, actor.userId))?.enrolled ?? false;
  const added = await tx.query(
    `insert into user_passkey (id, user_id, org_id, public_key, counter, transports, name)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (id) do nothing returning 1`,
    [
      credential.id,
      actor.userId,
      actor.orgId,
      credential.publicKey,
      credential.counter,
      credential.transports,
      request.name,
    ],
  );
  if (added.length === 0) throw new PuenteError(400, 'errors.passkeyFailed');
  await recordAudit(tx, who(caller), {
    action: 'auth.passkey-added',
    subjectType: 'user',
    subjectId: actor.userId,
  });
  return finishEnrolment(tx, caller, config, wasEnrolled);
}

async function finishEnrolment(
  tx: Queryable,
  caller: Caller,
  config: Config,
  wasEnrolled: boolean,
): Promise<Enrolled> {
  const { actor } = caller;
  const out: Enrolled = {};
  if (!wasEnrolled) out.recoveryCodes = await makeRecoveryCodes(tx, caller);
  const token = newToken();
  const times = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };
  if (await promoteSession(tx, actor.sessionHash, hashToken(token), times)) {
    out.token = token;
    await recordAudit(tx, who(caller), {
      action: 'auth.signed-in',
      subjectType: 'user',
      subjectId: actor.userId,
      detail: { method: 'enrolled' },
    });
  }
  return out;
}

async function makeRecoveryCodes(tx: Queryable, caller: Caller): Promise<string[]> {
  const { actor } = caller;
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(tx, actor.userId, actor.orgId, codes.map(hashRecoveryCode));
  await recordAudit(tx, who(caller), {
    action: 'auth.recovery-codes-made',
    subjectType: 'user',
    subjectId: actor.userId,
  });
  return codes;
}

/** New recovery codes; the old ones stop working. */
export async function renewRecoveryCodes(tx: Queryable, caller: Caller): Promise<RecoveryCodes> {
  const { actor } = caller;
  if (!(await factorsOf(tx, actor.userId))?.enrolled)
    throw new PuenteError(400, 'errors.twoFactorNotStarted');
  return { recoveryCodes: await makeRecoveryCodes(tx, caller) };
}

/** Removes the authenticator app or one passkey; a required person keeps at least one factor. */
export async function removeFactor(
  tx: Queryable,
  caller: Caller,
  factor: { totp: true } | { passkeyId: string },
): Promise<void> {
  const { actor } = caller;
  if ('totp' in factor) await removeTotp(tx, actor.userId);
  else {
    const gone = await tx.query('delete from user_passkey where id = $1 and user_id = $2 returning 1', [
      factor.passkeyId,
      actor.userId,
    ]);
    if (gone.length === 0) throw new PuenteError(404, 'errors.notFound');
  }
  const left = await factorsOf(tx, actor.userId);
  if (left && !left.enrolled && twoFactorRequired(left.policy, left.role)) {
    throw new PuenteError(409, 'errors.lastFactor');
  }
  if (left && !left.enrolled)
    await tx.query('delete from user_recovery_code where user_id = $1', [actor.userId]);
  await recordAudit(tx, who(caller), {
    action: 'totp' in factor ? 'auth.totp-removed' : 'auth.passkey-removed',
    subjectType: 'user',
    subjectId: actor.userId,
  });
}
