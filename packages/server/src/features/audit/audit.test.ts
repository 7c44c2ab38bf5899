import { describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { call, signIn } from '../../test/http.js';
import { type AuditRow, auditHash, recordAudit } from './record.js';
import { verifyAuditChains, verifyOrgChain } from './verify.js';

const h = useApp();

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
    const report = await verifyOrgChain(h.db, org.orgId);
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
    await tamper("update audit_event set actor_role = 'chw' where org_id = $1 and seq = 3", [org.orgId]);
    expect(await verifyOrgChain(h.db, org.orgId)).toMatchObject({
      ok: false,
      brokenAt: { seq: 3, reason: 'edited' },
    });
  });

  it('detects an edited row even when its own hash was recomputed, because the next link breaks', async () => {
    const org = await orgWithHistory('audit-rehash');
    const [row] = await h.db.query<AuditRow & { at: Date }>(
      `select org_id as "orgId", seq::int as seq, at, actor_id as "actorId", actor_role as "actorRole", action,
              subject_type as "subjectType", subject_id as "subjectId", ip, detail, prev_hash as "prevHash", hash
         from audit_event where org_id = $1 and seq = 2`,
      [org.orgId],
    );
    if (!row) throw new Error('no event 2');
    const { hash: _old, ...content } = row;
    const forged = auditHash({ ...content, at: row.at.toISOString(), action: 'user.viewed' });
    await tamper("update audit_event set action = 'user.viewed', hash = $2 where org_id = $1 and seq = 2", [
      org.orgId,
      forged,
    ]);
    expect(await verifyOrgChain(h.db, org.orgId)).toMatchObject({
      ok: false,
      brokenAt: { seq: 3, reason: 'missing-or-reordered' },
    });
  });

  it('detects a deleted row', async () => {
    const org = await orgWithHistory('audit-delete');
    await tamper('delete from audit_event where org_id = $1 and seq = 4', [org.orgId]);
    expect(await verifyOrgChain(h.db, org.orgId)).toMatchObject({
      ok: false,
      brokenAt: { seq: 4, reason: 'missing-or-reordered' },
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
    const reports = await verifyAuditChains(h.db);
    expect(reports.find((r) => r.orgId === org.orgId)).toMatchObject({ ok: true, events: 47 });
  });

  it('an admin checks the chain from the API', async () => {
    const org = await orgWithHistory('audit-api');
    const cookie = await signIn(h.app, org.admin, PASSWORD);
    const reply = await call(h.app, 'GET', '/api/audit/verify', { cookie });
    expect(reply.body).toMatchObject({ ok: true });
  });
});
