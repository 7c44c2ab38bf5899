import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Left in the data folder by `puente move-to-postgres` once the program lives
 * in PostgreSQL. The embedded database stays behind as it was at the move, so
 * a server started on it by mistake (a service file still without
 * DATABASE_URL) would serve phones a program weeks old and lose what they
 * send: Puente refuses to open a folder that holds this file.
 */
export const MOVED_FILE = 'moved-to-postgres.json';

/** The embedded database was moved: said plainly, without a stack. */
export class DatabaseMovedError extends Error {}

/** Marks `dataDir` moved to `to` (a URL with its password masked). */
export async function markMoved(dataDir: string, to: string): Promise<void> {
  const file = join(dataDir, MOVED_FILE);
  await writeFile(`${file}.partial`, `${JSON.stringify({ to, at: new Date().toISOString() })}\n`, {
    mode: 0o600,
  });
  await rename(`${file}.partial`, file);
}

/** Refuses to open an embedded database that moved to PostgreSQL. */
export async function refuseIfMoved(dataDir: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(join(dataDir, MOVED_FILE), 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return;
    throw error;
  }
  let moved: { to?: unknown; at?: unknown } = {};
  try {
    moved = JSON.parse(text);
  } catch {}
  throw new DatabaseMovedError(
    `The program in ${dataDir} moved to PostgreSQL (${String(moved.to ?? 'see its DATABASE_URL')}) on ${String(moved.at ?? 'an earlier day')}: ` +
      'start Puente with DATABASE_URL set to that database, keeping DATA_DIR as it is.\n' +
      `The embedded database there is only the copy left from before the move. To use it anyway, delete ${join(dataDir, MOVED_FILE)}.`,
  );
}
