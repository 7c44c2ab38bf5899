import { createOrganization, type Database, type PersonSeed } from '@puente/server';

/** The password every generated benchmark account signs in with. */
export const benchPassword = 'bench password 2026';

/**
 * The generated program's organization: a supervisor and `chws` CHWs
 * (`chw0@bench.test`, …), and a manager when asked, all with `benchPassword`.
 */
export async function benchOrganization(
  db: Database,
  chws: number,
  options: { manager?: boolean } = {},
): Promise<{ orgId: string; userIds: Record<string, string>; chwEmails: string[] }> {
  const chwEmails = Array.from({ length: chws }, (_, i) => `chw${i}@bench.test`);
  const staff = (email: string, displayName: string, role: PersonSeed['role']): PersonSeed => ({
    email,
    displayName,
    role,
    locale: 'es',
    password: benchPassword,
  });
  const people = [
    ...(options.manager ? [staff('manager@bench.test', 'Bench manager', 'manager')] : []),
    staff('supervisor@bench.test', 'Bench supervisor', 'supervisor'),
    ...chwEmails.map((email) => staff(email, email, 'chw')),
  ];
  const { orgId, userIds } = await db.transaction((tx) =>
    createOrganization(tx, { name: 'Bench', locale: 'es', twoFactor: 'none' }, people),
  );
  return { orgId, userIds, chwEmails };
}
