import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app.js';
import { testConfig } from '../config.js';
import { auditSeal } from '../features/audit/key.js';
import { verifyOrgChain } from '../features/audit/verify.js';
import { createLogger } from '../log.js';
import { freshDatabase, type TestDatabase } from '../test/database.js';
import { call, signIn } from '../test/http.js';
import {
  fillPreviousRelease,
  PREVIOUS_PASSWORD,
  type PreviousProgram,
  type SampledPerson,
} from '../test/previous-caseload.js';
import { applyRelease, type PreviousRelease, previousReleases } from '../test/previous-release.js';
import { encounterMonthDrift } from '../test/rollups.js';
import { fingerprint, tablesAndColumns } from '../test/snapshot.js';
import { loadMigrations, migrate } from './migrate.js';

// A database exactly as an earlier release left it (its migrations, from
// fixtures/previous-releases.json, and a caseload written in its columns with its
// audit chain), brought up to date by today's migrate(): every row is still there
// and unchanged, the report's monthly counts are whole, the people read back the
// same through today's API, and the audit chain verifies.
const releases = await previousReleases();

/** Columns a later migration rewrites on purpose, and why; every other column of every row must stay as it was. */
const rewritten: Record<string, Record<string, string>> = {
  task: { title: '0022 turns rule codes in titles into words (the code moves to task.code)' },
};
/** Tables later migrations append to, by the column that orders them: the rows there before must stay. */
const appendedTo: Record<string, string> = {
  // A trigger logs each row a migration updates (0015's consents, 0022's tasks) for the phones.
  sync_change: 'seq',
  // One row per migration applied.
  schema_migration: 'applied_at',
};

const sizes = [
  { chws: 3, clients: 40, encounters: 200 },
  { chws: 1, clients: 15, encounters: 40 },
];

describe.each(releases.map((r) => [r.commit.slice(0, 7), r] as const))(
  'a database left by the release at %s',
  { timeout: 120_000 },
  (_, release: PreviousRelease) => {
    let current: TestDatabase;
    let programs: PreviousProgram[];
    let applied: string[];
    let app: App;
    const before = new Map<string, { columns: string[]; rows: number; digest: string; where: string }>();

    beforeAll(async () => {
      current = await freshDatabase({ migrated: false });
      await applyRelease(current.db, release);
      programs = await fillPreviousRelease(current.db, release, sizes, { chunk: 16, sampleSize: 10 });
      for (const [table, columns] of await tablesAndColumns(current.db)) {
        const kept = columns.filter((c) => !rewritten[table]?.[c]);
        const key = appendedTo[table];
        const [last] = key
          ? await current.db.query<{ last: string }>(`select max(${key})::text as last from ${table}`)
          : [];
        const where = key && last ? `${key} <= '${last.last}'` : 'true';
        before.set(table, { columns: kept, where, ...(await fingerprint(current.db, table, kept, where)) });
      }
      // Small batches, so the back-fill of 0010 (when the release lacked it) takes several.
      applied = await migrate(current.db, undefined, { batchSize: 7 });
      app = buildApp({ db: current.db, config: testConfig(), log: createLogger('silent') });
    }, 300_000);

    afterAll(async () => {
      await current?.drop();
    });

    it('applies every migration the release lacked, and keeps what it recorded of its own', async () => {
      const released = new Set(release.migrations.map((m) => m.name));
      expect(applied).toEqual((await loadMigrations()).map((m) => m.name).filter((n) => !released.has(n)));
      const recorded = await current.db.query<{ name: string; checksum: string }>(
        'select name, checksum from schema_migration where name = any($1) order by version',
        [[...released]],
      );
      expect(recorded).toEqual(release.migrations.map((m) => ({ name: m.name, checksum: m.checksum })));
    });

    it('keeps every row of every table, with the values it had', async () => {
      expect(before.get('client')?.rows).toBe(55);
      expect(before.get('audit_event')?.rows).toBeGreaterThan(500);
      const changed: string[] = [];
      for (const [table, was] of before) {
        const now = await fingerprint(current.db, table, was.columns, was.where);
        if (now.rows !== was.rows || now.digest !== was.digest) {
          changed.push(
            `${table}: ${was.rows} rows before, ${now.rows} after${now.rows === was.rows ? ', values changed' : ''}`,
          );
        }
      }
      expect(changed).toEqual([]);
    });

    it('gives the follow-ups titled by rule code their words, keeping the code', async () => {
      const tasks = await current.db.query<{ title: string; code: string | null; locale: string }>(
        `select t.title, t.code, u.locale from task t join app_user u on u.id = t.assignee_id where t.source = 'rule:after-visit'`,
      );
      expect(tasks.length).toBeGreaterThan(0);
      for (const t of tasks) {
        expect(t.code).toBe('follow-up-after-visit');
        expect(t.title).toBe(
          t.locale === 'es' ? 'Seguimiento después de la visita' : 'Follow up after the visit',
        );
      }
    });

    it('counts every person’s months for the report, once', async () => {
      const drift = await encounterMonthDrift(current.db);
      expect(drift.rows).toBeGreaterThan(55);
      expect(drift.wrong).toBe(0);
      await expectBackfilled('0010_report_rollups');
    });

    /** A release that had the migration did its back-fill in the migration's transaction: it is not run again. */
    async function expectBackfilled(name: string) {
      const rows = await current.db.query<{ done: boolean }>(
        'select done_at is not null as done from schema_backfill where name = $1',
        [name],
      );
      expect(rows).toEqual(release.migrations.some((m) => m.name === name) ? [] : [{ done: true }]);
    }

    it('reads each sampled person back as written, through today’s API', async () => {
      const [first] = programs;
      if (!first) throw new Error('no program');
      const sample = first.sample;
      // The sample holds every kind of row read below, so no comparison passes for want of rows.
      const held = (rows: (p: SampledPerson) => unknown[]) => sample.filter((p) => rows(p).length > 0).length;
      expect([
        held((p) => p.encounters),
        held((p) => p.screenings),
        held((p) => p.referrals),
        held((p) => p.tasks),
      ]).not.toContain(0);
      expect(first.sample.some((p) => p.consents.some((c) => c.revoked_at))).toBe(true);
      expect(first.sample.some((p) => p.encounters.some((e) => e.note_sensitive && e.note))).toBe(true);
      const cookie = await signIn(app, first.chwEmail, PREVIOUS_PASSWORD);
      for (const p of first.sample) {
        const detail = await call(app, 'GET', `/api/clients/${p.id}`, { cookie });
        expect(detail.status).toBe(200);
        const r = p.row;
        expect(detail.body).toMatchObject({
          id: p.id,
          givenName: r.given_name,
          familyName: r.family_name,
          preferredName: r.preferred_name,
          preferredLanguage: r.preferred_language,
          birthDate: r.birth_date,
          gender: r.gender,
          phone: r.phone,
          okToText: r.ok_to_text,
          neighborhood: r.neighborhood,
          address: r.address,
          household: r.household,
          insuranceStatus: r.insurance_status,
          notes: r.notes,
          assignedChwId: r.assigned_chw_id,
          createdAt: r.created_at,
        });
        const byId = <T extends { id: unknown }>(list: T[]) =>
          [...list].sort((a, b) => String(a.id).localeCompare(String(b.id)));
        expect(byId(detail.body.consents as { id: string }[])).toEqual(
          byId(p.consents).map((c) =>
            expect.objectContaining({
              id: c.id,
              kind: c.kind,
              method: c.method,
              givenOn: c.given_on,
              partnerName: c.partner_name,
              revokedAt: c.revoked_at,
            }),
          ),
        );
        const newest = [...p.encounters]
          .sort((a, b) => String(b.occurred_at).localeCompare(String(a.occurred_at)))
          .slice(0, 50);
        expect(detail.body.encounters).toEqual(
          newest.map((e) =>
            expect.objectContaining({
              id: e.id,
              kind: e.kind,
              occurredAt: e.occurred_at,
              durationMinutes: e.duration_minutes,
              activities: e.activities,
              note: e.note_sensitive ? null : e.note,
              noteSensitive: e.note_sensitive,
            }),
          ),
        );
        expect((detail.body.openTasks as { id: string; code: string }[]).map((t) => [t.id, t.code])).toEqual(
          p.tasks.map((t) => [t.id, t.title]),
        );
        const screens = await call(app, 'GET', `/api/clients/${p.id}/screenings`, { cookie });
        expect(screens.status).toBe(200);
        expect(screens.body.screenings).toEqual(
          p.screenings.map((s) =>
            expect.objectContaining({
              id: s.id,
              instrument: s.instrument,
              authoredAt: s.authored_at,
              total: s.total,
              band: s.band,
              positive: s.positive,
            }),
          ),
        );
        const referrals = await call(app, 'GET', `/api/clients/${p.id}/referrals`, { cookie });
        expect(referrals.status).toBe(200);
        expect(referrals.body.referrals).toEqual(
          p.referrals.map((f) =>
            expect.objectContaining({
              id: f.id,
              status: f.status,
              serviceName: f.service_name,
              partnerName: f.partner_name,
              outcome: f.outcome,
              closedAt: f.closed_at,
            }),
          ),
        );
      }
    });

    it('keeps each program’s audit chain whole: the release’s events, then today’s on top', async () => {
      const [first] = programs;
      if (!first?.sample[0]) throw new Error('no sampled person');
      // A read today is audited with today's keyed hash, after the release's plain ones.
      const cookie = await signIn(app, first.chwEmail, PREVIOUS_PASSWORD);
      expect((await call(app, 'GET', `/api/clients/${first.sample[0].id}`, { cookie })).status).toBe(200);
      const seal = auditSeal(testConfig());
      for (const program of programs) {
        const report = await verifyOrgChain(current.db, seal, program.orgId);
        const [stored] = await current.db.query<{ n: number; keyed: number }>(
          `select count(*)::int as n, (count(*) filter (where hash like 'hmac:%'))::int as keyed
             from audit_event where org_id = $1`,
          [program.orgId],
        );
        expect(report).toMatchObject({ ok: true, unkeyed: program.events, events: stored?.n });
        expect(stored?.keyed).toBe((stored?.n ?? 0) - program.events);
        if (program === first) expect(stored?.keyed).toBeGreaterThan(0);
      }
      // Every event written before 0014 has its place, and the rule that an event is linked whole holds for all.
      await expectBackfilled('0014_audit_linked_after_commit');
      const [rule] = await current.db.query<{ checked: boolean }>(
        `select convalidated as checked from pg_constraint where conname = 'audit_event_linked_whole'`,
      );
      expect(rule?.checked).toBe(true);
    });
  },
);
