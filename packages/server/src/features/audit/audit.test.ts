import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../log.js';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { call, signIn } from '../../test/http.js';
import { auditSeal, chainKey } from './key.js';
import { hashAfter, linkOrgChain, startAuditLinker, storedEvents } from './link.js';
import { recordAudit } from './record.js';
import { verifyAuditChains, verifyOrgChain } from './verify.js';

const h = useApp();
const seal = () => auditSeal(h.config);

/** Edits the audit table the way an intruder with database access would: with the guard trigger off. */
async function tamper(sql: string, params: unknown[]) {
  await h.db.transaction(async (tx) => {
    await tx.query('alter table audit_event disable trigger audit_event_no_update');
    await tx.query(sql, params);
    await tx.query('alter table audit_event enable trigger audit_event_no_update');
  });
}

async function orgWithHistory(slug: string): Promise<TestOrg> {
  const org = await seedOrg(h.db, slug);
  const cookie = await signIn(h.app, org.admin, PASSWORD);
  await call(h.app, 'GET', '/api/users', { cookie });
  await call(h.app, 'PATCH', `/api/users/${org.ids[org.chw]}`, { cookie, body: { displayName: 'Renamed' } });
  // Tamper-evidence starts once an event is linked (the server links every couple of seconds).
  await linkOrgChain(h.db, seal(), org.orgId);
  return org;
}

describe('audit trail', () => {
  it('records who did what to which record, from where, without personal data', async () => {
    const org = await orgWithHistory('audit-who');
    const rows = await h.db.query<{
      action: string;
      actor_role: string;
      subject_id: string;
      detail: unknown;
    }>(
      `select action, actor_role, subject_id, detail from audit_event where org_id = $1 and action = 'user.changed'`,
      [org.orgId],
    );
    expect(rows).toEqual([
      expect.objectContaining({ action: 'user.changed', actor_role: 'admin', subject_id: org.ids[org.chw] }),
    ]);
    expect(JSON.stringify(rows)).not.toContain('Renamed');
    const signedIn = await h.db.query(
      "select 1 from audit_event where org_id = $1 and action = 'auth.signed-in' and subject_id = $2",
      [org.orgId, org.ids[org.admin]],
    );
    expect(signedIn).toHaveLength(1);
  });

  it('a sound chain verifies', async () => {
    const org = await orgWithHistory('audit-ok');
    const report = await verifyOrgChain(h.db, seal(), org.orgId);
    expect(report.ok).toBe(true);
    expect(report.events).toBeGreaterThanOrEqual(8);
  });

  it('refuses updates and deletes outright', async () => {
    const org = await orgWithHistory('audit-guard');
    await expect(
      h.db.query("update audit_event set action = 'x' where org_id = $1", [org.orgId]),
    ).rejects.toThrow(/append-only/);
    await expect(h.db.query('delete from audit_event where org_id = $1', [org.orgId])).rejects.toThrow(
      /append-only/,
    );
  });

  it('detects an edited row, naming the first event that changed', async () => {
    const org = await orgWithHistory('audit-edit');
    await tamper("update audit_event set actor_role = 'chw' where org_id = $1 and link = 3", [org.orgId]);
    expect(await verifyOrgChain(h.db, seal(), org.orgId)).toMatchObject({
      ok: false,
      brokenAt: { position: 3, reason: 'edited' },
    });
  });

  it('detects an edited row even when its own hash was recomputed, because the next link breaks', async () => {
    const org = await orgWithHistory('audit-rehash');
    const [event] = await storedEvents(h.db, 'org_id = $1 and link = 2', [org.orgId]);
    if (!event?.prevHash) throw new Error('no event 2');
    const forged = hashAfter(
      { ...event, action: 'user.viewed' },
      event.prevHash,
      chainKey(seal(), org.orgId),
    );
    await tamper("update audit_event set action = 'user.viewed', hash = $2 where org_id = $1 and link = 2", [
      org.orgId,
      forged,
    ]);
    expect(await verifyOrgChain(h.db, seal(), org.orgId)).toMatchObject({
      ok: false,
      brokenAt: { position: 3, reason: 'missing-or-reordered' },
    });
  });

  it('detects a deleted row', async () => {
    const org = await orgWithHistory('audit-delete');
    await tamper('delete from audit_event where org_id = $1 and link = 4', [org.orgId]);
    expect(await verifyOrgChain(h.db, seal(), org.orgId)).toMatchObject({
      ok: false,
      brokenAt: { position: 4, reason: 'missing-or-reordered' },
    });
  });

  it('keeps one unbroken chain when many events are written at once (7 from set-up, 40 at once)', async () => {
    const org = await seedOrg(h.db, 'audit-concurrent');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        h.db.transaction((tx) =>
          recordAudit(
            tx,
            { orgId: org.orgId },
            { action: 'test.event', subjectType: 'n', subjectId: String(i) },
          ),
        ),
      ),
    );
    const reports = await verifyAuditChains(h.db, seal());
    expect(reports.find((r) => r.orgId === org.orgId)).toMatchObject({ ok: true, events: 47 });
  });

  it('links an event that commits after later ones were linked, at the end of the chain', async () => {
    const org = await seedOrg(h.db, 'audit-late');
    // A transaction that took its number, then ran long: later events commit and are linked first.
    const [late] = await h.db.query<{ seq: string }>(`select nextval('audit_event_seq')::text as seq`);
    await h.db.transaction((tx) => recordAudit(tx, { orgId: org.orgId }, { action: 'test.early' }));
    await linkOrgChain(h.db, seal(), org.orgId);
    await h.db.query(
      `insert into audit_event (org_id, seq, at, action) values ($1, $2, now(), 'test.late')`,
      [org.orgId, late?.seq],
    );
    expect(await verifyOrgChain(h.db, seal(), org.orgId)).toMatchObject({ ok: true, events: 9 });
    const [last] = await h.db.query<{ action: string; link: number }>(
      'select action, link::int as link from audit_event where org_id = $1 order by link desc limit 1',
      [org.orgId],
    );
    expect(last).toEqual({ action: 'test.late', link: 9 });
  });

  it('lets an event be linked once, and never changes what it recorded while linking', async () => {
    const org = await seedOrg(h.db, 'audit-link-guard');
    await h.db.transaction((tx) => recordAudit(tx, { orgId: org.orgId }, { action: 'test.event' }));
    await expect(
      h.db.query(
        `update audit_event set link = 1000, prev_hash = 'x', hash = 'y', action = 'test.other'
          where org_id = $1 and link is null`,
        [org.orgId],
      ),
    ).rejects.toThrow(/append-only/);
    await linkOrgChain(h.db, seal(), org.orgId);
    await expect(
      h.db.query("update audit_event set hash = 'y' where org_id = $1", [org.orgId]),
    ).rejects.toThrow(/append-only/);
    expect(await verifyOrgChain(h.db, seal(), org.orgId)).toMatchObject({ ok: true });
  });

  it('the server links new events on its own, and links the rest when it stops', async () => {
    const org = await seedOrg(h.db, 'audit-linker');
    const unlinked = async () =>
      (
        await h.db.query<{ n: number }>(
          'select count(*)::int as n from audit_event where org_id = $1 and link is null',
          [org.orgId],
        )
      )[0]?.n;
    expect(await unlinked()).toBe(7);
    const linker = startAuditLinker(h.db, seal(), createLogger('silent'));
    try {
      await vi.waitFor(async () => expect(await unlinked()).toBe(0), { timeout: 15_000, interval: 200 });
      await h.db.transaction((tx) => recordAudit(tx, { orgId: org.orgId }, { action: 'test.last' }));
    } finally {
      await linker.stop();
    }
    expect(await unlinked()).toBe(0);
  });

  it('an admin checks the chain from the API', async () => {
    const org = await orgWithHistory('audit-api');
    const cookie = await signIn(h.app, org.admin, PASSWORD);
    const reply = await call(h.app, 'GET', '/api/audit/verify', { cookie });
    expect(reply.body).toMatchObject({ ok: true });
  });
});
