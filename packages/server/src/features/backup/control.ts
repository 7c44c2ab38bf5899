import { chmod, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
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

/**
 * What the server does while its program moves to PostgreSQL (move.ts): no
 * request and no background work may write to the embedded database between
 * the snapshot and the new server's start, or it would be left behind.
 */
export interface MoveHooks {
  /** Refuses every request (503) and stops background work; resolves once the requests in flight are done. */
  pause(): Promise<void>;
  /** The move failed or was abandoned: serve again. */
  resume(): Promise<void>;
  /** The move is done: mark the folder moved (db/moved.ts) and stay paused until stopped. */
  moved(to: string): Promise<void>;
}

/** Reads newline-ended lines from a stream; undefined once it ends, breaks or closes. */
function lineReader(stream: NodeJS.ReadableStream): () => Promise<string | undefined> {
  let buffered = '';
  let ended = false;
  const lines: string[] = [];
  let waiting: ((line: string | undefined) => void) | undefined;
  const wake = () => {
    if (!waiting || (lines.length === 0 && !ended)) return;
    const resolve = waiting;
    waiting = undefined;
    resolve(lines.shift());
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
      lines.push(buffered.slice(0, i));
      buffered = buffered.slice(i + 1);
    }
    wake();
  });
  const finish = () => {
    if (ended) return;
    ended = true;
    // An answer of one line without its newline (a plain JSON reply) still counts.
    if (buffered) lines.push(buffered);
    buffered = '';
    wake();
  };
  for (const event of ['end', 'close', 'error']) stream.on(event, finish);
  return () =>
    new Promise((resolve) => {
      waiting = resolve;
      wake();
    });
}

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

/** A move under way through the running server: its snapshot, and how to tell the server the outcome. */
export interface ServerMove {
  made: BackupResult;
  /** Moved: the server marks the folder and stays paused; not moved: it serves again. */
  finish(outcome: { moved: true; to: string } | { moved: false }): Promise<void>;
}

/**
 * Asks the server serving `dataDir` to pause and write a snapshot for a move
 * into `dir`; undefined when no server is running there. The request stays
 * open until `finish`: should this command die before it, the connection
 * closes and the server serves again, so a failed move never leaves it paused.
 */
export function moveThroughServer(
  dataDir: string,
  dir: string,
  key: Buffer,
): Promise<ServerMove | undefined> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const req = request(
      {
        socketPath: controlSocket(dataDir),
        method: 'POST',
        path: '/move',
        headers: { 'content-type': 'application/x-ndjson' },
      },
      (res) => {
        const next = lineReader(res);
        const read = async () => {
          const line = await next();
          try {
            return JSON.parse(line ?? '') as Record<string, unknown>;
          } catch {
            throw new BackupError('The running server broke off the move; it serves on as before.');
          }
        };
        read().then((body) => {
          settled = true;
          if (res.statusCode !== 200) {
            req.destroy();
            const why =
              res.statusCode === 404
                ? 'The server running on the data folder is an older Puente that cannot pause for a move: stop it, then run this again.'
                : String(body.error ?? 'The running server could not start the move.');
            return reject(new BackupError(why));
          }
          resolve({
            made: body as unknown as BackupResult,
            async finish(outcome) {
              req.end(`${JSON.stringify(outcome)}\n`);
              const answer = await read();
              if (answer.ok !== true) {
                throw new BackupError(String(answer.error ?? 'The running server did not confirm the move.'));
              }
            },
          });
        }, reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      if (['ENOENT', 'ECONNREFUSED', 'ENOTSOCK', 'ENAMETOOLONG'].includes(error.code ?? ''))
        resolve(undefined);
      else reject(error);
    });
    req.write(`${JSON.stringify({ dir, key: key.toString('base64') })}\n`);
  });
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
  /** How the server pauses for a move; without it (a command holding the folder), a move is refused. */
  move?: MoveHooks;
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
  let moving = false;
  const server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && req.url === '/status') return reply(200, { pid: process.pid });
    if (req.method === 'POST' && req.url === '/move') {
      const hooks = deps.move;
      if (!hooks || moving) {
        req.resume();
        return reply(409, {
          error: hooks
            ? 'A move of this program is already under way.'
            : 'The process holding the data folder cannot pause for a move: stop it and try again.',
        });
      }
      moving = true;
      running = serveMove(req, res, deps, hooks).finally(() => {
        moving = false;
      });
      return;
    }
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
      // A move's request stays open while the copy is restored elsewhere, minutes for a large program.
      server.requestTimeout = 0;
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

/**
 * One move, over one request: the first line asks (folder, key); the server
 * pauses, writes the snapshot and answers with it; the second line says how
 * the move ended. A connection that closes first counts as not moved.
 */
async function serveMove(
  req: IncomingMessage,
  res: ServerResponse,
  deps: { db: Database; log: Logger },
  hooks: MoveHooks,
): Promise<void> {
  const next = lineReader(req);
  // The command may be gone by the time the answer is written (that is how an abandoned move ends).
  res.on('error', () => {});
  const send = (body: unknown) => res.write(`${JSON.stringify(body)}\n`);
  let asked: { dir?: unknown; key?: unknown } = {};
  try {
    asked = JSON.parse((await next()) ?? '');
  } catch {}
  const key = Buffer.from(String(asked.key), 'base64');
  if (typeof asked.dir !== 'string' || !isAbsolute(asked.dir) || key.length !== 32) {
    res.writeHead(400, { 'content-type': 'application/x-ndjson' });
    send({ error: 'A move request names an absolute folder and a 32-byte key.' });
    res.end();
    return;
  }
  let paused = false;
  try {
    await hooks.pause();
    paused = true;
    deps.log.info('paused for a move to PostgreSQL');
    const made = await takeBackup(deps.db, key, asked.dir, { xids: true });
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    send(made);
    let outcome: { moved?: unknown; to?: unknown } = {};
    try {
      outcome = JSON.parse((await next()) ?? '');
    } catch {}
    if (outcome.moved === true && typeof outcome.to === 'string') {
      await hooks.moved(outcome.to);
      deps.log.info('the program moved to PostgreSQL: this server answers 503 until it is stopped');
    } else {
      paused = false;
      await hooks.resume();
      deps.log.info('the move did not happen: serving again');
    }
    send({ ok: true });
    res.end();
  } catch (error) {
    if (paused) await hooks.resume().catch(() => {});
    deps.log.error({ err: { name: (error as Error).name } }, 'move for the command line failed');
    // The command line shows this to the operator; a database error's text is not sent.
    const what =
      error instanceof BackupError
        ? error.message
        : `${(error as { code?: string }).code ?? 'unexpected error'}`;
    const body = {
      error: `The running server could not make the move's snapshot (${what}); it serves on as before.`,
    };
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/x-ndjson' });
    send(body);
    res.end();
  }
}
