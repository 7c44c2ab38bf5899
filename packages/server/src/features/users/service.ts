import { type NewUserRequest, PuenteError, type UpdateUserRequest, type User, uuidv7 } from '@puente/core';
import type { z } from 'zod';
import type { Database, Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { requirePasswordChange } from '../accounts/must-change.js';
import { recordAudit, who } from '../audit/record.js';
import { hashPassword } from '../auth/password.js';
import { deleteUserSessions } from '../auth/sessions.js';
import { emailInUse, findUser, insertUser, listUsers, updateUser } from './queries.js';

/** Everyone who signs in to the organization; the look is audited like any read of people's data. */
export async function usersOf(tx: Queryable, caller: Caller): Promise<User[]> {
  const { actor } = caller;
  const users = await listUsers(tx, actor.orgId);
  await recordAudit(tx, who(caller), {
    action: 'user.listed',
    subjectType: 'user',
    detail: { count: users.length },
  });
  return users;
}

/**
 * Adds an account to the caller's organization, whoever chose its first
 * password: `alongside` does what the way it was added asks (a forced change, an
 * invitation email) in the same transaction, and `action` names it in the audit.
 */
export async function addUser(
  db: Database,
  caller: Caller,
  request: Omit<NewUserRequest, 'password'>,
  how: {
    passwordHash: string;
    action: 'user.created' | 'user.invited';
    alongside: (tx: Queryable, id: string) => Promise<void>;
  },
): Promise<User> {
  const { actor } = caller;
  const id = uuidv7();
  return db.transaction(async (tx) => {
    if (await emailInUse(tx, request.email)) throw new PuenteError(409, 'errors.emailTaken');
    await insertUser(tx, { ...request, id, orgId: actor.orgId, passwordHash: how.passwordHash });
    await how.alongside(tx, id);
    await recordAudit(tx, who(caller), {
      action: how.action,
      subjectType: 'user',
      subjectId: id,
      detail: { role: request.role },
    });
    const created = await findUser(tx, actor.orgId, id);
    if (!created) throw new PuenteError(404, 'errors.userNotFound');
    return created;
  });
}

export async function createUser(db: Database, caller: Caller, request: NewUserRequest): Promise<User> {
  // Hashed before the transaction opens: scrypt must not hold the database (the embedded one has one connection).
  const passwordHash = await hashPassword(request.password);
  return addUser(db, caller, request, {
    passwordHash,
    action: 'user.created',
    // The admin knows this password: the person replaces it at first sign-in (the web invites instead).
    alongside: requirePasswordChange,
  });
}

/** Renames, changes role, disables (ending the user's sessions) or unlocks. */
export async function changeUser(
  tx: Queryable,
  caller: Caller,
  id: string,
  change: z.infer<typeof UpdateUserRequest>,
): Promise<User> {
  const { actor } = caller;
  if (id === actor.userId && (change.disabled || (change.role && change.role !== actor.role))) {
    throw new PuenteError(400, 'errors.cannotDisableSelf');
  }
  const before = await findUser(tx, actor.orgId, id);
  if (!before) throw new PuenteError(404, 'errors.userNotFound');
  await updateUser(tx, actor.orgId, id, change);
  if (change.disabled) await deleteUserSessions(tx, id);
  await recordAudit(tx, who(caller), {
    action: 'user.changed',
    subjectType: 'user',
    subjectId: id,
    detail: {
      fields: Object.keys(change).sort(),
      ...(change.role ? { role: change.role } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
    },
  });
  const after = await findUser(tx, actor.orgId, id);
  if (!after) throw new PuenteError(404, 'errors.userNotFound');
  return after;
}
