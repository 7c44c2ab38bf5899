import { uuidv7 } from '@puente/core';
import type { Database } from '../db/types.js';
import { sampleDirectory, serviceId } from '../features/directory/sample-directory.js';
import { importDirectory } from '../features/hsds/import.js';
import { readJson } from '../features/hsds/read-json.js';
import { insertTeam } from '../features/supervision/team-queries.js';
import { demoCrisisResponse } from './demo-crisis.js';
import { DEMO_PASSWORD } from './demo-password.js';
import { createOrganization, type PersonSeed } from './organizations.js';

export const DEMO_ORG = 'Puente Demo — Promotoras del Valle';
/** The Community Food Pantry of the sample directory. */
const FOOD_PANTRY = serviceId(0);

const people: Omit<PersonSeed, 'password'>[] = [
  { email: 'admin@demo.puente.test', displayName: 'Alex Admin', role: 'admin', locale: 'en' },
  { email: 'daniel@demo.puente.test', displayName: 'Daniel Ortiz', role: 'supervisor', locale: 'en' },
  { email: 'rosa@demo.puente.test', displayName: 'Rosa Martínez', role: 'chw', locale: 'es' },
  { email: 'marcus@demo.puente.test', displayName: 'Marcus Green', role: 'chw', locale: 'en' },
  { email: 'lucia@demo.puente.test', displayName: 'Lucía Fernández', role: 'manager', locale: 'es' },
  // Staff of the community food pantry, answering the referrals sent to it.
  { email: 'carmen@demo.puente.test', displayName: 'Carmen Vega', role: 'partner', locale: 'es' },
];

/**
 * Loads the demo organization once: a supervisor and team of two CHWs, a manager and an admin,
 * and a small bilingual resource directory to search.
 */
export async function loadDemo(db: Database): Promise<{ created: boolean; emails: string[] }> {
  const emails = people.map((p) => p.email);
  const orgId = await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [7_263_003]);
    const [existing] = await tx.query('select 1 from app_user where lower(email) = $1', [emails[0]]);
    if (existing) return undefined;
    const { orgId, userIds } = await createOrganization(
      tx,
      // Published passwords and made-up people: the demo requires no second factor of its accounts.
      { name: DEMO_ORG, locale: 'es', twoFactor: 'none' },
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
    await demoCrisisResponse(tx, orgId, member);
    return orgId;
  });
  if (!orgId) return { created: false, emails };
  await importDirectory(db, orgId, readJson(sampleDirectory(), 'demo-directory.json'));
  // Carmen answers for the food pantry only: the legal aid and the clinic of the same network are not hers.
  await db.query(
    `insert into partner_service (user_id, org_id, service_id, linked_by)
     select p.id, p.org_id, $2, a.id from app_user p join app_user a on a.org_id = p.org_id
      where p.org_id = $1 and p.email = 'carmen@demo.puente.test' and a.email = 'admin@demo.puente.test'`,
    [orgId, FOOD_PANTRY],
  );
  return { created: true, emails };
}
