import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { checksumOf, loadMigrations } from '../db/migrate.js';
import type { Database, Queryable } from '../db/types.js';

/**
 * Earlier releases as they left a database: their migrations (from
 * src/db/fixtures/previous-releases.json, written by
 * scripts/previous-release-fixture.ts) and the way their code wrote the audit
 * chain. The upgrade test and the upgrade benchmark start from these.
 */
export interface PreviousRelease {
  commit: string;
  date: string;
  /** Their migrations, exactly as released. */
  migrations: { name: string; version: number; sql: string; checksum: string }[];
  /**
   * How that code chained audit events: `inline`, each event hashed as it was
   * inserted under the organization's lock (before 0014); `linked`, inserted
   * unlinked and linked after commit by the server's linker (0014 on). Both
   * hashed with plain SHA-256: keyed chains came later.
   */
  audit: 'inline' | 'linked';
}

interface Fixture {
  releases: {
    commit: string;
    date: string;
    migrations: { name: string; checksum: string; sql?: string }[];
  }[];
}

const fixture = new URL('../db/fixtures/previous-releases.json', import.meta.url);

/**
 * The releases of the fixture. A migration kept without its SQL is read from
 * today's file, which must still be the released text byte for byte: an
 * applied migration never changes (add a new one), so this fails loudly if one did.
 */
export async function previousReleases(): Promise<PreviousRelease[]> {
  const { releases } = JSON.parse(await readFile(fixture, 'utf8')) as Fixture;
  const today = new Map((await loadMigrations()).map((m) => [m.name, m.sql]));
  return releases.map((r) => ({
    commit: r.commit,
    date: r.date,
    audit: r.migrations.some((m) => m.name.startsWith('0014_')) ? 'linked' : 'inline',
    migrations: r.migrations.map((m) => {
      const sql = m.sql ?? today.get(m.name);
      if (sql === undefined || checksumOf(sql) !== m.checksum) {
        throw new Error(
          `Migration ${m.name} is no longer the text release ${r.commit.slice(0, 7)} applied. ` +
            'An applied migration must not change: add a new one, or accept the earlier text (CONTRIBUTING.md).',
        );
      }
      return { name: m.name, version: Number(m.name.slice(0, 4)), sql, checksum: m.checksum };
    }),
  }));
}

/** Applies a release's migrations as its own migrator did: one transaction, one schema_migration row each. */
export async function applyRelease(db: Database, release: PreviousRelease): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`create table schema_migration (
      version integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    for (const m of release.migrations) {
      await tx.exec(m.sql);
      await tx.query('insert into schema_migration (version, name, checksum) values ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
    }
  });
}

/** JSON with sorted keys, as core's canonicalJson was when these releases hashed their chains. */
function releasedCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(releasedCanonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${releasedCanonicalJson(v)}`).join(',')}}`;
}

/** One audit event as those releases hashed it (the fields of their AuditRow but the hashes). */
export interface ReleasedEvent {
  orgId: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

/** Those releases' auditHash: plain SHA-256 of the previous hash and the event. */
export function releasedHash(event: ReleasedEvent, prevHash: string): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(releasedCanonicalJson(event))
    .digest('hex');
}

export const GENESIS = 'genesis';

/** Appends events to an organization's chain as the `inline` releases did: numbered 1, 2, 3… and hashed on insert. */
export async function insertInline(tx: Queryable, events: ReleasedEvent[], head: { hash: string }) {
  const hashes: string[] = [];
  const prevs: string[] = [];
  for (const e of events) {
    prevs.push(head.hash);
    head.hash = releasedHash(e, head.hash);
    hashes.push(head.hash);
  }
  await tx.query(
    `insert into audit_event (org_id, seq, at, actor_id, actor_role, action, subject_type, subject_id, ip, detail,
        prev_hash, hash)
     select org, seq, at, actor, role, action, st, sid, ip, detail, prev, hash
       from unnest($1::uuid[], $2::bigint[], $3::timestamptz[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                   $8::text[], $9::text[], $10::jsonb[], $11::text[], $12::text[])
         as t(org, seq, at, actor, role, action, st, sid, ip, detail, prev, hash)`,
    [
      events.map((e) => e.orgId),
      events.map((e) => e.seq),
      events.map((e) => e.at),
      events.map((e) => e.actorId),
      events.map((e) => e.actorRole),
      events.map((e) => e.action),
      events.map((e) => e.subjectType),
      events.map((e) => e.subjectId),
      events.map((e) => e.ip),
      events.map((e) => JSON.stringify(e.detail)),
      prevs,
      hashes,
    ],
  );
}

/** Inserts events as the `linked` releases did: unlinked, numbered by the sequence; `linkReleased` chains them. */
export async function insertUnlinked(tx: Queryable, events: Omit<ReleasedEvent, 'seq'>[]) {
  await tx.query(
    `insert into audit_event (org_id, at, actor_id, actor_role, action, subject_type, subject_id, ip, detail)
     select org, at, actor, role, action, st, sid, ip, detail
       from unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                   $8::text[], $9::jsonb[]) with ordinality as t(org, at, actor, role, action, st, sid, ip, detail, n)
      order by n`,
    [
      events.map((e) => e.orgId),
      events.map((e) => e.at),
      events.map((e) => e.actorId),
      events.map((e) => e.actorRole),
      events.map((e) => e.action),
      events.map((e) => e.subjectType),
      events.map((e) => e.subjectId),
      events.map((e) => e.ip),
      events.map((e) => JSON.stringify(e.detail)),
    ],
  );
}

/**
 * The `linked` releases' linker: the organization's unlinked events in the order
 * they were written, each given the next place and hashed after the one before.
 */
export async function linkReleased(db: Database, orgId: string): Promise<number> {
  const rows = await db.query<Omit<ReleasedEvent, 'at'> & { at: Date | string }>(
    `select org_id as "orgId", seq::float8 as seq, at, actor_id as "actorId", actor_role as "actorRole", action,
            subject_type as "subjectType", subject_id as "subjectId", ip, detail
       from audit_event where org_id = $1 and link is null order by seq`,
    [orgId],
  );
  const [last] = await db.query<{ link: number; hash: string }>(
    'select link::float8 as link, hash from audit_event where org_id = $1 and link is not null order by link desc limit 1',
    [orgId],
  );
  let prev = last?.hash ?? GENESIS;
  let link = last?.link ?? 0;
  const update = { seq: [] as number[], link: [] as number[], prev: [] as string[], hash: [] as string[] };
  for (const row of rows) {
    const hash = releasedHash({ ...row, at: new Date(row.at).toISOString() }, prev);
    update.seq.push(row.seq);
    update.link.push(++link);
    update.prev.push(prev);
    update.hash.push(hash);
    prev = hash;
  }
  await db.query(
    `update audit_event a set link = u.link, prev_hash = u.prev, hash = u.hash
       from unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[]) as u(seq, link, prev, hash)
      where a.org_id = $1 and a.seq = u.seq`,
    [orgId, update.seq, update.link, update.prev, update.hash],
  );
  return rows.length;
}
