import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';
/** The ports these throwaway clusters may take: the machine's own cluster (5432) is never touched. */
const PORTS = [5440, 5441, 5442, 5443, 5444, 5445, 5446, 5447, 5448, 5449];

/** PostgreSQL's tools refuse to run as root (CI runs as root): they run as the postgres user. */
const asPostgres = (tool: string, args: string[]) =>
  run('runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args], { timeout: 60_000 });

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * Claims `n` ports of PORTS for this process: test files run side by side, and
 * a probe alone would let two of them pick the same free port before either
 * listens. A claim is a file made exclusively, naming its process; one whose
 * process is gone is taken over. `release` gives them back.
 */
async function freePorts(n: number): Promise<number[]> {
  const free: number[] = [];
  for (const port of PORTS) {
    if (free.length === n) break;
    if ((await claim(port)) && (await portFree(port))) free.push(port);
    else if (claimed.has(port)) await release([port]);
  }
  if (free.length < n) {
    await release(free);
    throw new Error(`fewer than ${n} free ports in 5440–5449`);
  }
  return free;
}

const claimed = new Set<number>();
const claimFile = (port: number) => join(tmpdir(), `puente-test-port-${port}.claim`);

async function claim(port: number): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(claimFile(port), String(process.pid), { flag: 'wx' });
      claimed.add(port);
      return true;
    } catch {
      const owner = Number((await readFile(claimFile(port), 'utf8').catch(() => '')).trim());
      if (owner > 0 && alive(owner)) return false;
      await rm(claimFile(port), { force: true });
    }
  }
  return false;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function release(ports: readonly number[]): Promise<void> {
  for (const port of ports) {
    if (!claimed.delete(port)) continue;
    await rm(claimFile(port), { force: true });
  }
}

async function sqlOn(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export interface Bouncer {
  /** `postgres://…` of the primary's `puente` database through PgBouncer. */
  url: string;
  stop(): Promise<void>;
}

/**
 * PgBouncer (Debian's package) in transaction mode in front of `target`
 * (host, port and database of a cluster that trusts loopback), with two
 * server connections, so clients' transactions share and swap them.
 */
export async function startBouncer(target: { port: number; dbname: string }): Promise<Bouncer> {
  const dir = await mkdtemp(join(tmpdir(), 'puente-bouncer-'));
  const [port] = await freePorts(1);
  const ini = join(dir, 'pgbouncer.ini');
  await writeFile(
    ini,
    [
      '[databases]',
      `puente = host=127.0.0.1 port=${target.port} dbname=${target.dbname} user=postgres`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      `unix_socket_dir = ${dir}`,
      'auth_type = any',
      'pool_mode = transaction',
      'default_pool_size = 2',
      'max_client_conn = 100',
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      '',
    ].join('\n'),
  );
  const { uid, gid } = await postgresIds();
  await chown(dir, uid, gid);
  await chown(ini, uid, gid);
  // PgBouncer refuses to run as root; -d: it detaches once listening.
  await run('runuser', ['-u', 'postgres', '--', '/usr/sbin/pgbouncer', '-d', ini], { timeout: 30_000 });
  // The daemon listens a moment after its parent returns.
  for (let i = 0; i < 200 && (await portFree(port as number)); i++)
    await new Promise((r) => setTimeout(r, 25));
  return {
    url: `postgres://postgres@127.0.0.1:${port}/puente`,
    async stop() {
      const pid = Number((await readFile(join(dir, 'pgbouncer.pid'), 'utf8').catch(() => '')).trim());
      if (pid > 0) process.kill(pid, 'SIGTERM');
      await rm(dir, { recursive: true, force: true });
      await release([port as number]);
    },
  };
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  return {
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  };
}

export interface StreamingPair {
  primaryUrl: string;
  primaryPort: number;
  replicaUrl: string;
  /** The replica stops applying WAL (it keeps receiving it): reads there show the past. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stopReplica(): Promise<void>;
  startReplica(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL 15 primary and a streaming replica of it on loopback,
 * in a temporary folder, for tests of read routing (db/replica.ts). Trust
 * authentication on 127.0.0.1 only; both are stopped and deleted by `stop`.
 */
export async function startStreamingPair(): Promise<StreamingPair> {
  const dir = await mkdtemp(join(tmpdir(), 'puente-replica-'));
  const { uid, gid } = await postgresIds();
  await chmod(dir, 0o700);
  await chown(dir, uid, gid);
  const [primaryPort, replicaPort] = await freePorts(2);
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  const options = (port: number | undefined) =>
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=16MB -c max_connections=40`;
  const start = (data: string, port: number | undefined, log: string) =>
    asPostgres('pg_ctl', ['-D', data, '-o', options(port), '-l', join(dir, log), '-w', '-t', '30', 'start']);

  const stopAll = async () => {
    for (const data of [replicaDir, primaryDir]) {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
    }
    await rm(dir, { recursive: true, force: true });
    await release([primaryPort, replicaPort] as number[]);
  };
  const primary = `postgres://postgres@127.0.0.1:${primaryPort}`;
  const replica = `postgres://postgres@127.0.0.1:${replicaPort}`;
  try {
    await makePair();
  } catch (error) {
    // Nothing of a start that failed half-way is left running.
    await stopAll();
    throw error;
  }
  const onReplica = (sql: string) => sqlOn(`${replica}/postgres`, sql);

  async function makePair() {
    await asPostgres('initdb', [
      '-D',
      primaryDir,
      '--auth=trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    await start(primaryDir, primaryPort, 'primary.log');
    await sqlOn(`${primary}/postgres`, 'create database puente');
    // -R writes standby.signal and the primary's address: the copy starts as a hot standby.
    await asPostgres('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    await start(replicaDir, replicaPort, 'replica.log');
  }

  return {
    primaryUrl: `${primary}/puente`,
    primaryPort: primaryPort as number,
    replicaUrl: `${replica}/puente`,
    pauseReplay: async () => {
      await onReplica('select pg_wal_replay_pause()');
    },
    resumeReplay: async () => {
      await onReplica('select pg_wal_replay_resume()');
    },
    stopReplica: async () => {
      await asPostgres('pg_ctl', ['-D', replicaDir, '-m', 'immediate', '-w', 'stop']);
    },
    startReplica: async () => {
      await start(replicaDir, replicaPort, 'replica.log');
    },
    stop: stopAll,
  };
}
