import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './types.js';

const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));
// Any constant works; it only has to be the same for every Puente process.
const MIGRATION_LOCK = 7_263_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.slice(0, 4)),
      name: file.replace(/\.sql$/, ''),
      sql: await readFile(`${dir}/${file}`, 'utf8'),
    })),
  );
}

/**
 * Applies pending migrations in one transaction under an advisory lock, so
 * two servers starting together against one database never race: the second
 * waits, then finds nothing left to do. Returns the names applied.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`create table if not exists schema_migration (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const done = await tx.query<{ version: number; checksum: string; name: string }>(
      'select version, checksum, name from schema_migration',
    );
    const applied = new Map(done.map((m) => [m.version, m]));
    const names: string[] = [];
    for (const m of all) {
      const checksum = createHash('sha256').update(m.sql).digest('hex');
      const previous = applied.get(m.version);
      if (previous) {
        if (previous.checksum !== checksum) {
          throw new Error(
            `Migration ${m.name} was changed after it was applied. Add a new migration instead.`,
          );
        }
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('insert into schema_migration (version, name, checksum) values ($1, $2, $3)', [
        m.version,
        m.name,
        checksum,
      ]);
      names.push(m.name);
    }
    return names;
  });
}
