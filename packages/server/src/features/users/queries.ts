import type { Locale, Role, User } from '@puente/core';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';

const columns = sql`id, email, display_name as "displayName", role, locale,
  disabled_at is not null as disabled,
  coalesce(locked_until > now(), false) as locked,
  must_change_password as "pendingSetUp",
  ${isoColumn('created_at')} as "createdAt"`;

export async function listUsers(db: Queryable, orgId: string): Promise<User[]> {
  return db.query<User>(
    sql`select ${columns} from app_user where org_id = ${orgId} order by lower(display_name)`,
  );
}

export async function findUser(db: Queryable, orgId: string, id: string): Promise<User | undefined> {
  const [row] = await db.query<User>(
    sql`select ${columns} from app_user where org_id = ${orgId} and id = ${id}`,
  );
  return row;
}

export async function emailInUse(db: Queryable, email: string): Promise<boolean> {
  const rows = await db.query('select 1 from app_user where lower(email) = lower($1)', [email]);
  return rows.length > 0;
}

export interface NewUserRow {
  id: string;
  orgId: string;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  passwordHash: string;
}

export async function insertUser(db: Queryable, u: NewUserRow): Promise<void> {
  await db.query(
    `insert into app_user (id, org_id, email, display_name, role, locale, password_hash)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [u.id, u.orgId, u.email, u.displayName, u.role, u.locale, u.passwordHash],
  );
}

export async function updateUser(
  db: Queryable,
  orgId: string,
  id: string,
  change: {
    displayName?: string | undefined;
    role?: Role | undefined;
    disabled?: boolean | undefined;
    unlock?: boolean | undefined;
  },
): Promise<void> {
  await db.query(
    `update app_user set
        display_name = coalesce($3, display_name),
        role = coalesce($4, role),
        disabled_at = case when $5::boolean is null then disabled_at
                           when $5::boolean then coalesce(disabled_at, now()) else null end,
        failed_sign_ins = case when $6::boolean then 0 else failed_sign_ins end,
        next_attempt_at = case when $6::boolean then null else next_attempt_at end,
        locked_until = case when $6::boolean then null else locked_until end,
        updated_at = now()
      where org_id = $1 and id = $2`,
    [
      orgId,
      id,
      change.displayName ?? null,
      change.role ?? null,
      change.disabled ?? null,
      change.unlock ?? false,
    ],
  );
}
