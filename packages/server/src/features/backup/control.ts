import { chmod, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { isAbsolute, join } from 'node:path';
import type { Database } from '../../db/types.js';
import type { Logger } from '../../log.js';
import { recordBackupFinished } from '../metrics/registry.js';
import { BackupError, type BackupResult, takeBackup } from './backup.js';

/**
 * The embedded database is one process's: a second process opening the same
 * folder would corrupt it. So a server on PGlite listens on a socket inside
 * its data folder (0700, and the socket 0600: only the account that owns the
 * data can connect), and `puente backup` asks it to make the backup instead of
 * opening the folder itself. The same socket tells a second server, and
 * commands that need the database to themselves, that the folder is in use.
 */
export const controlSocket = (dataDir: string) => join(dataDir, 'puente.sock');
// Unix socket paths are limited to about 104 bytes (macOS) or 108 (Linux).
const MAX_SOCKET_PATH = 100;

/** Another process holds the data folder: said plainly, without a stack. */
export class DataDirInUseError extends Error {}

type Answer = { status: number; body: Record<string, unknown> };

function ask(dataDir: string, method: string, path: string, body?: unknown): Promise<Answer | undefined> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: controlSocket(dataDir), method, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({
            status: res.statusCode ?? 500,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          });
        } catch (error) {
          reject(error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // No socket, or one a stopped server left behind: nobody is serving the folder.
      if (['ENOENT', 'ECONNREFUSED', 'ENOTSOCK', 'ENAMETOOLONG'].includes(error.code ?? ''))
        resolve(undefined);
      else reject(error);
    });
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** Whether a Puente server is serving the embedded database in `dataDir` now. */
export async function servedBy(dataDir: string): Promise<boolean> {
  return (await ask(dataDir, 'GET', '/status')) !== undefined;
}

/** Asks the server serving `dataDir` to write a backup into `dir`; undefined when no server is running there. */
export async function backupThroughServer(
  dataDir: string,
  dir: string,
  key: Buffer,
): Promise<BackupResult | undefined> {
  const answer = await ask(dataDir, 'POST', '/backup', { dir, key: key.toString('base64') });
  if (!answer) return undefined;
  if (answer.status !== 200)
    throw new BackupError(String(answer.body.error ?? 'The running server could not make the backup.'));
  return answer.body as unknown as BackupResult;
}

/** Refuses to go on when a server already answers in `dataDir`: two processes on one PGlite folder corrupt it. */
export async function refuseIfServed(dataDir: string): Promise<void> {
  if (await servedBy(dataDir)) {
    throw new DataDirInUseError(
      `Another Puente server is using the data folder ${dataDir}: stop it first, or give this one another DATA_DIR.`,
    );
  }
}

/**
 * Listens on the data folder's socket while the server runs on PGlite.
 * Refuses when another server already answers there.
 */
export async function startControl(deps: {
  db: Database;
  dataDir: string;
  log: Logger;
}): Promise<{ stop(): Promise<void> }> {
  const path = controlSocket(deps.dataDir);
  await refuseIfServed(deps.dataDir);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    deps.log.warn(
      'DATA_DIR is too long a path for the control socket: stop the server before `puente backup`',
    );
    return { stop: async () => {} };
  }
  await rm(path, { force: true });
  let running: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/status') return reply(200, { pid: process.pid });
    if (req.method !== 'POST' || req.url !== '/backup') return reply(404, { error: 'unknown request' });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const work = (async () => {
        const { dir, key } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          dir?: unknown;
          key?: unknown;
        };
        const backupKey = Buffer.from(String(key), 'base64');
        if (typeof dir !== 'string' || !isAbsolute(dir) || backupKey.length !== 32) {
          return reply(400, { error: 'A backup request names an absolute folder and a 32-byte key.' });
        }
        const made = await takeBackup(deps.db, backupKey, dir);
        if (made) recordBackupFinished(new Date());
        deps.log.info({ bytes: made?.bytes }, 'backup made for the command line');
        reply(200, made);
      })().catch((error: unknown) => {
        // The command line shows this to the operator; a database error's text is not sent.
        const known = error instanceof BackupError || typeof (error as { code?: unknown }).code === 'string';
        const what = error instanceof BackupError ? error.message : `${(error as { code?: string }).code}`;
        deps.log.error({ err: { name: (error as Error).name } }, 'backup for the command line failed');
        reply(500, { error: known ? `The running server could not make the backup: ${what}` : undefined });
      });
      running = work;
    });
  });
  // Made 0600 from the start: the umask applies as the socket is bound.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new DataDirInUseError(`Another Puente server is starting on the data folder ${deps.dataDir}.`)
            : error,
        ),
      );
      server.listen(path, () => {
        server.removeAllListeners('error');
        resolve();
      });
    });
  } finally {
    process.umask(umask);
  }
  await chmod(path, 0o600);
  return {
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await running;
      await rm(path, { force: true });
    },
  };
}
