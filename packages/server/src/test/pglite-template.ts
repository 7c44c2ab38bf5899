import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations, migrate } from '../db/migrate.js';
import { dumpPglite, openPglite } from '../db/pglite.js';

/**
 * Starting PGlite makes a new cluster (initdb), which takes seconds; starting it from
 * a copy of one already made and migrated takes a fraction of that. The copy is kept
 * in the temporary folder under the hash of the migrations, so a changed migration
 * makes a new one and a stale copy is never used.
 */
async function templatePath(): Promise<string> {
  const hash = createHash('sha256');
  for (const m of await loadMigrations()) hash.update(`${m.name}\n${m.sql}\n`);
  return join(tmpdir(), `puente-test-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** Makes the migrated copy if it is not there yet; returns where it is. Run once per test run. */
export async function ensurePgliteTemplate(): Promise<string> {
  const path = await templatePath();
  try {
    await readFile(path);
    return path;
  } catch {
    const db = await openPglite();
    await migrate(db);
    const copy = await dumpPglite(db);
    await db.close();
    // Written aside and renamed, so a run that stops halfway leaves no broken copy.
    const partial = `${path}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await copy.arrayBuffer()));
    await rename(partial, path);
    return path;
  }
}

let template: Promise<Blob | undefined> | undefined;

/** The migrated copy, if this run made one (see the server project's global setup). */
export function pgliteTemplate(): Promise<Blob | undefined> {
  const path = process.env.PUENTE_TEST_PGLITE_TEMPLATE;
  template ??= path ? readFile(path).then((bytes) => new Blob([bytes])) : Promise.resolve(undefined);
  return template;
}
