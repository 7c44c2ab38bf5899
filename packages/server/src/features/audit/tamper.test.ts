import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { type AuditSeal, auditSeal, chainKey, withAuditKey } from './key.js';
import { hashAfter, linkOrgChain, storedEvents } from './link.js';
import { GENESIS, recordAudit } from './record.js';
import { verifyOrgChain } from './verify.js';

// What an intruder who owns the audit table (the app's role on a default install) can do:
// switch the guard off, delete the newest events, recompute every hash, insert an event with a false time.
const h = useApp();
let dir: string;
let seal: AuditSeal;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'puente-audit-'));
  seal = { ...auditSeal(h.config), checkpointFile: join(dir, 'checkpoints.log') };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function asOwner(sql: string, params: unknown[] = []) {
  await h.db.transaction(async (tx) => {
    await tx.query('alter table audit_event disable trigger audit_event_no_update');
    await tx.query(sql, params);
    await tx.query('alter table audit_event enable trigger audit_event_no_update');
  });
}

/** An organization with ten events, linked (and so checkpointed) by the server's linker. */
async function linkedOrg(slug: string): Promise<TestOrg> {
  const org = await seedOrg(h.db, slug);
  for (let i = 0; i < 3; i++) {
    await h.db.transaction((tx) => recordAudit(tx, { orgId: org.orgId }, { action: 'test.event' }));
  }
  await linkOrgChain(h.db, seal, org.orgId);
  return org;
}

/** Recomputes the whole chain from the first event, as someone would who wants an edit to verify. */
async function recompute(orgId: string, key: Buffer | undefined) {
  const events = await storedEvents(h.db, 'org_id = $1 and link is not null order by link', [orgId]);
  let prev = GENESIS;
  for (const event of events) {
    const hash = hashAfter(event, prev, key);
    await asOwner('update audit_event set prev_hash = $3, hash = $4 where org_id = $1 and link = $2', [
      orgId,
      event.link,
      prev,
      hash,
    ]);
    prev = hash;
  }
}

describe('an audit trail that cannot be rewritten', () => {
  it('a sound chain verifies against its key and checkpoints', async () => {
    const org = await linkedOrg('tamper-ok');
    expect(await verifyOrgChain(h.db, seal, org.orgId)).toMatchObject({ ok: true, events: 10, unkeyed: 0 });
    const lines = (await readFile(seal.checkpointFile ?? '', 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({ org: org.orgId, link: 10, sig: expect.any(String) }),
    );
  });

  it('catches a deleted tail: the checkpoint outside the database remembers the head', async () => {
    const org = await linkedOrg('tamper-tail');
    await asOwner('delete from audit_event where org_id = $1 and link > 7', [org.orgId]);
    expect(await verifyOrgChain(h.db, seal, org.orgId)).toMatchObject({
      ok: false,
      events: 7,
      brokenAt: { position: 8, reason: 'tail-deleted' },
    });
  });

  it('catches a chain recomputed without the key after an edit', async () => {
    const org = await linkedOrg('tamper-unkeyed');
    await asOwner("update audit_event set actor_role = 'chw' where org_id = $1 and link = 3", [org.orgId]);
    await recompute(org.orgId, undefined);
    expect(await verifyOrgChain(h.db, seal, org.orgId)).toMatchObject({
      ok: false,
      // The head checkpointed when the events were linked no longer matches.
      brokenAt: { position: 10, reason: 'rewritten' },
    });
    // Without checkpoints the plain hashes alone give it away: once keyed, a chain never goes back.
    const noCheckpoints = { ...seal, checkpointFile: undefined };
    const org2 = await linkedOrg('tamper-unkeyed-2');
    await asOwner("update audit_event set actor_role = 'chw' where org_id = $1 and link = 9", [org2.orgId]);
    await recompute(org2.orgId, undefined);
    // Every event now reads as written before keying, which a chain begun keyed never has: reported, never silent.
    expect(await verifyOrgChain(h.db, noCheckpoints, org2.orgId)).toMatchObject({ unkeyed: 10 });
  });

  it('catches a chain recomputed with a stolen key, by its checkpoints', async () => {
    const org = await linkedOrg('tamper-keyed');
    await asOwner("update audit_event set action = 'user.viewed' where org_id = $1 and link = 5", [
      org.orgId,
    ]);
    await recompute(org.orgId, chainKey(seal, org.orgId));
    expect(await verifyOrgChain(h.db, seal, org.orgId)).toMatchObject({
      ok: false,
      brokenAt: { position: 10, reason: 'rewritten' },
    });
  });

  it('catches a back-dated insert, even by a role that may only insert', async () => {
    const org = await linkedOrg('tamper-backdated');
    const lastWeek = new Date(Date.now() - 7 * 24 * 3600_000).toISOString();
    // A plain insert, with the guard on: the linker puts it at the end of the chain, where its time gives it away.
    await h.db.query(
      `insert into audit_event (org_id, at, action, subject_type, subject_id, detail)
       values ($1, $2, 'client.viewed', 'client', 'someone', '{}')`,
      [org.orgId, lastWeek],
    );
    expect(await verifyOrgChain(h.db, seal, org.orgId)).toMatchObject({
      ok: false,
      brokenAt: { position: 11, reason: 'back-dated' },
    });
  });

  it('refuses a checkpoint line not signed with the key', async () => {
    const org = await linkedOrg('tamper-forged');
    const forgedFile = join(dir, 'forged.log');
    const text = await readFile(seal.checkpointFile ?? '', 'utf8');
    await writeFile(
      forgedFile,
      `${text}${JSON.stringify({ org: org.orgId, link: 3, hash: 'x', at: new Date().toISOString(), sig: 'ab' })}\n`,
    );
    expect(await verifyOrgChain(h.db, { ...seal, checkpointFile: forgedFile }, org.orgId)).toMatchObject({
      ok: false,
      brokenAt: { reason: 'forged-checkpoint' },
    });
  });
});

describe('the audit key, outside the database', () => {
  it('is made once next to the data folder, readable by its owner only, and kept', async () => {
    const config = loadConfig({ DATA_DIR: join(dir, 'data') });
    expect(config.auditKeyFile).toBe(join(dir, 'data-audit.key'));
    const first = await withAuditKey(config);
    expect((await stat(config.auditKeyFile)).mode & 0o777).toBe(0o600);
    expect((await withAuditKey(config)).auditKey).toBe(first.auditKey);
    expect(first.auditKey?.length).toBeGreaterThanOrEqual(32);
  });

  it('is refused when others can read it, and AUDIT_KEY wins over the file', async () => {
    const config = loadConfig({ DATA_DIR: join(dir, 'open') });
    await withAuditKey(config);
    await chmod(config.auditKeyFile, 0o644);
    await expect(withAuditKey(config)).rejects.toThrow(/chmod 600/);
    const fromEnv = loadConfig({ DATA_DIR: join(dir, 'open'), AUDIT_KEY: 'k'.repeat(40) });
    expect((await withAuditKey(fromEnv)).auditKey).toBe('k'.repeat(40));
    expect(() => loadConfig({ AUDIT_KEY: 'short' })).toThrow(/AUDIT_KEY=\(hidden\)/);
  });
});
