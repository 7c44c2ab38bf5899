import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '@puente/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { freshDatabase, type TestDatabase } from '../../test/database.js';
import { type BackupResult, takeBackup } from './backup.js';
import { restoreBackup } from './restore.js';
import { untouched } from './testing.js';

// Each restore migrates a database from nothing (PGlite: seconds; more on a busy machine).
const SLOW = 180_000;

// A backup made by an earlier version (three migrations ago) restores, then comes up to date.
const key = randomBytes(32);
const dbs: TestDatabase[] = [];
let dir: string;
let old: BackupResult;
let later: string[];
const orgId = uuidv7();
const clientId = uuidv7();

beforeAll(async () => {
  const all = await loadMigrations();
  later = all.slice(-3).map((m) => m.name);
  const source = await freshDatabase({ migrated: false });
  dbs.push(source);
  await migrate(source.db, all.slice(0, -3));
  await source.db.query(`insert into organization (id, name) values ($1, 'Older program')`, [orgId]);
  const chw = uuidv7();
  await source.db.query(
    `insert into app_user (id, org_id, email, display_name, role, password_hash)
     values ($1, $2, 'rosa@older.test', 'Rosa', 'chw', 'x')`,
    [chw, orgId],
  );
  await source.db.query(
    `insert into client (id, org_id, given_name, name_folded, preferred_language, created_by)
     values ($1, $2, 'Rosa', 'rosa', 'es', $3)`,
    [clientId, orgId, chw],
  );
  dir = await mkdtemp(join(tmpdir(), 'puente-upgrade-'));
  const made = await takeBackup(source.db, key, dir);
  if (!made) throw new Error('no backup');
  old = made;
}, 120_000);

afterEach(async () => {
  await Promise.all(dbs.splice(1).map((d) => d.drop()));
});

afterAll(async () => {
  await Promise.all(dbs.map((d) => d.drop()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a backup from an older version', () => {
  it(
    'restores, then runs the migrations it lacked',
    async () => {
      expect(old.manifest.migrations.map((m) => m.name)).not.toContain(later[0]);
      const target = await freshDatabase({ migrated: false });
      dbs.push(target);
      const report = await restoreBackup(target.db, old.file, key);
      expect(report.upgraded).toEqual(later);
      const rows = await target.db.query<{ name: string }>(
        'select given_name as name from client where id = $1',
        [clientId],
      );
      expect(rows).toEqual([{ name: 'Rosa' }]);
      const applied = await target.db.query('select 1 from schema_migration');
      expect(applied.length).toBe((await loadMigrations()).length);
    },
    SLOW,
  );

  it(
    'is refused by a database a newer version already set up, which it leaves as it was',
    async () => {
      const target = await freshDatabase();
      dbs.push(target);
      await expect(restoreBackup(target.db, old.file, key)).rejects.toThrow(
        new RegExp(`set up by a newer Puente than the backup \\(it has migration ${later[0]}\\)`),
      );
      expect(await untouched(target.db)).toBe(false);
      const [n] = await target.db.query<{ n: number }>('select count(*)::int as n from organization');
      expect(n?.n).toBe(0);
    },
    SLOW,
  );
});
