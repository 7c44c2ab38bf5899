import { randomBytes } from 'node:crypto';
import { type InviteUserRequest, type Locale, PuenteError, type User } from '@puente/core';
import type { Config } from '../../config.js';
import type { Database, Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { hashPassword } from '../auth/password.js';
import { deleteUserSessions } from '../auth/sessions.js';
import { enqueueEmail } from '../notifications/outbox.js';
import { addUser } from '../users/service.js';
import { linkEmail } from './email-text.js';
import { issueLink, type LinkPurpose, linkUrl, recentResets, redeemLink } from './links.js';

/** Reset emails one person may be sent in an hour, however often "forgot password" is pressed. */
export const RESETS_PER_HOUR = 3;

/** A password nobody knows: the account opens only through its link. Hashed like any other, so sign-in takes as long. */
export async function unknownPasswordHash(): Promise<string> {
  return hashPassword(randomBytes(24).toString('base64url'));
}

async function sendLink(
  tx: Queryable,
  config: Config,
  to: { orgId: string; userId: string; email: string; locale: Locale },
  purpose: LinkPurpose,
  createdBy: string | null,
): Promise<void> {
  const token = await issueLink(tx, { orgId: to.orgId, userId: to.userId, purpose, createdBy });
  const email = linkEmail(to.email, to.locale, purpose, linkUrl(config.publicUrl, token));
  await enqueueEmail(tx, { orgId: to.orgId, email, recipientId: to.userId }, new Date());
}

/**
 * An admin invites someone: the account is made without a usable password and
 * the person is emailed a single-use link to choose their own. The admin never
 * sees or sets a password.
 */
export async function inviteUser(
  db: Database,
  caller: Caller,
  config: Config,
  request: InviteUserRequest,
): Promise<User> {
  const { actor } = caller;
  // Hashed before the transaction opens: scrypt must not hold the database (the embedded one has one connection).
  const passwordHash = await unknownPasswordHash();
  return addUser(db, caller, request, {
    passwordHash,
    action: 'user.invited',
    alongside: async (tx, id) => {
      await tx.query('update app_user set must_change_password = true where id = $1', [id]);
      await sendLink(tx, config, { ...request, orgId: actor.orgId, userId: id }, 'invite', actor.userId);
    },
  });
}

/**
 * An admin sends someone a new link: an invitation again while they have
 * never chosen a password, else a reset. Earlier links stop working.
 */
export async function sendPasswordLink(
  tx: Queryable,
  caller: Caller,
  config: Config,
  userId: string,
): Promise<void> {
  const { actor } = caller;
  const [user] = await tx.query<{ email: string; locale: Locale; disabled: boolean; notChosen: boolean }>(
    `select email, locale, disabled_at is not null as disabled, must_change_password as "notChosen"
       from app_user where id = $1 and org_id = $2`,
    [userId, actor.orgId],
  );
  if (!user) throw new PuenteError(404, 'errors.userNotFound');
  if (user.disabled) throw new PuenteError(409, 'errors.accountDisabled');
  const purpose = user.notChosen ? 'invite' : 'reset';
  await sendLink(tx, config, { ...user, orgId: actor.orgId, userId }, purpose, actor.userId);
  await recordAudit(tx, who(caller), {
    action: 'user.password-link-sent',
    subjectType: 'user',
    subjectId: userId,
    detail: { purpose },
  });
}

/**
 * "Forgot password": emails a reset link when the address has a working
 * account, and does nothing visible otherwise: the caller gets the same answer
 * either way. Audited in the account's organization.
 */
export async function forgotPassword(
  tx: Queryable,
  config: Config,
  email: string,
  ip: string,
): Promise<void> {
  const [user] = await tx.query<{ id: string; orgId: string; email: string; locale: Locale }>(
    `select id, org_id as "orgId", email, locale from app_user
      where lower(email) = lower($1) and disabled_at is null`,
    [email],
  );
  if (!user) return;
  const by = { orgId: user.orgId, ip };
  if ((await recentResets(tx, user.id)) >= RESETS_PER_HOUR) {
    await recordAudit(tx, by, { action: 'auth.reset-throttled', subjectType: 'user', subjectId: user.id });
    return;
  }
  await sendLink(tx, config, { ...user, userId: user.id }, 'reset', null);
  await recordAudit(tx, by, { action: 'auth.reset-requested', subjectType: 'user', subjectId: user.id });
}

/**
 * Sets a password from a link, once: the link is used up, the password is the
 * person's own from now on, and every session of theirs ends (whoever knew the
 * old password is out).
 */
export async function setPasswordFromLink(
  db: Database,
  request: { token: string; newPassword: string },
  ip: string,
): Promise<void> {
  // Hashed before the transaction opens: scrypt must not hold the database (the embedded one has one connection).
  const passwordHash = await hashPassword(request.newPassword);
  await db.transaction(async (tx) => {
    const link = await redeemLink(tx, request.token);
    if (!link) throw new PuenteError(400, 'errors.linkInvalid');
    const [user] = await tx.query<{ role: string }>(
      `update app_user set password_hash = $3, password_changed_at = now(), must_change_password = false,
              updated_at = now()
        where id = $1 and org_id = $2 returning role`,
      [link.userId, link.orgId, passwordHash],
    );
    await deleteUserSessions(tx, link.userId);
    await recordAudit(
      tx,
      { orgId: link.orgId, actorId: link.userId, actorRole: user?.role ?? null, ip },
      {
        action: 'auth.password-set',
        subjectType: 'user',
        subjectId: link.userId,
        detail: { via: link.purpose },
      },
    );
  });
}
