import type { InviteUserRequest, User } from '@puente/core';
import { api } from '../../app/api';

/** Everyone in the admin's organization. */
export async function listUsers(): Promise<User[]> {
  return (await api<{ users: User[] }>('GET', '/api/users')).users;
}

/** Makes the account and emails the person a single-use link to choose their own password. */
export function inviteUser(body: InviteUserRequest): Promise<User> {
  return api<User>('POST', '/api/users/invitations', body);
}

/** Emails a new link to set a password; earlier links stop working. */
export function resendPasswordLink(id: string): Promise<void> {
  return api<undefined>('POST', `/api/users/${encodeURIComponent(id)}/password-link`, {});
}

export function updateUser(
  id: string,
  change: { displayName?: string; role?: User['role']; disabled?: boolean; unlock?: true },
): Promise<User> {
  return api<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, change);
}
