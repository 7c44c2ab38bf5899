import type { InviteUserRequest, User } from '@puente/core';
import { call } from '../../app/api-client';

/** Everyone in the admin's organization. */
export async function listUsers(): Promise<User[]> {
  return (await call('get', '/api/users')).users;
}

/** Makes the account and emails the person a single-use link to choose their own password. */
export function inviteUser(body: InviteUserRequest): Promise<User> {
  return call('post', '/api/users/invitations', { body });
}

/** Emails a new link to set a password; earlier links stop working. */
export function resendPasswordLink(id: string): Promise<void> {
  return call('post', '/api/users/{id}/password-link', { path: { id } });
}

export function updateUser(
  id: string,
  change: { displayName?: string; role?: User['role']; disabled?: boolean; unlock?: true },
): Promise<User> {
  return call('patch', '/api/users/{id}', { path: { id }, body: change });
}
