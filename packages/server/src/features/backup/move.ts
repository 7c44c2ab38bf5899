import { randomBytes } from 'node:crypto';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import type { Config } from '../../config.js';
import { DatabaseMovedError, markMoved, refuseIfMoved } from '../../db/moved.js';
import { openDatabase } from '../../db/open.js';
import { openPostgres } from '../../db/postgres.js';
import type { Database } from '../../db/types.js';
import { createLogger } from '../../log.js';
import { auditSeal, withAuditKey } from '../audit/key.js';
import { verifyAuditChains } from '../audit/verify.js';
import { BackupError, type BackupResult, takeBackup } from './backup.js';
import { ident } from './catalog.js';
import { DataDirInUseError, moveThroughServer, type ServerMove, startControl } from './control.js';
import type { Manifest } from './manifest.js';
import { totalRows } from './manifest.js';
import { RestoreError, restoreBackup, targetState } from './restore.js';
import { BackupFileError } from './sealed.js';

type Say = (line: string) => void;

/** A move refused before anything changed, or one that could not finish: said plainly, without a stack. */
export class MoveError extends Error {}

const n = (count: number) => count.toLocaleString('en');
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** The address with its password (in the user part or as `?password=`) shown as ***: safe to print and to log. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString().replaceAll('%2A%2A%2A', '***');
  } catch {
    return 'postgres://…';
  }
}

/** A word for the shell: quoted unless it is plainly safe. */
const shellWord = (word: string) =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;

/** Why a connection to `url` failed, for a person: no stack, no password, no driver text. */
function connectionProblem(error: unknown, url: URL, masked: string): string {
  const code = String((error as { code?: unknown }).code ?? '');
  const where = `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || url.username;
  const known: Record<string, string> = {
    ECONNREFUSED: `Nothing answers at ${where}: is PostgreSQL running there, and listening on that port?`,
    ENOTFOUND: `There is no machine named ${url.hostname}: check the address.`,
    EAI_AGAIN: `The name ${url.hostname} cannot be looked up just now: check the network and the address.`,
    ETIMEDOUT: `${where} did not answer in time: check the address and any firewall between.`,
    EHOSTUNREACH: `${where} cannot be reached from here: check the address and the network.`,
    '28P01': `PostgreSQL at ${where} refused the user name or password in the address.`,
    '28000': `PostgreSQL at ${where} does not let this user connect from here (pg_hba.conf).`,
    '3D000': `There is no database "${database}" at ${where}: make an empty one first (createdb -O <user> ${database}).`,
    '53300': `PostgreSQL at ${where} has no free connection: try again, or raise max_connections.`,
  };
  const timeout = /timeout/i.test(String((error as Error).message ?? ''));
  return `Cannot move to ${masked}: ${known[code] ?? (timeout ? known.ETIMEDOUT : `the connection failed (${code || 'no answer'}).`)} Nothing was changed.`;
}

/** Checks the address and the server behind it, before anything is paused or copied. */
async function checkTarget(rawUrl: string): Promise<{ masked: string; server: string }> {
  let url: URL;
  try {
    url = new URL(rawUrl);
    if (!/^postgres(ql)?:$/.test(url.protocol)) throw new Error('not postgres');
  } catch {
    throw new MoveError(
      `${maskUrl(rawUrl) === 'postgres://…' ? 'That' : maskUrl(rawUrl)} is not a PostgreSQL address. Give one like postgres://puente:PASSWORD@db.example.org:5432/puente (an empty database). Nothing was changed.`,
    );
  }
  const masked = maskUrl(rawUrl);
  const client = new pg.Client({ connectionString: rawUrl, connectionTimeoutMillis: 15_000 });
  // An error after connect (the server going away) must not crash the command: the query below reports it.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new MoveError(connectionProblem(error, url, masked));
  }
  try {
    const { rows } = await client.query<{ version: string; num: string; create: boolean; user: string }>(
      `select current_setting('server_version') as version, current_setting('server_version_num') as num,
              has_schema_privilege('public', 'CREATE') as create, current_user as user`,
    );
    const row = rows[0];
    if (!row || Number(row.num) < 150_000) {
      throw new MoveError(
        `${masked} runs PostgreSQL ${row?.version ?? '?'}; Puente needs 15 or newer. Nothing was changed.`,
      );
    }
    if (!row.create) {
      throw new MoveError(
        `The user ${row.user} may not create tables in ${masked}: make it the database's owner (createdb -O ${row.user} …). Nothing was changed.`,
      );
    }
    return { masked, server: `PostgreSQL ${row.version.split(' ')[0]}` };
  } finally {
    await client.end().catch(() => {});
  }
}

/** Spends transaction ids in short transactions, a million per statement. */
const SPEND_PER_STATEMENT = 1_000_000n;

/**
 * Makes `db` hand out transaction ids from `next` on, if it is not past it
 * already. A sync cursor names the oldest transaction still running at a pull
 * (sync/pull.ts), and a move carries the sync log's transaction ids as they
 * were: once the new database's ids are past the old ones, a phone's cursor
 * from before the move, and every cursor after it, compare as they did.
 * Returns how many ids were spent.
 */
export async function advanceTransactionIds(db: Database, next: bigint, say?: Say): Promise<bigint> {
  const current = async () =>
    BigInt(
      (await db.query<{ next: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as next'))[0]
        ?.next ?? '0',
    );
  const start = await current();
  let spent = 0n;
  for (let gap = next - start; gap > 0n; gap = next - (await current())) {
    const batch = gap < SPEND_PER_STATEMENT ? gap : SPEND_PER_STATEMENT;
    say?.(`  moving PostgreSQL's transaction ids on past the embedded database's: ${n(Number(gap))} to go`);
    // Each loop turn is a transaction of its own (a DO block may commit); nothing is written but the ids' use.
    await db.exec(
      `do $$ begin
         perform set_config('synchronous_commit', 'off', false);
         for i in 1..${batch.toString()} loop perform pg_current_xact_id(); commit; end loop;
         perform set_config('synchronous_commit', 'on', false);
       end $$`,
    );
    spent += batch;
  }
  return spent;
}

/** Rows per table in `db` now, for the tables a manifest lists. */
async function countsOf(db: Database, manifest: Manifest): Promise<Map<string, number>> {
  const rows = await db.query<{ name: string; n: number }>(
    manifest.tables
      .map((t, i) => `select $${i + 1}::text as name, (select count(*) from ${ident(t.name)})::float8 as n`)
      .join(' union all '),
    manifest.tables.map((t) => t.name),
  );
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

/** The files beside the database that the program goes on using, found where this configuration says. */
async function keptFiles(config: Config): Promise<string[]> {
  const files = [
    config.twoFactorKey ? undefined : join(config.dataDir, 'two-factor.key'),
    config.auditKey ? undefined : config.auditKeyFile,
    config.auditCheckpointFile,
    config.backup.key ? undefined : config.backup.keyFile,
  ];
  const kept: string[] = [];
  for (const file of files) if (file && (await exists(file))) kept.push(file);
  return kept;
}

/** The snapshot, from the running server (paused for it) or from the folder itself; and how to end either. */
interface Source {
  made: BackupResult;
  by: string;
  /** Whether a server runs on the folder (paused now), to be stopped before the new one starts. */
  served: boolean;
  /** Moved: the folder is marked and the server stays paused; not moved: everything as before. */
  finish(outcome: { moved: true; to: string } | { moved: false }): Promise<void>;
}

async function snapshot(config: Config, dir: string, key: Buffer): Promise<Source> {
  const served: ServerMove | undefined = await moveThroughServer(config.dataDir, dir, key);
  if (served) {
    return {
      made: served.made,
      by: 'the running server paused (every request is answered 503 until it is stopped) and wrote it',
      served: true,
      finish: (outcome) => served.finish(outcome),
    };
  }
  const db = await openDatabase({ dataDir: config.dataDir, poolSize: 1 });
  // While this command holds the folder, a server starting on it is refused, as a running one would be.
  const control = await startControl({ db, dataDir: config.dataDir, log: createLogger('silent') }).catch(
    async (error: unknown) => {
      await db.close();
      throw error;
    },
  );
  const release = async () => {
    await control.stop();
    await db.close();
  };
  try {
    const made = await takeBackup(db, key, dir, { xids: true });
    if (!made) throw new BackupError('The embedded database could not be read.');
    return {
      made,
      by: 'no server runs on the folder: this command read it',
      served: false,
      async finish(outcome) {
        try {
          if (outcome.moved) await markMoved(config.dataDir, outcome.to);
        } finally {
          await release();
        }
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

const asIs = [BackupError, BackupFileError, RestoreError, MoveError, DataDirInUseError, DatabaseMovedError];

/**
 * `puente move-to-postgres DATABASE_URL`: copies the embedded program in
 * DATA_DIR into an empty PostgreSQL database, through the backup format (a
 * snapshot sealed with a key made for this move and forgotten after it, in a
 * 0700 folder inside the data folder, deleted at the end), with the sync
 * log's transaction ids; restores it, checks every table's count, moves the
 * new database's transaction ids past the old ones, verifies the audit chains
 * and prints the next start command. Exit 0 when moved; 1 when refused or
 * stopped before the copy was kept (the embedded program goes on as before);
 * 3 when copied but the copy did not verify (the embedded program goes on; the
 * copy is left in PostgreSQL to be looked at, and must be emptied before
 * trying again).
 */
export async function moveCommand(config: Config, url: string, say: Say): Promise<number> {
  let source: Source | undefined;
  let dir: string | undefined;
  let target: Database | undefined;
  try {
    if (config.databaseUrl) {
      throw new MoveError(
        'DATABASE_URL is set, so this Puente already runs on PostgreSQL. move-to-postgres copies the embedded database in DATA_DIR: run it with the settings the embedded program runs with.',
      );
    }
    await refuseIfMoved(config.dataDir);
    if (!(await exists(join(config.dataDir, 'PG_VERSION')))) {
      throw new MoveError(
        `There is no embedded database in ${config.dataDir}: nothing to move. Set DATA_DIR to the folder the program runs on.`,
      );
    }
    const { masked, server } = await checkTarget(url);
    target = await openPostgres(url, 2);
    const state = await targetState(target);
    // Puente's tables without a row (`puente migrate` run on it) count as empty, as they do for a restore.
    if (state.holdsData) {
      throw new MoveError(
        `${masked} already holds data${state.organizations > 0 ? ` (${state.organizations} organization${state.organizations === 1 ? '' : 's'})` : ''}: ` +
          'a program moves only into an empty database (createdb makes one). Nothing was changed.',
      );
    }
    say(`Moving the program in ${config.dataDir} to ${masked} (${server}).`);

    const started = performance.now();
    dir = await mkdtemp(join(config.dataDir, '.move-'));
    const key = randomBytes(32);
    source = await snapshot(config, dir, key);
    const m = source.made.manifest;
    say(
      `  Snapshot as of ${m.createdAt}: ${n(totalRows(m))} rows in ${m.tables.length} tables; ${source.by}.`,
    );
    const report = await restoreBackup(target, source.made.file, key);
    await rm(dir, { recursive: true, force: true });
    dir = undefined;

    const now = await countsOf(target, m);
    const width = Math.max(...m.tables.map((t) => t.name.length), 5);
    say(`  ${'table'.padEnd(width)}  ${'embedded'.padStart(10)}  ${'postgres'.padStart(10)}`);
    const differ = m.tables.filter((t) => now.get(t.name) !== t.rows);
    for (const t of m.tables.filter((x) => x.rows > 0 || (now.get(x.name) ?? 0) > 0)) {
      const mark = now.get(t.name) === t.rows ? '' : '  DIFFERS';
      say(
        `  ${t.name.padEnd(width)}  ${n(t.rows).padStart(10)}  ${n(now.get(t.name) ?? 0).padStart(10)}${mark}`,
      );
    }
    const empty = m.tables.filter((t) => t.rows === 0 && now.get(t.name) === 0).length;
    say(`  … and ${empty} empty tables, empty in both.`);
    if (report.upgraded.length > 0) say(`  Brought up to this version: ${report.upgraded.join(', ')}.`);
    if (differ.length > 0 && report.upgraded.length === 0) {
      return await failed(source, say, masked, `${differ.length} table counts differ from the snapshot's`);
    }
    say(
      differ.length === 0
        ? '  Every count matches the snapshot; the sequences go on from where they were.'
        : `  ${differ.length} table counts differ from the snapshot's, as the migrations above changed them (the restore matched every count before they ran); the sequences go on from where they were.`,
    );

    if (m.xids) {
      const spent = await advanceTransactionIds(target, BigInt(m.xids.next), say);
      say(
        spent > 0n
          ? `  Spent ${n(Number(spent))} transaction ids so PostgreSQL's run on past the embedded database's: phones' sync positions hold.`
          : `  PostgreSQL's transaction ids are already past the embedded database's: phones' sync positions hold.`,
      );
    }

    if (!config.auditKey && !(await exists(config.auditKeyFile))) {
      return await failed(
        source,
        say,
        masked,
        `there is no audit key (AUDIT_KEY, or the file ${config.auditKeyFile}) to verify the audit chains with; run this command with the settings the program runs with`,
      );
    }
    const chains = await verifyAuditChains(target, auditSeal(await withAuditKey(config)));
    for (const c of chains) {
      say(
        c.ok
          ? `  Audit chain ok      ${c.orgId}  ${n(c.events)} events`
          : `  Audit chain BROKEN  ${c.orgId}  at place ${c.brokenAt?.position} (${c.brokenAt?.reason}) after ${c.events} good events`,
      );
    }
    if (!chains.every((c) => c.ok)) return await failed(source, say, masked, 'an audit chain did not verify');

    await source.finish({ moved: true, to: masked });
    const { served } = source;
    source = undefined;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    say(`Moved in ${seconds} s. The program now lives in ${masked}.`);
    say(
      `The embedded database stays in ${config.dataDir} as it was at the move, marked moved: Puente refuses to start on it\n` +
        'without DATABASE_URL. Delete it (everything in the folder but the files below) once the new program runs well.',
    );
    say(
      served
        ? 'Stop the server on the data folder now (it has answered 503 since the move, and phones keep their changes\n' +
            'until the new one answers), then start Puente with the settings it has now, plus DATABASE_URL:'
        : 'Start Puente with the settings it has now, plus DATABASE_URL:',
    );
    say('');
    say(`  DATA_DIR=${shellWord(config.dataDir)} DATABASE_URL=${shellWord(masked)} puente start`);
    say('');
    say(
      '(*** stands for the password, which this command does not print.) Keep DATA_DIR as it is: the new program goes on\n' +
        'using the files kept in and beside it, which the move leaves where they are:',
    );
    for (const file of await keptFiles(config)) say(`  ${file}`);
    say('Phones keep their place: their next sync brings only what changed, and what they send is taken.');
    return 0;
  } catch (error) {
    await source?.finish({ moved: false }).catch(() => {});
    if (error instanceof RestoreError || error instanceof BackupFileError) {
      say(`${error.message}\nThe program goes on on the embedded database.`);
      return 1;
    }
    if (asIs.some((k) => error instanceof k)) {
      say((error as Error).message);
      return 1;
    }
    throw error;
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
    await target?.close();
  }
}

/** The copy did not hold: the embedded program serves again, and the copy stays for a look. */
async function failed(source: Source, say: Say, masked: string, why: string): Promise<number> {
  await source.finish({ moved: false });
  say(
    `The move did not finish: ${why}. The program goes on on the embedded database, as before.\n` +
      `The copy is left in ${masked} to be looked at; empty it (dropdb, then createdb) before trying again.`,
  );
  return 3;
}
