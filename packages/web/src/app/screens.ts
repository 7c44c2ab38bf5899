import { type MessageKey, type Role, roles } from '@puente/core';
import type { FunctionComponent } from 'preact';
import { AccountScreen } from '../features/account/AccountScreen';
import { ClientScreen } from '../features/client/ClientScreen';
import { PeopleScreen } from '../features/clients/PeopleScreen';
import { RegisterScreen } from '../features/clients/RegisterScreen';
import { CountsScreen } from '../features/team/CountsScreen';
import { ProgramScreen } from '../features/team/ProgramScreen';
import { TeamScreen } from '../features/team/TeamScreen';
import { TeamsScreen } from '../features/teams/TeamsScreen';
import { TodayScreen } from '../features/today/TodayScreen';
import { UsersScreen } from '../features/users/UsersScreen';

/** The `:name` segments of a screen's path, e.g. `{ id: '…' }` for `/people/:id`. */
export type ScreenParams = Record<string, string>;

interface Screen {
  /** Exact path, or a pattern with `:name` segments. */
  path: string;
  label: MessageKey;
  /** Who may open it; the server enforces the same rule on the data. */
  roles: readonly Role[];
  Component: FunctionComponent<{ params: ScreenParams }>;
  /** Reached through links only, not from the menu. */
  hidden?: true;
}

const caseworkers: readonly Role[] = ['chw', 'supervisor'];

/** Every screen of the signed-in app, in menu order. */
export const screens: readonly Screen[] = [
  { path: '/today', label: 'nav.today', roles: caseworkers, Component: TodayScreen },
  { path: '/people', label: 'nav.people', roles: caseworkers, Component: PeopleScreen },
  {
    path: '/people/new',
    label: 'people.register',
    roles: caseworkers,
    Component: RegisterScreen,
    hidden: true,
  },
  {
    path: '/people/:id',
    label: 'nav.people',
    roles: [...caseworkers, 'admin'],
    Component: ClientScreen,
    hidden: true,
  },
  {
    path: '/people/:id/:tab',
    label: 'nav.people',
    roles: [...caseworkers, 'admin'],
    Component: ClientScreen,
    hidden: true,
  },
  { path: '/team', label: 'nav.team', roles: ['supervisor'], Component: TeamScreen },
  { path: '/counts', label: 'nav.counts', roles: ['manager'], Component: CountsScreen },
  { path: '/admin/users', label: 'nav.users', roles: ['admin'], Component: UsersScreen },
  { path: '/admin/teams', label: 'nav.teams', roles: ['admin'], Component: TeamsScreen },
  { path: '/admin/program', label: 'nav.program', roles: ['admin'], Component: ProgramScreen },
  { path: '/account', label: 'nav.account', roles, Component: AccountScreen },
];

function matchPath(pattern: string, path: string): ScreenParams | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: ScreenParams = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? '';
    if (part.startsWith(':') && value) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return undefined;
  }
  return params;
}

/**
 * The screen a path names, with its parameters; exact paths win over patterns.
 * @example matchScreen('/people/0193…') // { screen: person page, params: { id: '0193…' } }
 */
export function matchScreen(path: string): { screen: Screen; params: ScreenParams } | undefined {
  for (const screen of screens) {
    const params = matchPath(screen.path, path);
    if (params) return { screen, params };
  }
  return undefined;
}

/** The first screen a role may use: where `/` leads. */
export function homePath(role: Role): string {
  return screens.find((s) => !s.hidden && s.roles.includes(role))?.path ?? '/account';
}
