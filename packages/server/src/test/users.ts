import type { Queryable } from '../db/types.js';

/**
 * Set-up shortcut for a user made through the admin API with a known password:
 * marks the password as since changed by its owner, so the test can use the
 * account without going through the forced change first.
 */
export async function passwordChosen(db: Queryable, userId: string): Promise<void> {
  await db.query('update app_user set must_change_password = false where id = $1', [userId]);
}
