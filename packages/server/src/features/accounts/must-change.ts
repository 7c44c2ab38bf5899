import type { Queryable } from '../../db/types.js';

/** The /api paths open to a session whose password must be changed: who am I, language, sign out, the change, and finishing sign-in. */
const open = new Set(['/api/auth/me', '/api/auth/sign-out', '/api/me/preferences', '/api/me/password']);
// Two-factor enrolment and codes come before the change: their own stage gate already limits them.
const openPrefixes = ['/api/auth/', '/api/me/two-factor', '/api/me/passkeys'];

/** Whether a session that must change its password may call `path`. */
export function allowedBeforePasswordChange(path: string): boolean {
  return open.has(path) || openPrefixes.some((prefix) => path.startsWith(prefix));
}

export async function mustChangePassword(db: Queryable, userId: string): Promise<boolean> {
  const [row] = await db.query<{ must: boolean }>(
    'select must_change_password as must from app_user where id = $1',
    [userId],
  );
  return row?.must ?? false;
}

/** Marks a password as set by someone else (an admin, the first start, an operator). */
export async function requirePasswordChange(db: Queryable, userId: string): Promise<void> {
  await db.query('update app_user set must_change_password = true where id = $1', [userId]);
}
