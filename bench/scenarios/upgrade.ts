import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, migrate, openPglite, openPostgres, type Queryable } from '@puente/server';
import {
  applyRelease,
  fillPreviousRelease,
  loadMigrations,
  type Migration,
  previousReleases,
} from '@puente/server/testing';
import pg from 'pg';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { summarize, type Timing } from '../lib/stats.js';
import { sizes } from './reports.js';

/** Tables a program writes all day, whose locks an upgrade must not hold for long. */
const watched = ['encounter', 'client', 'screening', 'consent', 'task', 'referral', 'audit_event'];

interface Span {
  kind: 'schema' | 'batch' | 'other';
  /** A batch's migration (the version its progress row names). */
  version?: number;
  ms: number;
}

/**
 * Every transaction `migrate` runs, timed and told apart by its first statement
 * (the schema's advisory lock, a back-fill's progress row); each migration's SQL
 * inside a schema transaction is timed too. A transaction's locks are held until it
 * ends, so its length is how long it may hold them.
 */
function timed(db: Database, migrations: Migration[], spans: Span[], each: Map<string, number>): Database {
  const names = new Map(migrations.map((m) => [m.sql, m.name]));
  return {
    ...db,
    transaction: async (work) => {
      let kind: Span['kind'] | undefined;
      let version: number | undefined;
      const started = performance.now();
      try {
        return await db.transaction((tx) => {
          const watchedTx: Queryable = {
            query: (sql, params) => {
              const text = typeof sql === 'string' ? sql : sql.text;
              if (kind === undefined) {
                kind = text.includes('pg_advisory_xact_lock')
                  ? 'schema'
                  : text.includes('from schema_backfill where version')
                    ? 'batch'
                    : 'other';
                if (kind === 'batch') version = Number(params?.[0]);
              }
              return tx.query(sql, params);
            },
            exec: async (sql) => {
              const t = performance.now();
              await tx.exec(sql);
              const name = names.get(sql);
              if (name) each.set(name, performance.now() - t);
            },
          };
          return work(watchedTx);
        });
      } finally {
        spans.push({
          kind: kind ?? 'other',
          ms: performance.now() - started,
          ...(version ? { version } : {}),
        });
      }
    },
  };
}

/**
 * How long a write to each watched table waits while the upgrade runs, from
 * other connections (other servers), one per table so a write stuck on one
 * table does not hide the others: each takes the lock an insert takes, then lets
 * go at once, over and over. PostgreSQL only; PGlite has one connection.
 */
function probeWrites(url: string) {
  const waits = new Map(watched.map((t) => [t, [] as number[]]));
  let stopping = false;
  const running = watched.map(async (table) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // At least once, so even an upgrade over before the first probe gives each table a figure.
      do {
        const started = performance.now();
        await client.query('begin');
        await client.query(`lock table ${table} in row exclusive mode`);
        await client.query('rollback');
        waits.get(table)?.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 50));
      } while (!stopping);
    } finally {
      await client.end();
    }
  });
  return {
    async stop() {
      stopping = true;
      await Promise.all(running);
      return waits;
    },
  };
}

/** Rows in each table, to check the upgrade kept them all. */
async function counts(db: Queryable, tables: string[]): Promise<Record<string, number>> {
  const [row] = await db.query<Record<string, number>>(
    `select ${tables.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`,
  );
  return row ?? {};
}

interface Run {
  seconds: number;
  spans: Span[];
  each: Map<string, number>;
  waits?: Map<string, number[]>;
}

async function upgrade(db: Database, url: string | undefined, migrations: Migration[]): Promise<Run> {
  const spans: Span[] = [];
  const each = new Map<string, number>();
  const probe = url ? probeWrites(url) : undefined;
  const started = performance.now();
  await migrate(timed(db, migrations, spans, each), migrations);
  const seconds = (performance.now() - started) / 1000;
  const waits = await probe?.stop();
  return { seconds, spans, each, ...(waits ? { waits } : {}) };
}

const round = (n: number) => Math.round(n);

/**
 * Upgrading a program from the last release before the report rollups (382be83:
 * migrations 0001–0009 and 0011–0013) to this version: a database as that release
 * left it, holding the reports scenario's program of the asked size (size L: 100,000
 * people, about a million encounters, and the audit trail of all of it) written in that
 * release's columns, then today's `migrate()`. It times the whole upgrade, every
 * transaction (the longest is the longest any lock is held) and, on PostgreSQL, how long
 * a write to each busy table from another connection waited meanwhile. On PostgreSQL a
 * copy of the same database is also upgraded without batches (0010 and 0014 as first
 * released, everything in one transaction), for comparison. Budget: no transaction
 * holds its locks for more than a few seconds.
 */
export async function upgradeScenario({ bench, size, quick }: ScenarioContext): Promise<ScenarioResult> {
  // The release before 0010, and a later one whose texts of 0010 and 0014 are the ones first released.
  const [release, withRollups] = await previousReleases();
  if (!release || release.migrations.some((m) => m.name.startsWith('0010_')))
    throw new Error('The first previous release in the fixture must be one before 0010');
  const today = await loadMigrations();
  const s = sizes[size];
  const programs = [
    s,
    { chws: 2, clients: Math.ceil(s.clients / 100), encounters: Math.ceil(s.encounters / 100) },
  ];

  let db = bench.db;
  const url = bench.env.DATABASE_URL;
  let dir: string | undefined;
  if (db.kind === 'postgres') {
    await db.query('drop schema public cascade');
    await db.query('create schema public');
  } else {
    dir = await mkdtemp(join(tmpdir(), 'puente-upgrade-'));
    db = await openPglite(dir);
  }
  const generated = performance.now();
  await applyRelease(db, release);
  await fillPreviousRelease(db, release, programs, { chunk: 2000 });
  await db.query('analyze');
  const generateSeconds = (performance.now() - generated) / 1000;
  const tables = [...watched, 'goal', 'goal_step', 'referral_event', 'risk_alert', 'session', 'sync_change'];
  const before = await counts(db, tables);

  // The same database upgraded as before back-fills existed, on a copy (PostgreSQL only: a copy is a
  // template): 0010 and 0014 as first released, every migration in one transaction.
  let unbatched: Run | undefined;
  const firstTexts = new Map(
    (withRollups?.migrations ?? [])
      .filter((m) => m.sql !== today.find((t) => t.name === m.name)?.sql)
      .map((m) => [m.name, m.sql]),
  );
  if (db.kind === 'postgres' && url && firstTexts.size > 0 && !quick) {
    await db.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const copy = `${bench.name}_unbatched`;
    await admin.query(`create database ${copy} template ${bench.name}`);
    await admin.end();
    const copyUrl = new URL(url);
    copyUrl.pathname = `/${copy}`;
    const other = await openPostgres(copyUrl.toString(), 10);
    const asReleased = today.map((m) => {
      const sql = firstTexts.get(m.name);
      return sql === undefined ? m : { ...m, sql, backfill: undefined };
    });
    unbatched = await upgrade(other, copyUrl.toString(), asReleased);
    await other.close();
    const dropper = new pg.Client({ connectionString: url });
    await dropper.connect();
    await dropper.query(`drop database ${copy} with (force)`);
    await dropper.end();
    db = await openPostgres(url, 10);
  }

  const run = await upgrade(db, url, today);
  const after = await counts(db, tables);
  const lost = tables.filter((t) => (after[t] ?? -1) < (before[t] ?? 0));
  if (lost.length > 0) throw new Error(`The upgrade lost rows of ${lost.join(', ')}`);
  if (db !== bench.db) await db.close();
  if (dir) await rm(dir, { recursive: true, force: true });

  const longest = (r: Run) => Math.max(...r.spans.map((x) => x.ms));
  const figures: Record<string, Timing> = {
    'schema transaction': summarize(run.spans.filter((x) => x.kind === 'schema').map((x) => x.ms)),
    'back-fill batch, 0010 (1,000 people)': summarize(
      run.spans.filter((x) => x.kind === 'batch' && x.version === 10).map((x) => x.ms),
    ),
    'back-fill batch, 0014 (5,000 audit events)': summarize(
      run.spans.filter((x) => x.kind === 'batch' && x.version === 14).map((x) => x.ms),
    ),
  };
  for (const [table, waits] of run.waits ?? []) figures[`write to ${table} waited`] = summarize(waits);
  if (unbatched) {
    figures['schema transaction, without batches'] = summarize(unbatched.spans.map((x) => x.ms));
    for (const table of ['encounter', 'audit_event']) {
      const waits = unbatched.waits?.get(table);
      if (waits) figures[`write to ${table} waited, without batches`] = summarize(waits);
    }
  }
  const values: Record<string, number> = {
    'upgrade seconds': Math.round(run.seconds * 10) / 10,
    'longest transaction ms': round(longest(run)),
  };
  for (const [table, waits] of run.waits ?? [])
    values[`longest wait to write ${table} ms`] = round(Math.max(...waits));
  for (const [name, ms] of [...run.each].sort((a, b) => b[1] - a[1]).slice(0, 5))
    values[`migration ${name} ms`] = round(ms);
  if (unbatched) {
    values['upgrade seconds, without batches'] = Math.round(unbatched.seconds * 10) / 10;
    values['longest transaction ms, without batches'] = round(longest(unbatched));
    for (const table of ['encounter', 'audit_event']) {
      const waits = unbatched.waits?.get(table);
      if (waits) values[`longest wait to write ${table} ms, without batches`] = round(Math.max(...waits));
    }
    for (const name of firstTexts.keys()) {
      const ms = unbatched.each.get(name);
      if (ms !== undefined) values[`migration ${name} ms, without batches`] = round(ms);
    }
  }
  return {
    data: {
      clients: before.client ?? 0,
      encounters: before.encounter ?? 0,
      auditEvents: before.audit_event ?? 0,
      screenings: before.screening ?? 0,
      consents: before.consent ?? 0,
      referrals: before.referral ?? 0,
      generateSeconds: Math.round(generateSeconds),
    },
    figures,
    values,
  };
}
