import { afterAll, beforeAll } from 'vitest';
import { type App, buildApp } from '../app.js';
import { type Config, testConfig } from '../config.js';
import type { Database } from '../db/types.js';
import { createLogger } from '../log.js';
import { createOrganization } from '../setup/organizations.js';
import { freshDatabase, type TestDatabase } from './database.js';

export const PASSWORD = 'correct horse battery';

/** The people of one test organization, by role. */
export interface TestOrg {
  orgId: string;
  admin: string;
  supervisor: string;
  chw: string;
  /** A second CHW, on no team. */
  chw2: string;
  manager: string;
  partner: string;
  ids: Record<string, string>;
}

/** Makes an organization with one person in each role, emails `<role>@<slug>.test`. */
export async function seedOrg(db: Database, slug: string): Promise<TestOrg> {
  const people = ['admin', 'supervisor', 'chw', 'chw2', 'manager', 'partner'] as const;
  const roleOf = (p: (typeof people)[number]) => (p === 'chw2' ? 'chw' : p);
  const emails = Object.fromEntries(people.map((r) => [r, `${r}@${slug}.test`])) as Record<
    (typeof people)[number],
    string
  >;
  const { orgId, userIds } = await db.transaction((tx) =>
    createOrganization(
      tx,
      // Test people sign in with a password alone; two-factor tests set the program's policy.
      { name: `Org ${slug}`, locale: 'en', twoFactor: 'none' },
      people.map((p) => ({
        email: emails[p],
        displayName: `${p} of ${slug}`,
        role: roleOf(p),
        locale: p === 'chw' ? 'es' : 'en',
        password: PASSWORD,
      })),
    ),
  );
  return { orgId, ...emails, ids: userIds };
}

export interface Harness {
  app: App;
  db: Database;
  config: Config;
  testDb: TestDatabase;
}

/**
 * Gives a test file its own database and app, made before its tests and
 * dropped after them. Read the fields inside tests, not at import time.
 */
export function useApp(overrides: Partial<Config> = {}): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    harness.testDb = await freshDatabase();
    harness.db = harness.testDb.db;
    harness.config = testConfig(overrides);
    harness.app = buildApp({ db: harness.db, config: harness.config, log: createLogger('silent') });
  });
  afterAll(async () => {
    await harness.testDb?.drop();
  });
  return harness;
}
