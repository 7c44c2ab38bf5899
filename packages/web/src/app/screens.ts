import { type MessageKey, type Role, roles } from '@puente/core';
import type { FunctionComponent } from 'preact';
import { AccountScreen } from '../features/account/AccountScreen';
import { TeamsScreen } from '../features/teams/TeamsScreen';
import { TodayScreen } from '../features/today/TodayScreen';
import { UsersScreen } from '../features/users/UsersScreen';

interface Screen {
  path: string;
  label: MessageKey;
  /** Who may open it; the server enforces the same rule on the data. */
  roles: readonly Role[];
  Component: FunctionComponent;
}

/** Every screen of the signed-in app, in menu order. */
export const screens: readonly Screen[] = [
  { path: '/today', label: 'nav.today', roles: ['chw', 'supervisor'], Component: TodayScreen },
  { path: '/admin/users', label: 'nav.users', roles: ['admin'], Component: UsersScreen },
  { path: '/admin/teams', label: 'nav.teams', roles: ['admin'], Component: TeamsScreen },
  { path: '/account', label: 'nav.account', roles, Component: AccountScreen },
];

/** The first screen a role may use: where `/` leads. */
export function homePath(role: Role): string {
  return screens.find((s) => s.roles.includes(role))?.path ?? '/account';
}
