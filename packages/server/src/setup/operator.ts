import { randomBytes } from 'node:crypto';
import { firstStartProgramName, uuidv7 } from '@puente/core';
import type { Config } from '../config.js';
import type { Database } from '../db/types.js';
import { issueLink, linkUrl } from '../features/accounts/links.js';
import { recordAudit } from '../features/audit/record.js';
import { hashPassword } from '../features/auth/password.js';
import { deleteUserSessions } from '../features/auth/sessions.js';
import { createOrganization } from './organizations.js';

/** An operator's command refused for a reason the operator can fix: printed without a stack. */
export class OperatorError extends Error {}

/** A password for an operator to hand over once: 18 random characters, to be changed at first sign-in. */
export const oneTimePassword = () => randomBytes(14).toString('base64url');

const operator = { via: 'operator' };

export type ResetResult = { email: string; link: string } | { email: string; password: string };

/**
 * `puente reset-password EMAIL`: a single-use reset link (default), or with
 * `temporary` a one-time password that must be changed at first sign-in.
 * Either way the person's sessions end and the reset is audited.
 */
export async function resetPassword(
  db: Database,
  config: Config,
  email: string,
  options: { temporary?: boolean } = {},
): Promise<ResetResult> {
  const password = options.temporary ? oneTimePassword() : undefined;
  const hash = password ? await hashPassword(password) : undefined;
  return db.transaction(async (tx) => {
    const [user] = await tx.query<{ id: string; orgId: string; email: string }>(
      'select id, org_id as "orgId", email from app_user where lower(email) = lower($1)',
      [email],
    );
    if (!user) throw new OperatorError(`No account has the email ${email}.`);
    await deleteUserSessions(tx, user.id);
    await recordAudit(
      tx,
      { orgId: user.orgId },
      {
        action: 'auth.password-reset',
        subjectType: 'user',
        subjectId: user.id,
        detail: { ...operator, kind: password ? 'one-time-password' : 'link' },
      },
    );
    if (password && hash) {
      await tx.query(
        `update app_user set password_hash = $2, must_change_password = true, password_changed_at = now(),
                updated_at = now() where id = $1`,
        [user.id, hash],
      );
      // Older emailed links must not undo what the operator just did.
      await tx.query('update account_link set used_at = now() where user_id = $1 and used_at is null', [
        user.id,
      ]);
      return { email: user.email, password };
    }
    const token = await issueLink(tx, { orgId: user.orgId, userId: user.id, purpose: 'reset' });
    return { email: user.email, link: linkUrl(config.publicUrl, token) };
  });
}

/**
 * `puente create-admin EMAIL`: an admin with a one-time password, in the
 * organization given, or the only one there is, or a new one on an empty
 * database.
 */
export async function createAdmin(
  db: Database,
  request: { email: string; displayName?: string; orgId?: string },
): Promise<{ email: string; password: string; orgId: string }> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const email = request.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email))
    throw new OperatorError(`"${request.email}" is not an email address.`);
  const displayName = request.displayName ?? 'Administrator';
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [7_263_003]);
    const [taken] = await tx.query('select 1 from app_user where lower(email) = $1', [email]);
    if (taken) throw new OperatorError(`Someone already uses ${email}. Use reset-password for them instead.`);
    const orgs = await tx.query<{ id: string }>(
      request.orgId ? 'select id from organization where id::text = $1' : 'select id from organization',
      request.orgId ? [request.orgId] : [],
    );
    if (request.orgId && orgs.length === 0)
      throw new OperatorError(`No organization has the id ${request.orgId}.`);
    if (orgs.length > 1)
      throw new OperatorError('There are several organizations: name one with --org <id>.');
    const [org] = orgs;
    if (!org) {
      const made = await createOrganization(tx, { name: firstStartProgramName, locale: 'en' }, [
        { email, displayName, role: 'admin', locale: 'en', password, mustChangePassword: true },
      ]);
      return { email, password, orgId: made.orgId };
    }
    const id = uuidv7();
    await tx.query(
      `insert into app_user (id, org_id, email, display_name, role, locale, password_hash, must_change_password)
       values ($1, $2, $3, $4, 'admin', 'en', $5, true)`,
      [id, org.id, email, displayName, passwordHash],
    );
    await recordAudit(
      tx,
      { orgId: org.id },
      { action: 'user.created', subjectType: 'user', subjectId: id, detail: { role: 'admin', ...operator } },
    );
    return { email, password, orgId: org.id };
  });
}
