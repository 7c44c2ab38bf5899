import type { Role } from '../auth/roles.js';

/**
 * Who may do what, by role. One table for server and web: a permission not
 * listed here, or a role not listed for it, is refused (deny by default). The
 * server checks it on every route; the web shows a screen or an action only
 * when it holds. Which people an action may touch is the caseload scope
 * (`relationTo` in the policy); which data kinds leave is `decide`.
 */
export const permissions = {
  'account.self': ['chw', 'supervisor', 'manager', 'admin', 'partner'],
  'users.manage': ['admin'],
  'teams.read': ['admin', 'supervisor'],
  'teams.manage': ['admin'],
  'audit.read': ['admin'],
  // Casework: what a caller may do; which people they may do it to is the caseload scope.
  'clients.register': ['chw', 'supervisor'],
  'clients.work': ['chw', 'supervisor', 'admin'],
  'clients.handover': ['supervisor', 'admin'],
  // Moving a person between teams is the program's decision, not one supervisor's.
  'clients.handover-across-teams': ['admin'],
  'clients.break-glass': ['supervisor', 'admin'],
  // Bringing in a caseload from a spreadsheet creates people in CHWs' caseloads: the program's decision.
  'caseload.import': ['admin'],
  'caseload.counts': ['manager', 'supervisor', 'admin'],
  // Each CHW's counts as they are; without it (a manager) they come unnamed, small ones hidden.
  'caseload.counts-by-chw': ['supervisor', 'admin'],
  // Holding a caseload: the Today and People screens of those who work with people.
  'caseload.hold': ['chw', 'supervisor'],
  // The program's counts at a glance, as a manager's first screen.
  'program.overview': ['manager'],
  'team.overview': ['supervisor'],
  // Activity against weekly targets per team, without names: what a program reports, not a ranking of people.
  'activity.program': ['manager', 'admin'],
  'supervision.write': ['supervisor'],
  'supervision.read': ['supervisor', 'chw'],
  'program.read': ['chw', 'supervisor', 'manager', 'admin'],
  'program.write': ['admin'],
  // What setting the program up still needs: the admin's first screen until it is done.
  'program.setup': ['admin'],
  // Screening and crisis response: which people is the caseload scope; which alerts is the alert's own scope.
  'instruments.read': ['chw', 'supervisor', 'manager', 'admin'],
  'screenings.work': ['chw', 'supervisor'],
  'crisis.read': ['chw', 'supervisor', 'manager', 'admin'],
  // The program's crisis lines, emergency number and on-call rota.
  'crisis.manage': ['admin'],
  'alerts.raise': ['chw', 'supervisor'],
  'alerts.read': ['chw', 'supervisor', 'manager'],
  'alerts.acknowledge': ['supervisor', 'manager'],
  // Resource directory: no person data; HSDS reading is also open to partners.
  'directory.search': ['chw', 'supervisor', 'manager', 'admin'],
  'directory.flag': ['chw', 'supervisor', 'admin'],
  'directory.read': ['chw', 'supervisor', 'manager', 'admin', 'partner'],
  'directory.manage': ['admin'],
  // A partner proposes edits to its own listings; an admin approves or declines them (directory.manage).
  'directory.propose': ['partner'],
  // A private page of services for one person is casework: which people is the caseload scope.
  'directory.share': ['chw', 'supervisor'],
  // Referrals: which people is the caseload scope; a partner sees only referrals addressed to its services.
  'referrals.work': ['chw', 'supervisor'],
  'referrals.answer': ['partner'],
  'partners.manage': ['admin'],
  // Referrals clinics send over FHIR: supervisors assign them from the intake queue, the CHW given one answers it.
  'intake.assign': ['supervisor'],
  'intake.work': ['chw', 'supervisor'],
  // Community education: the library has no person data; sharing a topic is casework.
  'education.read': ['chw', 'supervisor', 'manager', 'admin'],
  'education.edit': ['admin'],
  'education.share': ['chw', 'supervisor'],
  // Outreach events are the organization's; sign-ups also need clients.register.
  'outreach.work': ['chw', 'supervisor', 'admin'],
  'outreach.figures': ['supervisor', 'manager', 'admin'],
  // Offline sync: the caseload on the phone; each mutation is also checked against its own permission.
  'sync.use': ['chw', 'supervisor'],
  // Program reports: counts without names, small ones suppressed; the person-level extract is de-identified.
  'reports.read': ['manager', 'supervisor', 'admin'],
  'reports.extract': ['manager', 'admin'],
  // API clients of connected clinics (the FHIR API itself authenticates the client, not a user).
  'fhir.clients.manage': ['admin'],
  // Text messages: a person's thread is casework (caseload scope); unknown numbers go to the program inbox.
  'texts.work': ['chw', 'supervisor'],
  'texts.inbox': ['supervisor'],
  // The program's number, reminder times, quiet hours and templates.
  'texts.manage': ['admin'],
  // Backups hold every organization's data: the status and "back up now"; restoring is a command on the server.
  'backups.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

/** Whether `role` holds `permission`; an unknown role or permission is refused. */
export function roleCan(role: Role | undefined, permission: Permission): boolean {
  if (!role) return false;
  const allowed: readonly Role[] = permissions[permission] ?? [];
  return allowed.includes(role);
}
