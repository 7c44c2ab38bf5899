import type { NewUserRequest, User } from '@puente/core';
import { api } from '../../app/api';

/** Everyone in the admin's organization. */
export async function listUsers(): Promise<User[]> {
  return (await api<{ users: User[] }>('GET', '/api/users')).users;
}

export function createUser(body: NewUserRequest): Promise<User> {
  return api<User>('POST', '/api/users', body);
}

export function updateUser(
  id: string,
  change: { displayName?: string; role?: User['role']; disabled?: boolean; unlock?: true },
): Promise<User> {
  return api<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, change);
}
