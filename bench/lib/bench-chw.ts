import { createOrganization, type Database } from '@puente/server';

/** The one CHW the single-user scenarios sign in as. */
export const benchChw = { email: 'chw@bench.test', password: 'bench password 2026' } as const;

/** A program named Bench with that CHW, who works in Spanish. */
export async function oneChwProgram(db: Database): Promise<{ orgId: string; chwId: string }> {
  const { orgId, userIds } = await db.transaction((tx) =>
    createOrganization(tx, { name: 'Bench', locale: 'es', twoFactor: 'none' }, [
      { ...benchChw, displayName: 'Bench CHW', role: 'chw', locale: 'es' },
    ]),
  );
  return { orgId, chwId: userIds[benchChw.email] ?? '' };
}
