import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/types.js';
import { type Harness, seedOrg, useApp } from '../../test/app.js';
import { engine } from '../../test/database.js';
import { auditSeal } from './key.js';
import { linkOrgChain } from './link.js';
import { recordAudit } from './record.js';
import { auditRolesSql } from './roles.js';
import { verifyOrgChain } from './verify.js';

const h = useApp();
const OWNER = 'puente_audit_test';
const APP = { user: 'puente_app_test', password: 'puente_app_test' };

/**
 * The app's connection after the audit table was handed to its owner role. On
 * PostgreSQL the app logs in as a role of its own, as a real install does (the
 * test role needs CREATEROLE, which `.ci/run` gives it; roles are per cluster, so
 * the script is run for this database only). PGlite has one login but honours SET ROLE.
 */
async function asTheApp(harness: Harness, run: (app: Database) => Promise<void>) {
  const { db } = harness;
  await db.exec(`do $$ begin
    if not exists (select 1 from pg_roles where rolname = '${OWNER}') then create role ${OWNER} nologin; end if;
    if not exists (select 1 from pg_roles where rolname = '${APP.user}') then create role ${APP.user}; end if;
  end $$;`);
  if (engine === 'postgres') {
    await db.exec(`alter role ${APP.user} login password '${APP.password}'`);
    // Whoever hands a table to a role must be able to act as it; a superuser can by itself.
    await db.exec(`grant ${OWNER} to current_user`);
    const name = (await db.query<{ d: string }>('select current_database() as d'))[0]?.d;
    await db.exec(`grant connect on database ${name} to ${APP.user}`);
  }
  // The app may use every other table, as it would after its own migrations.
  await db.exec(`grant all on all tables in schema public to ${APP.user};
    grant usage, select on all sequences in schema public to ${APP.user};`);
  const sql = auditRolesSql({ owner: OWNER, app: APP.user });
  await db.exec(sql);
  // Running it again changes nothing.
  await db.exec(sql);
  if (engine === 'postgres') {
    const app = await harness.testDb.openAs(APP);
    try {
      await run(app);
    } finally {
      await app.close();
    }
    return;
  }
  await db.query(`set role ${APP.user}`);
  try {
    await run(db);
  } finally {
    await db.query('reset role');
  }
}

describe('the audit table under its own owner role', () => {
  it('the app role adds and links events, and can no longer delete, rewrite or switch off the guard', async () => {
    const org = await seedOrg(h.db, 'roles');
    await asTheApp(h, async (app) => {
      expect((await app.query<{ u: string }>('select current_user as u'))[0]?.u).toBe(APP.user);
      await app.transaction((tx) => recordAudit(tx, { orgId: org.orgId }, { action: 'test.event' }));
      await linkOrgChain(app, auditSeal(h.config), org.orgId);
      await expect(app.query('delete from audit_event where org_id = $1', [org.orgId])).rejects.toThrow(
        /permission denied/,
      );
      await expect(
        app.query('alter table audit_event disable trigger audit_event_no_update'),
      ).rejects.toThrow(/owner/);
      await expect(
        app.query("update audit_event set hash = 'x' where org_id = $1 and link = 1", [org.orgId]),
      ).rejects.toThrow(/append-only/);
      await expect(
        app.query(
          "insert into audit_event (org_id, at, action, link, prev_hash, hash) values ($1, now(), 'x', 99, 'a', 'b')",
          [org.orgId],
        ),
      ).rejects.toThrow(/permission denied/);
      await expect(
        app.query(
          'create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$ begin return new; end; $$',
        ),
      ).rejects.toThrow(/owner|permission/);
      await expect(app.query('drop table audit_event')).rejects.toThrow(/owner|permission/);
    });
    expect(await verifyOrgChain(h.db, auditSeal(h.config), org.orgId)).toMatchObject({ ok: true, events: 8 });
  });
});

describe('the audit roles script', () => {
  it('refuses role names that are not plain identifiers', () => {
    expect(() => auditRolesSql({ owner: 'x; drop table audit_event', app: 'puente' })).toThrow(/plain role/);
    expect(() => auditRolesSql({ owner: 'puente', app: 'puente' })).toThrow(/other than/);
  });
});
