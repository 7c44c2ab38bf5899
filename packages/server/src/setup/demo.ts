import { uuidv7 } from '@puente/core';
import type { Database } from '../db/types.js';
import { insertTeam } from '../features/teams/queries.js';
import { createOrganization, type PersonSeed } from './organizations.js';

export const DEMO_PASSWORD = 'demo-puente-2026';
export const DEMO_ORG = 'Puente Demo — Promotoras del Valle';

const people: Omit<PersonSeed, 'password'>[] = [
  { email: 'admin@demo.puente.test', displayName: 'Alex Admin', role: 'admin', locale: 'en' },
  { email: 'daniel@demo.puente.test', displayName: 'Daniel Ortiz', role: 'supervisor', locale: 'en' },
  { email: 'rosa@demo.puente.test', displayName: 'Rosa Martínez', role: 'chw', locale: 'es' },
  { email: 'marcus@demo.puente.test', displayName: 'Marcus Green', role: 'chw', locale: 'en' },
  { email: 'lucia@demo.puente.test', displayName: 'Lucía Fernández', role: 'manager', locale: 'es' },
];

/** Loads the demo organization once: a supervisor and team of two CHWs, a manager and an admin. */
export async function loadDemo(db: Database): Promise<{ created: boolean; emails: string[] }> {
  const emails = people.map((p) => p.email);
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [7_263_003]);
    const [existing] = await tx.query('select 1 from app_user where lower(email) = $1', [emails[0]]);
    if (existing) return { created: false, emails };
    const { orgId, userIds } = await createOrganization(
      tx,
      { name: DEMO_ORG, locale: 'es' },
      people.map((p) => ({ ...p, password: DEMO_PASSWORD })),
    );
    const member = (email: string) => userIds[email] ?? '';
    await insertTeam(tx, {
      id: uuidv7(),
      orgId,
      name: 'Equipo del Valle',
      supervisorId: member('daniel@demo.puente.test'),
      memberIds: [member('rosa@demo.puente.test'), member('marcus@demo.puente.test')],
    });
    return { created: true, emails };
  });
}
