import { type MessageKey, type Role, roles } from '@puente/core';
import type { FunctionComponent } from 'preact';
import { AccountScreen } from '../features/account/AccountScreen';
import { alertRoles } from '../features/alerts/AlertBadge';
import { ClientScreen } from '../features/client/ClientScreen';
import { PeopleScreen } from '../features/clients/PeopleScreen';
import { RegisterScreen } from '../features/clients/RegisterScreen';
import { CrisisScreen } from '../features/crisis/CrisisScreen';
import { CountsScreen } from '../features/team/CountsScreen';
import { ProgramScreen } from '../features/team/ProgramScreen';
import { TeamScreen } from '../features/team/TeamScreen';
import { TeamsScreen } from '../features/teams/TeamsScreen';
import { TodayScreen } from '../features/today/TodayScreen';
import { UsersScreen } from '../features/users/UsersScreen';
import { lazy } from '../ui/Lazy';

// Loaded on first use (and warmed up after sign-in, so they open offline); the crisis protocol is always in.
const ScreeningScreen = lazy(() =>
  import('../features/screening/ScreeningScreen').then((m) => m.ScreeningScreen),
);
const AlertsScreen = lazy(() => import('../features/alerts/AlertsScreen').then((m) => m.AlertsScreen));
const AlertScreen = lazy(() => import('../features/alerts/AlertScreen').then((m) => m.AlertScreen));
const LibraryScreen = lazy(() => import('../features/education/LibraryScreen').then((m) => m.LibraryScreen));
const TopicScreen = lazy(() => import('../features/education/TopicScreen').then((m) => m.TopicScreen));
const TopicEditor = lazy(() => import('../features/education/TopicEditor').then((m) => m.TopicEditor));
const EventsScreen = lazy(() => import('../features/outreach/EventsScreen').then((m) => m.EventsScreen));
const NewEventScreen = lazy(() =>
  import('../features/outreach/NewEventScreen').then((m) => m.NewEventScreen),
);
const EventScreen = lazy(() => import('../features/outreach/EventScreen').then((m) => m.EventScreen));
const ReportsScreen = lazy(() => import('../features/reports/ReportsScreen').then((m) => m.ReportsScreen));
const ConflictsScreen = lazy(() =>
  import('../features/sync-conflicts/ConflictsScreen').then((m) => m.ConflictsScreen),
);
const ReferScreen = lazy(() => import('../features/referrals/ReferScreen').then((m) => m.ReferScreen));
const PartnerInboxScreen = lazy(() =>
  import('../features/referrals/PartnerInboxScreen').then((m) => m.PartnerInboxScreen),
);
const PartnersScreen = lazy(() =>
  import('../features/referrals/PartnersScreen').then((m) => m.PartnersScreen),
);
const FindHelpScreen = lazy(() =>
  import('../features/directory/FindHelpScreen').then((m) => m.FindHelpScreen),
);
const AdminDirectoryScreen = lazy(() =>
  import('../features/directory/AdminDirectoryScreen').then((m) => m.AdminDirectoryScreen),
);

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
    path: '/people/:id/crisis',
    label: 'crisis.title',
    roles: caseworkers,
    Component: CrisisScreen,
    hidden: true,
  },
  {
    path: '/people/:id/find-help',
    label: 'directory.nav',
    roles: caseworkers,
    Component: ReferScreen,
    hidden: true,
  },
  {
    path: '/people/:id/screen/:form',
    label: 'screening.title',
    roles: caseworkers,
    Component: ScreeningScreen,
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
  { path: '/alerts', label: 'alerts.nav', roles: alertRoles, Component: AlertsScreen },
  { path: '/alerts/:id', label: 'alerts.nav', roles: alertRoles, Component: AlertScreen, hidden: true },
  // Reached from the sync status when two people's edits crossed.
  {
    path: '/changes',
    label: 'conflicts.title',
    roles: caseworkers,
    Component: ConflictsScreen,
    hidden: true,
  },
  { path: '/admin/users', label: 'nav.users', roles: ['admin'], Component: UsersScreen },
  { path: '/admin/teams', label: 'nav.teams', roles: ['admin'], Component: TeamsScreen },
  { path: '/admin/program', label: 'nav.program', roles: ['admin'], Component: ProgramScreen },
  {
    path: '/admin/directory',
    label: 'directory.navAdmin',
    roles: ['admin'],
    Component: AdminDirectoryScreen,
  },
  { path: '/admin/partners', label: 'referrals.navPartners', roles: ['admin'], Component: PartnersScreen },
  // After the admin screens, so an admin's day still starts on Users.
  {
    path: '/reports',
    label: 'reports.nav',
    roles: ['manager', 'supervisor', 'admin'],
    Component: ReportsScreen,
  },
  // The resource directory; after Counts and the admin screens, so nobody's first screen changes.
  {
    path: '/find-help',
    label: 'directory.nav',
    roles: ['chw', 'supervisor', 'manager', 'admin'],
    Component: FindHelpScreen,
  },
  // Community education: the library for everyone who works with people; editing for admins.
  {
    path: '/library',
    label: 'education.navLibrary',
    roles: ['chw', 'supervisor', 'manager', 'admin'],
    Component: LibraryScreen,
  },
  {
    path: '/library/:topicId',
    label: 'education.navLibrary',
    roles: ['chw', 'supervisor', 'manager', 'admin'],
    Component: TopicScreen,
    hidden: true,
  },
  {
    path: '/library/:topicId/edit',
    label: 'education.editTitle',
    roles: ['admin'],
    Component: TopicEditor,
    hidden: true,
  },
  {
    path: '/events',
    label: 'outreach.navEvents',
    roles: ['chw', 'supervisor', 'admin'],
    Component: EventsScreen,
  },
  {
    path: '/events/new',
    label: 'outreach.newEvent',
    roles: ['chw', 'supervisor', 'admin'],
    Component: NewEventScreen,
    hidden: true,
  },
  {
    path: '/events/:id',
    label: 'outreach.navEvents',
    roles: ['chw', 'supervisor', 'admin'],
    Component: EventScreen,
    hidden: true,
  },
  // A partner organization's day starts on its inbox.
  { path: '/inbox', label: 'referrals.navInbox', roles: ['partner'], Component: PartnerInboxScreen },
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
