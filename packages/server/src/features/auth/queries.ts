import type { Locale, Me, Role } from '@puente/core';
import type { Queryable } from '../../db/types.js';

export interface SignInRow {
  id: string;
  orgId: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
}

export async function findForSignIn(db: Queryable, email: string): Promise<SignInRow | undefined> {
  const [row] = await db.query<SignInRow>(
    `select id, org_id as "orgId", role, password_hash as "passwordHash", disabled_at is not null as disabled
       from app_user where lower(email) = lower($1)`,
    [email],
  );
  return row;
}

export async function findMe(db: Queryable, userId: string, orgId: string): Promise<Me | undefined> {
  const [row] = await db.query<Me & { orgName: string; logo: string | null }>(
    `select u.id, u.email, u.display_name as "displayName", u.role, u.locale, o.name as "orgName",
            u.must_change_password as "mustChangePassword",
            (select l.version from program_logo l where l.org_id = o.id) as logo
       from app_user u join organization o on o.id = u.org_id
      where u.id = $1 and u.org_id = $2`,
    [userId, orgId],
  );
  if (!row) return undefined;
  const { orgName, logo, mustChangePassword, ...me } = row;
  return {
    ...me,
    organization: { id: orgId, name: orgName, ...(logo ? { logo } : {}) },
    ...(mustChangePassword ? { mustChangePassword } : {}),
  };
}

export async function setLocale(db: Queryable, userId: string, orgId: string, locale: Locale) {
  await db.query('update app_user set locale = $3, updated_at = now() where id = $1 and org_id = $2', [
    userId,
    orgId,
    locale,
  ]);
}

export async function passwordHashOf(db: Queryable, userId: string, orgId: string) {
  const [row] = await db.query<{ hash: string }>(
    'select password_hash as hash from app_user where id = $1 and org_id = $2',
    [userId, orgId],
  );
  return row?.hash;
}

export async function setPasswordHash(db: Queryable, userId: string, orgId: string, hash: string) {
  await db.query(
    `update app_user set password_hash = $3, password_changed_at = now(), must_change_password = false,
            updated_at = now()
      where id = $1 and org_id = $2`,
    [userId, orgId, hash],
  );
}
