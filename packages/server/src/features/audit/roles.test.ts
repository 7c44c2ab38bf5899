import { describe, expect, it } from 'vitest';
import { seedOrg, useApp } from '../../test/app.js';
import { engine } from '../../test/database.js';
import { auditSeal } from './key.js';
import { linkOrgChain } from './link.js';
import { recordAudit } from './record.js';
import { auditRolesSql } from './roles.js';
import { verifyOrgChain } from './verify.js';

// PGlite runs as one superuser but honours SET ROLE, so the two roles of a PostgreSQL
// install can be played out here. The PostgreSQL test role may not create roles.
const h = useApp();

describe.skipIf(engine !== 'pglite')('the audit table under its own owner role', () => {
  it('the app role adds and links events, and can no longer delete, rewrite or switch off the guard', async () => {
    const org = await seedOrg(h.db, 'roles');
    await h.db.query('create role puente_app_test nologin');
    // The app may use every other table, as it would after its own migrations.
    await h.db.query('grant all on all tables in schema public to puente_app_test');
    const sql = auditRolesSql({ owner: 'puente_audit_test', app: 'puente_app_test' });
    await h.db.exec(sql);
    // Running it again changes nothing.
    await h.db.exec(sql);
    await h.db.query('set role puente_app_test');
    try {
      await h.db.transaction((tx) => recordAudit(tx, { orgId: org.orgId }, { action: 'test.event' }));
      await linkOrgChain(h.db, auditSeal(h.config), org.orgId);
      await expect(h.db.query('delete from audit_event where org_id = $1', [org.orgId])).rejects.toThrow(
        /permission denied/,
      );
      await expect(
        h.db.query('alter table audit_event disable trigger audit_event_no_update'),
      ).rejects.toThrow(/owner/);
      await expect(
        h.db.query("update audit_event set hash = 'x' where org_id = $1 and link = 1", [org.orgId]),
      ).rejects.toThrow(/append-only/);
      await expect(
        h.db.query(
          "insert into audit_event (org_id, at, action, link, prev_hash, hash) values ($1, now(), 'x', 99, 'a', 'b')",
          [org.orgId],
        ),
      ).rejects.toThrow(/permission denied/);
      await expect(
        h.db.query(
          'create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$ begin return new; end; $$',
        ),
      ).rejects.toThrow(/owner|permission/);
    } finally {
      await h.db.query('reset role');
    }
    expect(await verifyOrgChain(h.db, auditSeal(h.config), org.orgId)).toMatchObject({ ok: true, events: 8 });
  });
});

describe('the audit roles script', () => {
  it('refuses role names that are not plain identifiers', () => {
    expect(() => auditRolesSql({ owner: 'x; drop table audit_event', app: 'puente' })).toThrow(/plain role/);
    expect(() => auditRolesSql({ owner: 'puente', app: 'puente' })).toThrow(/other than/);
  });
});
