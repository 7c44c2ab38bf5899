import { type MessageKey, type Permission, type Role, roleCan } from '@puente/core';
import type { FunctionComponent } from 'preact';
// The crisis protocol is always in the first bundle: it must open on a phone that lost signal before anything was cached.
import { CrisisScreen } from '../features/crisis/CrisisScreen';
import { lazy } from '../ui/Lazy';
import type { ScreenParams } from './router';

// Every other screen loads on first use, or sooner: the ones marked `warm` as soon as someone signs in.
// Screens import nothing from here, so this registry and the screens never form an import circle.
const TodayScreen = lazy(() => import('../features/today/TodayScreen').then((m) => m.TodayScreen));
const PeopleScreen = lazy(() => import('../features/caseload/PeopleScreen').then((m) => m.PeopleScreen));
const RegisterScreen = lazy(() =>
  import('../features/caseload/RegisterScreen').then((m) => m.RegisterScreen),
);
const ClientScreen = lazy(() => import('../features/person/ClientScreen').then((m) => m.ClientScreen));
const HouseholdScreen = lazy(() =>
  import('../features/households/HouseholdScreen').then((m) => m.HouseholdScreen),
);
const TeamScreen = lazy(() => import('../features/supervision/TeamScreen').then((m) => m.TeamScreen));
const CountsScreen = lazy(() => import('../features/supervision/CountsScreen').then((m) => m.CountsScreen));
const ProgramScreen = lazy(() => import('../features/settings/ProgramScreen').then((m) => m.ProgramScreen));
const TeamsScreen = lazy(() => import('../features/supervision/TeamsScreen').then((m) => m.TeamsScreen));
const UsersScreen = lazy(() => import('../features/users/UsersScreen').then((m) => m.UsersScreen));
const AccountScreen = lazy(() => import('../features/account/AccountScreen').then((m) => m.AccountScreen));
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
const MyListingsScreen = lazy(() =>
  import('../features/listing-proposals/MyListingsScreen').then((m) => m.MyListingsScreen),
);
const IntakeScreen = lazy(() => import('../features/intake/IntakeScreen').then((m) => m.IntakeScreen));
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
const TextTemplatesScreen = lazy(() =>
  import('../features/messages/TextTemplatesScreen').then((m) => m.TextTemplatesScreen),
);
const TextInboxScreen = lazy(() =>
  import('../features/messages/TextInboxScreen').then((m) => m.TextInboxScreen),
);
const BackupsScreen = lazy(() => import('../features/backup/BackupsScreen').then((m) => m.BackupsScreen));
const CaseloadImportScreen = lazy(() =>
  import('../features/imports/CaseloadImportScreen').then((m) => m.CaseloadImportScreen),
);
const AdminDirectoryScreen = lazy(() =>
  import('../features/directory/AdminDirectoryScreen').then((m) => m.AdminDirectoryScreen),
);

interface Screen {
  /** Exact path, or a pattern with `:name` segments. */
  path: string;
  label: MessageKey;
  /** What opening it needs, from the one permissions table in core; the server enforces the same rule on the data. */
  permission: Permission;
  Component: FunctionComponent<{ params: ScreenParams }> & { preload?: () => Promise<void> };
  /** Fetched as soon as someone who may open it signs in: the screens of every day. */
  warm?: true;
  /** Reached through links only, not from the menu. */
  hidden?: true;
}

/** Every screen of the signed-in app, in menu order. */
export const screens: readonly Screen[] = [
  { path: '/today', label: 'nav.today', permission: 'caseload.hold', Component: TodayScreen, warm: true },
  { path: '/people', label: 'nav.people', permission: 'caseload.hold', Component: PeopleScreen, warm: true },
  {
    path: '/people/new',
    label: 'people.register',
    permission: 'clients.register',
    Component: RegisterScreen,
    warm: true,
    hidden: true,
  },
  {
    path: '/people/:id',
    label: 'nav.people',
    permission: 'clients.work',
    Component: ClientScreen,
    warm: true,
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
    path: '/people/:id/household',
    label: 'households.link',
    permission: 'clients.work',
    Component: HouseholdScreen,
    hidden: true,
  },
  {
    path: '/people/:id/screen/:form',
    label: 'screening.title',
    permission: 'screenings.work',
    Component: ScreeningScreen,
    // Warmed like the everyday screens: a first PHQ-9 at a kitchen table opens at once, with or without signal.
    warm: true,
    hidden: true,
  },
  {
    path: '/people/:id/:tab',
    label: 'nav.people',
    permission: 'clients.work',
    Component: ClientScreen,
    warm: true,
    hidden: true,
  },
  { path: '/team', label: 'nav.team', permission: 'team.overview', Component: TeamScreen, warm: true },
  // Referrals clinics send over FHIR: the supervisor's queue, the CHW's own.
  { path: '/intake', label: 'intake.nav', permission: 'intake.work', Component: IntakeScreen },
  {
    path: '/counts',
    label: 'nav.counts',
    permission: 'program.overview',
    Component: CountsScreen,
    warm: true,
  },
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
  {
    path: '/admin/users',
    label: 'nav.users',
    permission: 'users.manage',
    Component: UsersScreen,
    warm: true,
  },
  {
    path: '/admin/teams',
    label: 'nav.teams',
    permission: 'teams.manage',
    Component: TeamsScreen,
    warm: true,
  },
  {
    path: '/admin/program',
    label: 'nav.program',
    permission: 'program.write',
    Component: ProgramScreen,
    warm: true,
  },
  {
    path: '/admin/crisis',
    label: 'crisis.navAdmin',
    permission: 'crisis.manage',
    Component: AdminCrisisScreen,
  },
  {
    path: '/admin/caseload-import',
    label: 'caseloadImport.title',
    permission: 'caseload.import',
    Component: CaseloadImportScreen,
    hidden: true,
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
  {
    path: '/admin/texts',
    label: 'smsAdmin.nav',
    permission: 'texts.manage',
    Component: TextTemplatesScreen,
  },
  // Texts from numbers nobody in the program has: a supervisor places them.
  {
    path: '/texts/inbox',
    label: 'smsAdmin.inboxNav',
    permission: 'texts.inbox',
    Component: TextInboxScreen,
  },
  {
    path: '/admin/backups',
    label: 'backups.nav',
    permission: 'backups.manage',
    Component: BackupsScreen,
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
  // Beside its inbox, the partner keeps its own services in the directory up to date.
  {
    path: '/listings',
    label: 'listings.nav',
    permission: 'directory.propose',
    Component: MyListingsScreen,
  },
  {
    path: '/account',
    label: 'nav.account',
    permission: 'account.self',
    Component: AccountScreen,
    warm: true,
  },
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

/**
 * Starts loading the code of the screen a path opens (where `/` leads, when the role is known), so
 * it is ready when the PIN has opened the copy instead of fetched after. Code only: who may open
 * the screen is still decided when it shows.
 */
export function preloadScreen(path: string, role?: Role): void {
  const target = path === '/' && role ? homePath(role) : path;
  void matchScreen(target)?.screen.Component.preload?.();
}

/** Starts fetching the everyday screens a role may open, so they show at once and open offline. */
export function warmScreens(role: Role): void {
  for (const s of screens) if (s.warm && roleCan(role, s.permission)) void s.Component.preload?.();
}
