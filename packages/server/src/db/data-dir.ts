import { chmod, mkdir, stat } from 'node:fs/promises';

/** The data folder is open to others: said plainly at start, without a stack. */
export class DataDirError extends Error {}

/**
 * Makes the folder of the embedded database readable by this user only
 * (0700), or refuses to start when an existing one lets group or others in:
 * its files hold every person's records, and their names alone can be read
 * with grep. Puente does not loosen or silently tighten an existing folder
 * someone chose; it says what to run.
 */
export async function secureDataDir(dir: string): Promise<void> {
  const made = await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask; set it exactly on a folder made just now.
  if (made !== undefined) await chmod(dir, 0o700);
  const { mode } = await stat(dir);
  if ((mode & 0o077) !== 0) {
    const shown = (mode & 0o777).toString(8).padStart(3, '0');
    throw new DataDirError(
      `The data folder ${dir} can be read by other users (mode ${shown}). It holds people's health records: run \`chmod 700 ${dir}\` and start again.`,
    );
  }
}
