import { type MessageKey, type Permission, type Role, roleCan } from '@puente/core';
import type { FunctionComponent } from 'preact';
import { AccountScreen } from '../features/account/AccountScreen';
import { PeopleScreen } from '../features/caseload/PeopleScreen';
import { RegisterScreen } from '../features/caseload/RegisterScreen';
import { CrisisScreen } from '../features/crisis/CrisisScreen';
import { ClientScreen } from '../features/person/ClientScreen';
import { CountsScreen } from '../features/team/CountsScreen';
import { ProgramScreen } from '../features/team/ProgramScreen';
import { TeamScreen } from '../features/team/TeamScreen';
import { TeamsScreen } from '../features/teams/TeamsScreen';
import { TodayScreen } from '../features/today/TodayScreen';
import { UsersScreen } from '../features/users/UsersScreen';
import { lazy } from '../ui/Lazy';

// Loaded on first use (and warmed up after sign-in, so they open offline); the crisis protocol is always in.
const ScreeningScreen = lazy(() =>
  import('../features/screenings/ScreeningScreen').then((m) => m.ScreeningScreen),
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
const AdminCrisisScreen = lazy(() =>
  import('../features/crisis/AdminCrisisScreen').then((m) => m.AdminCrisisScreen),
);
const FhirClientsScreen = lazy(() =>
  import('../features/fhir-clients/FhirClientsScreen').then((m) => m.FhirClientsScreen),
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
  /** What opening it needs, from the one permissions table in core; the server enforces the same rule on the data. */
  permission: Permission;
  Component: FunctionComponent<{ params: ScreenParams }>;
  /** Reached through links only, not from the menu. */
  hidden?: true;
}

/** Every screen of the signed-in app, in menu order. */
export const screens: readonly Screen[] = [
  { path: '/today', label: 'nav.today', permission: 'caseload.hold', Component: TodayScreen },
  { path: '/people', label: 'nav.people', permission: 'caseload.hold', Component: PeopleScreen },
  {
    path: '/people/new',
    label: 'people.register',
    permission: 'clients.register',
    Component: RegisterScreen,
    hidden: true,
  },
  {
    path: '/people/:id',
    label: 'nav.people',
    permission: 'clients.work',
    Component: ClientScreen,
    hidden: true,
  },
  {
    path: '/people/:id/crisis',
    label: 'crisis.title',
    permission: 'screenings.work',
    Component: CrisisScreen,
    hidden: true,
  },
  {
    path: '/people/:id/find-help',
    label: 'directory.nav',
    permission: 'referrals.work',
    Component: ReferScreen,
    hidden: true,
  },
  {
    path: '/people/:id/screen/:form',
    label: 'screening.title',
    permission: 'screenings.work',
    Component: ScreeningScreen,
    hidden: true,
  },
  {
    path: '/people/:id/:tab',
    label: 'nav.people',
    permission: 'clients.work',
    Component: ClientScreen,
    hidden: true,
  },
  { path: '/team', label: 'nav.team', permission: 'team.overview', Component: TeamScreen },
  { path: '/counts', label: 'nav.counts', permission: 'program.overview', Component: CountsScreen },
  { path: '/alerts', label: 'alerts.nav', permission: 'alerts.acknowledge', Component: AlertsScreen },
  {
    path: '/alerts/:id',
    label: 'alerts.nav',
    permission: 'alerts.acknowledge',
    Component: AlertScreen,
    hidden: true,
  },
  // Reached from the sync status when two people's edits crossed.
  {
    path: '/changes',
    label: 'conflicts.title',
    permission: 'sync.use',
    Component: ConflictsScreen,
    hidden: true,
  },
  { path: '/admin/users', label: 'nav.users', permission: 'users.manage', Component: UsersScreen },
  { path: '/admin/teams', label: 'nav.teams', permission: 'teams.manage', Component: TeamsScreen },
  { path: '/admin/program', label: 'nav.program', permission: 'program.write', Component: ProgramScreen },
  {
    path: '/admin/crisis',
    label: 'crisis.navAdmin',
    permission: 'crisis.manage',
    Component: AdminCrisisScreen,
  },
  {
    path: '/admin/directory',
    label: 'directory.navAdmin',
    permission: 'directory.manage',
    Component: AdminDirectoryScreen,
  },
  {
    path: '/admin/partners',
    label: 'referrals.navPartners',
    permission: 'partners.manage',
    Component: PartnersScreen,
  },
  {
    path: '/admin/fhir-clients',
    label: 'fhirClients.nav',
    permission: 'fhir.clients.manage',
    Component: FhirClientsScreen,
  },
  // After the admin screens, so an admin's day still starts on Users.
  {
    path: '/reports',
    label: 'reports.nav',
    permission: 'reports.read',
    Component: ReportsScreen,
  },
  // The resource directory; after Counts and the admin screens, so nobody's first screen changes.
  {
    path: '/find-help',
    label: 'directory.nav',
    permission: 'directory.search',
    Component: FindHelpScreen,
  },
  // Community education: the library for everyone who works with people; editing for admins.
  {
    path: '/library',
    label: 'education.navLibrary',
    permission: 'education.read',
    Component: LibraryScreen,
  },
  {
    path: '/library/:topicId',
    label: 'education.navLibrary',
    permission: 'education.read',
    Component: TopicScreen,
    hidden: true,
  },
  {
    path: '/library/:topicId/edit',
    label: 'education.editTitle',
    permission: 'education.edit',
    Component: TopicEditor,
    hidden: true,
  },
  {
    path: '/events',
    label: 'outreach.navEvents',
    permission: 'outreach.work',
    Component: EventsScreen,
  },
  {
    path: '/events/new',
    label: 'outreach.newEvent',
    permission: 'outreach.work',
    Component: NewEventScreen,
    hidden: true,
  },
  {
    path: '/events/:id',
    label: 'outreach.navEvents',
    permission: 'outreach.work',
    Component: EventScreen,
    hidden: true,
  },
  // A partner organization's day starts on its inbox.
  {
    path: '/inbox',
    label: 'referrals.navInbox',
    permission: 'referrals.answer',
    Component: PartnerInboxScreen,
  },
  { path: '/account', label: 'nav.account', permission: 'account.self', Component: AccountScreen },
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
  return screens.find((s) => !s.hidden && roleCan(role, s.permission))?.path ?? '/account';
}
