import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uuidv7 } from '@puente/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { migrate } from '../../db/migrate.js';
import type { Database, Queryable } from '../../db/types.js';
import { createLogger } from '../../log.js';
import { PASSWORD, seedOrg, useApp } from '../../test/app.js';
import { register } from '../../test/caseload.js';
import { engine, freshDatabase, type TestDatabase } from '../../test/database.js';
import { call, signIn } from '../../test/http.js';
import { matrixWorld, visitBody, type World } from '../../test/matrix-world.js';
import { auditSeal } from '../audit/key.js';
import { linkAllChains } from '../audit/link.js';
import { verifyAuditChains } from '../audit/verify.js';
import { type BackupResult, listBackups, takeBackup } from './backup.js';
import { restoreBackup } from './restore.js';
import { fingerprint, untouched } from './testing.js';

// Each restore migrates a database from nothing (PGlite: seconds; more on a busy machine).
const SLOW = 180_000;

const h = useApp();
const key = randomBytes(32);
let w: World;
let dir: string;
let first: BackupResult;
let before: Record<string, string>;
const targets: TestDatabase[] = [];

async function emptyTarget(): Promise<TestDatabase> {
  const t = await freshDatabase({ migrated: false });
  targets.push(t);
  return t;
}

beforeAll(async () => {
  // Two organizations with people, consents, visits, screenings, alerts, referrals, a directory,
  // outreach, partners and FHIR clients, each step audited.
  w = await matrixWorld(h);
  await linkAllChains(h.db, auditSeal(h.config));
  dir = await mkdtemp(join(tmpdir(), 'puente-backups-'));
  before = await fingerprint(h.db);
  const made = await takeBackup(h.db, key, dir);
  if (!made) throw new Error('no backup');
  first = made;
}, 180_000);

afterEach(async () => {
  await Promise.all(targets.splice(0).map((t) => t.drop()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it(
    'writes one sealed file whose manifest counts every table, with each chain head',
    async () => {
      const bytes = await readFile(first.file);
      expect(first.bytes).toBe(bytes.length);
      expect((await stat(first.file)).mode & 0o777).toBe(0o600);
      // Nothing after the header is readable: no name, no table, no email.
      expect(bytes.includes(Buffer.from('Tallowmere'))).toBe(false);
      expect(bytes.includes(Buffer.from('audit_event'))).toBe(false);
      expect(bytes.includes(Buffer.from('matrix.test'))).toBe(false);
      const m = first.manifest;
      expect(m.engine).toBe(h.db.kind);
      expect(m.migrations.length).toBeGreaterThan(20);
      const counted = Object.fromEntries(m.tables.map((t) => [t.name, t.rows]));
      for (const [table, print] of Object.entries(before))
        expect(print).toMatch(new RegExp(`^${counted[table]} rows `));
      expect(counted.client).toBeGreaterThan(0);
      expect(counted.consent).toBeGreaterThan(0);
      expect(counted.screening).toBeGreaterThan(0);
      expect(counted.referral).toBeGreaterThan(0);
      expect(m.auditHeads.map((a) => a.orgId).sort()).toEqual([w.home.orgId, w.away.orgId].sort());
      expect((await listBackups(dir)).map((b) => b.path)).toEqual([first.file]);
    },
    SLOW,
  );

  it(
    'restores into an empty database: every row the same, a person reads back alike, chains verify, new writes fit after',
    async () => {
      const target = await emptyTarget();
      const report = await restoreBackup(target.db, first.file, key);
      expect(report.replaced).toBe(false);
      expect(report.upgraded).toEqual([]);
      expect(report.tables.filter((t) => t.rows !== t.expected)).toEqual([]);
      expect(report.tables.length).toBe(first.manifest.tables.length);
      expect(await fingerprint(target.db)).toEqual(before);

      // The same person through the API of each database; sessions came along, so the CHW's cookie works on both.
      const restored = buildApp({ db: target.db, config: h.config, log: createLogger('silent') });
      const path = `/api/clients/${w.person.own.clientId}`;
      const there = await call(restored, 'GET', path, { cookie: w.owner.own.cookie });
      const here = await call(h.app, 'GET', path, { cookie: w.owner.own.cookie });
      expect(there.status).toBe(200);
      expect(there.body).toEqual(here.body);
      expect(JSON.stringify(there.body)).toContain('Tallowmere');

      const chains = await verifyAuditChains(target.db, auditSeal(h.config));
      expect(chains.map((c) => c.ok)).toEqual([true, true]);
      const heads = Object.fromEntries(first.manifest.auditHeads.map((a) => [a.orgId, a.link]));
      for (const c of chains) expect(c.events).toBeGreaterThanOrEqual(heads[c.orgId] ?? Number.NaN);

      // New rows after the restore take sequence values past the restored ones: no key collides.
      const [top] = await target.db.query<{ sync: number; audit: number; alert: number }>(
        `select (select max(seq) from sync_change)::float8 as sync, (select max(seq) from audit_event)::float8 as audit,
              (select max(seq) from alert_event)::float8 as alert`,
      );
      const chw = await signIn(restored, w.home.chw, PASSWORD);
      const person = await register({ ...h, app: restored, db: target.db }, chw, {
        givenName: 'Nueva',
        familyName: 'Después',
        notADuplicate: true,
      });
      const visit = await call(restored, 'POST', `/api/clients/${person.id}/encounters`, {
        cookie: chw,
        body: visitBody(),
      });
      expect(visit.status, JSON.stringify(visit.body)).toBe(201);
      const alert = await call(restored, 'POST', '/api/alerts', {
        cookie: chw,
        body: { id: uuidv7(), clientId: person.id, note: 'after restore' },
      });
      expect(alert.status, JSON.stringify(alert.body)).toBe(201);
      const [after] = await target.db.query<{ sync: number; audit: number; alert: number }>(
        `select (select min(seq) from sync_change where client_id = $1)::float8 as sync,
              (select min(seq) from audit_event where subject_id = $1::text)::float8 as audit,
              (select min(seq) from alert_event where alert_id = $2)::float8 as alert`,
        [person.id, alert.body.id],
      );
      expect(after?.sync).toBeGreaterThan(top?.sync ?? Number.POSITIVE_INFINITY);
      expect(after?.audit).toBeGreaterThan(top?.audit ?? Number.POSITIVE_INFINITY);
      expect(after?.alert).toBeGreaterThan(top?.alert ?? Number.POSITIVE_INFINITY);
      const linkedAfter = await verifyAuditChains(target.db, auditSeal(h.config));
      expect(linkedAfter.map((c) => c.ok)).toEqual([true, true]);
    },
    SLOW,
  );

  it(
    'restores into a database migrated but never used, as `puente migrate` leaves it',
    async () => {
      const target = await freshDatabase();
      targets.push(target);
      const report = await restoreBackup(target.db, first.file, key);
      expect(report.replaced).toBe(false);
      expect(await fingerprint(target.db)).toEqual(before);
    },
    SLOW,
  );

  it(
    'refuses a file sealed with another key, and changes nothing',
    async () => {
      const target = await emptyTarget();
      await expect(restoreBackup(target.db, first.file, randomBytes(32))).rejects.toThrow(
        /sealed with another backup key/,
      );
      expect(await untouched(target.db)).toBe(true);
    },
    SLOW,
  );

  it(
    'refuses a file with one byte changed, or cut short, and changes nothing',
    async () => {
      // Small parts, so the change is met after the restore has begun writing rows.
      const made = await takeBackup(h.db, key, dir, { partBytes: 4096 });
      if (!made) throw new Error('no backup');
      const bytes = await readFile(made.file);
      const flipped = join(dir, 'flipped.backup');
      const i = bytes.length - 2000;
      bytes[i] = (bytes[i] ?? 0) ^ 0x01;
      await writeFile(flipped, bytes);
      const target = await emptyTarget();
      await expect(restoreBackup(target.db, flipped, key)).rejects.toThrow(/flipped.backup is damaged/);
      expect(await untouched(target.db)).toBe(true);

      const short = join(dir, 'short.backup');
      await copyFile(made.file, short);
      await truncate(short, (await stat(short)).size - 5000);
      await expect(restoreBackup(target.db, short, key)).rejects.toThrow(/short.backup is damaged/);
      expect(await untouched(target.db)).toBe(true);

      await expect(restoreBackup(target.db, join(dir, 'nowhere.backup'), key)).rejects.toThrow(
        /There is no file/,
      );
      await writeFile(join(dir, 'other.backup'), 'not a backup at all');
      await expect(restoreBackup(target.db, join(dir, 'other.backup'), key)).rejects.toThrow(
        /not a Puente backup/,
      );
    },
    SLOW,
  );

  it(
    'refuses a database that holds data unless told, then replaces everything in it',
    async () => {
      const target = await freshDatabase();
      targets.push(target);
      const stranger = await seedOrg(target.db, 'stranger');
      await expect(restoreBackup(target.db, first.file, key)).rejects.toThrow(
        /already holds data \(1 organization\)/,
      );
      const [kept] = await target.db.query<{ n: number }>('select count(*)::int as n from organization');
      expect(kept?.n).toBe(1);

      const report = await restoreBackup(target.db, first.file, key, { intoNonEmpty: true });
      expect(report.replaced).toBe(true);
      expect(await fingerprint(target.db)).toEqual(before);
      const gone = await target.db.query('select 1 from organization where id = $1', [stranger.orgId]);
      expect(gone).toEqual([]);
    },
    SLOW,
  );

  it(
    'is consistent while writes go on: the restored counts are the manifest’s, and every write finished before it is there',
    async () => {
      const chw = w.owner.own.cookie;
      const acknowledged: { id: string; at: number }[] = [];
      let backup: Promise<BackupResult | undefined> | undefined;
      let startedAfter = 0;
      // The backup starts after the third write, from inside the loop, while the rest go on. Each write
      // yields once to I/O, or PGlite, answering without any, would run them all before the backup's file opens.
      for (let i = 0; i < 12; i++) {
        await new Promise((r) => setImmediate(r));
        const person = await register(h, chw, {
          givenName: `Paralela ${i}`,
          familyName: 'Escritura',
          notADuplicate: true,
        });
        await call(h.app, 'POST', `/api/clients/${person.id}/encounters`, { cookie: chw, body: visitBody() });
        acknowledged.push({ id: person.id, at: Date.now() });
        if (i === 2) {
          startedAfter = acknowledged.length;
          backup = takeBackup(h.db, key, dir);
        }
      }
      const made = await backup;
      if (!made) throw new Error('no backup');

      const target = await emptyTarget();
      const report = await restoreBackup(target.db, made.file, key);
      expect(report.tables.filter((t) => t.rows !== t.expected)).toEqual([]);
      const counts = await fingerprint(target.db);
      for (const t of made.manifest.tables) expect(counts[t.name]?.startsWith(`${t.rows} rows`)).toBe(true);
      const moment = Date.parse(made.manifest.createdAt);
      const due = acknowledged.filter((a, i) => i < startedAfter || a.at < moment).map((a) => a.id);
      expect(due.length).toBeGreaterThanOrEqual(3);
      // Writes went on while it ran: the source now holds people the backup does not.
      const [now] = await h.db.query<{ n: number }>('select count(*)::int as n from client');
      const counted = made.manifest.tables.find((t) => t.name === 'client')?.rows ?? 0;
      expect(now?.n).toBeGreaterThan(counted);
      const found = await target.db.query<{ id: string }>(
        'select id from client where id = any($1::uuid[])',
        [due],
      );
      expect(found.length).toBe(due.length);
      // Every visit restored belongs to a person restored, and each person's sync log came with them.
      const [orphans] = await target.db.query<{ n: number }>(
        `select count(*)::int as n from encounter e where not exists (select 1 from client c where c.id = e.client_id)
          or not exists (select 1 from sync_change s where s.entity_id = e.id)`,
      );
      expect(orphans?.n).toBe(0);
      const chains = await verifyAuditChains(target.db, auditSeal(h.config));
      expect(chains.every((c) => c.ok)).toBe(true);
    },
    SLOW,
  );

  it.skipIf(engine !== 'postgres')(
    'a restore cut off half-way leaves the database marked: the server will not start, and the next restore starts over',
    async () => {
      const target = await emptyTarget();
      // The database goes away in the middle of the rows, and is still away when the restore tries to undo.
      let opened = 0;
      const lost: Database = {
        ...target.db,
        kind: target.db.kind,
        query: (sql, params) => target.db.query(sql, params),
        exec: (sql) => target.db.exec(sql),
        transaction: (work) =>
          ++opened > 6 ? Promise.reject(new Error('connection lost')) : target.db.transaction(work),
      };
      await expect(restoreBackup(lost, first.file, key)).rejects.toThrow(
        /connection lost.*marked as unfinished and Puente will not start/,
      );
      await expect(migrate(target.db)).rejects.toThrow(/did not finish/);
      const report = await restoreBackup(target.db, first.file, key);
      expect(report.undidUnfinished).toBe(true);
      expect(await fingerprint(target.db)).toEqual(before);
      expect(await migrate(target.db)).toEqual([]);
    },
    SLOW,
  );

  it.skipIf(engine !== 'postgres')(
    'two restores started at once into one database: one restores, the other is refused and undoes nothing',
    async () => {
      const target = await emptyTarget();
      const both = await Promise.allSettled([
        restoreBackup(target.db, first.file, key),
        restoreBackup(target.db, first.file, key),
      ]);
      expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = both.find((r) => r.status === 'rejected');
      expect(String(refused?.reason)).toMatch(/Another restore into this database is running/);
      expect(await fingerprint(target.db)).toEqual(before);
    },
    SLOW,
  );

  it(
    'still holds every foreign key: rows that break one are refused, and nothing is kept',
    async () => {
      // A database whose rows break a key (its constraint dropped by hand): restore puts the key back.
      const broken = await freshDatabase();
      targets.push(broken);
      const org = await seedOrg(broken.db, 'broken');
      await broken.db.query('alter table client drop constraint client_assigned_chw_id_fkey');
      await broken.db.query(
        `insert into client (id, org_id, given_name, name_folded, preferred_language, created_by, assigned_chw_id)
         values ($1, $2, 'Huérfana', 'huerfana', 'es', $3, $1)`,
        [uuidv7(), org.orgId, org.ids[org.chw]],
      );
      const made = await takeBackup(broken.db, key, dir);
      if (!made) throw new Error('no backup');
      const target = await emptyTarget();
      await expect(restoreBackup(target.db, made.file, key)).rejects.toThrow(/client_assigned_chw_id_fkey/);
      expect(await untouched(target.db)).toBe(true);
    },
    SLOW,
  );

  it(
    'restores alike whether rows were written by COPY, binary or text (PostgreSQL), or as JSON, whatever a value holds',
    async () => {
      // Every byte COPY's text or JSON must escape, and some they need not, in a value a person may type.
      const typed = 'a\u0001b\u0002c "quoted" back\\slash\nnew line\r\ttab ñandú 🙂 \\. \\N ,;';
      await h.db.query('update client set preferred_name = $1 where id = $2', [typed, w.person.own.clientId]);
      const source = await fingerprint(h.db);
      const backupAs = async (rowsAs: 'binary' | 'copy' | 'json', at: number) => {
        const db = {
          ...h.db,
          transaction: <T>(work: (tx: Queryable) => Promise<T>) =>
            h.db.transaction((tx) => work(rowsAs !== 'json' ? tx : { query: tx.query, exec: tx.exec })),
        } as Database;
        const now = new Date(Date.now() + at);
        const made = await takeBackup(db, key, dir, { now, textCopy: rowsAs === 'copy' });
        if (!made) throw new Error('no backup');
        const target = await emptyTarget();
        await restoreBackup(target.db, made.file, key);
        return target.db;
      };
      const fromJson = await backupAs('json', 5000);
      expect(await fingerprint(fromJson)).toEqual(source);
      const [back] = await fromJson.query<{ name: string }>(
        'select preferred_name as name from client where id = $1',
        [w.person.own.clientId],
      );
      expect(back?.name).toBe(typed);
      if (h.db.kind === 'postgres') {
        expect(await fingerprint(await backupAs('binary', 6000))).toEqual(source);
        // As backups made before binary carry them.
        expect(await fingerprint(await backupAs('copy', 7000))).toEqual(source);
      }
    },
    SLOW,
  );
});
