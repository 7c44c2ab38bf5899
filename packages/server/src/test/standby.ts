import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chmod, chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * Two throwaway PostgreSQL clusters on loopback, the second a synchronous
 * standby of the first, as the README's failover recipe sets them up, for the
 * failover test. Their data lives in a temp folder; the machine's own cluster
 * (5432) is never touched. Ports come from 5450–5459 only, each test file
 * taking its own part of that range (files run side by side).
 */

const run = promisify(execFile);

/** The newest PostgreSQL's programs (Debian keeps each version in its own folder), or PUENTE_PG_BIN. */
async function newestBin(): Promise<string> {
  const said = process.env.PUENTE_PG_BIN;
  if (said) return said;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? await readdir(root) : [];
  const found = versions
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, 'bin'))
    .find((dir) => existsSync(join(dir, 'pg_ctl')));
  if (!found) throw new Error(`no pg_ctl under ${root}: install postgresql (or set PUENTE_PG_BIN)`);
  return found;
}

/** PostgreSQL's tools refuse to run as root: CI runs as root, so they run as the postgres user there. */
async function asPostgres(bin: string, tool: string, args: string[]): Promise<string> {
  const command = join(bin, tool);
  const [file, argv] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const { stdout } = await run(file, argv, { timeout: 60_000 });
  return stdout;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function freePorts(count: number, [from, to]: readonly [number, number]): Promise<number[]> {
  const free: number[] = [];
  for (let port = from; port <= to && free.length < count; port++) if (await portFree(port)) free.push(port);
  if (free.length < count)
    throw new Error(`ports ${from}–${to} are taken: another failover test may be running`);
  return free;
}

/** The processes whose parent is `parent`, read from /proc (no `ps` needed on a bare machine). */
async function childrenOf(parent: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (name) state ppid …: the name may hold spaces, so read after its closing parenthesis.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === parent) children.push(Number(entry));
  }
  return children;
}

export interface StandbyPair {
  /** Ports of the first primary and of its standby. */
  ports: { primary: number; standby: number };
  /** A multi-host URL naming both, as Puente is given it. */
  url: string;
  /** A URL of one cluster, for checks outside Puente. */
  urlOf(port: number): string;
  /** Kills the primary as a crash would: no checkpoint, no goodbye to clients. */
  killPrimary(): Promise<void>;
  /**
   * Stops every process of the primary (SIGSTOP) as a hung machine or a cut
   * network would: its sockets stay open and nothing answers. remove() kills them.
   */
  freezePrimary(): Promise<void>;
  /** The operator's step: the standby becomes the primary and takes writes. */
  promoteStandby(): Promise<void>;
  remove(): Promise<void>;
}

const DATABASE = 'puente';

async function waitForSyncStandby(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let tries = 0; tries < 300; tries++) {
      const { rows } = await client.query("select 1 from pg_stat_replication where sync_state = 'sync'");
      if (rows.length > 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the standby did not become synchronous within 30 s');
  } finally {
    await client.end();
  }
}

/** Makes the primary (database `puente`, role `puente`, trust on loopback) and its synchronous standby. */
export async function startStandbyPair(ports: readonly [number, number]): Promise<StandbyPair> {
  const bin = await newestBin();
  const [primaryPort = 0, standbyPort = 0] = await freePorts(2, ports);
  const dir = await mkdtemp(join(tmpdir(), 'puente-failover-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(group.trim()));
  }
  await chmod(dir, 0o700);
  const primaryDir = join(dir, 'primary');
  const standbyDir = join(dir, 'standby');
  const urlOf = (port: number) => `postgres://puente@127.0.0.1:${port}/${DATABASE}`;
  const ctl = (data: string, ...args: string[]) =>
    asPostgres(bin, 'pg_ctl', ['-D', data, '-l', `${data}.log`, '-w', '-t', '60', ...args]);
  const started: string[] = [];
  const frozen: number[] = [];
  const remove = async () => {
    for (const pid of frozen) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    for (const data of started) await ctl(data, 'stop', '-m', 'immediate').catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await asPostgres(bin, 'initdb', ['-D', primaryDir, '-U', 'puente', '--auth=trust', '-N', '-E', 'UTF8']);
    // The recipe's settings: every commit waits until the standby has it (synchronous_commit = on).
    await appendFile(
      join(primaryDir, 'postgresql.conf'),
      [
        `port = ${primaryPort}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        "synchronous_standby_names = 'FIRST 1 (standby)'",
        'synchronous_commit = on',
        'max_connections = 50',
        '',
      ].join('\n'),
    );
    await ctl(primaryDir, 'start');
    started.push(primaryDir);
    const admin = new pg.Client({ connectionString: `postgres://puente@127.0.0.1:${primaryPort}/postgres` });
    await admin.connect();
    // Until the standby is attached, a commit would wait for it: the database is made before the setting matters.
    await admin.query('set synchronous_commit = local');
    await admin.query(`create database ${DATABASE}`);
    await admin.end();
    await asPostgres(bin, 'pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'puente',
      '-D',
      standbyDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    // The standby's own settings come last and win: its port, its name on the primary, and no
    // synchronous standby of its own, so that once promoted it takes writes alone.
    await appendFile(
      join(standbyDir, 'postgresql.conf'),
      [`port = ${standbyPort}`, "synchronous_standby_names = ''", ''].join('\n'),
    );
    await appendFile(
      join(standbyDir, 'postgresql.auto.conf'),
      `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=puente application_name=standby'\n`,
    );
    await ctl(standbyDir, 'start');
    started.push(standbyDir);
    await waitForSyncStandby(urlOf(primaryPort));
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    ports: { primary: primaryPort, standby: standbyPort },
    url: `postgres://puente@127.0.0.1:${primaryPort},127.0.0.1:${standbyPort}/${DATABASE}?target_session_attrs=read-write`,
    urlOf,
    killPrimary: async () => {
      await ctl(primaryDir, 'stop', '-m', 'immediate');
    },
    freezePrimary: async () => {
      // The postmaster's id is the first line of its pid file; its children are the backends.
      const postmaster = Number((await readFile(join(primaryDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      const pids = [postmaster, ...(await childrenOf(postmaster))];
      for (const pid of pids) process.kill(pid, 'SIGSTOP');
      frozen.push(...pids);
    },
    promoteStandby: async () => {
      await ctl(standbyDir, 'promote');
    },
    remove,
  };
}
