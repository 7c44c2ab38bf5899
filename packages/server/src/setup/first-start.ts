import { randomBytes } from 'node:crypto';
import { firstStartProgramName } from '@puente/core';
import type { Database } from '../db/types.js';
import { countOrganizations, createOrganization } from './organizations.js';

export interface FirstAdmin {
  email: string;
  password: string;
}

/**
 * On an empty database, makes the first organization and its admin with a
 * random password, to be printed once and changed at first sign-in, in one
 * transaction: a failed start leaves nothing half-made. Under the migration
 * lock's sibling so two servers starting together make only one.
 */
export async function ensureFirstAdmin(db: Database): Promise<FirstAdmin | undefined> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [7_263_003]);
    if ((await countOrganizations(tx)) > 0) return undefined;
    const admin = { email: 'admin@puente.local', password: randomBytes(9).toString('base64url') };
    await createOrganization(tx, { name: firstStartProgramName, locale: 'en' }, [
      { ...admin, displayName: 'Administrator', role: 'admin', locale: 'en', mustChangePassword: true },
    ]);
    return admin;
  });
}
