import type { Queryable } from '../../db/types.js';
import { type AuditRow, auditHash, GENESIS } from './record.js';

export interface ChainReport {
  orgId: string;
  events: number;
  ok: boolean;
  /** The first event whose content or link does not match, when not ok. */
  brokenAt?: { seq: number; reason: 'edited' | 'missing-or-reordered' };
}

const pageSize = 5000;

/** Re-computes an organization's chain from the start and reports the first break. */
export async function verifyOrgChain(db: Queryable, orgId: string): Promise<ChainReport> {
  let expectedPrev = GENESIS;
  let expectedSeq = 1;
  let events = 0;
  for (;;) {
    const rows = await db.query<Omit<AuditRow, 'at'> & { at: Date | string }>(
      `select org_id as "orgId", seq::int as seq, at, actor_id as "actorId", actor_role as "actorRole", action,
              subject_type as "subjectType", subject_id as "subjectId", ip, detail,
              prev_hash as "prevHash", hash
         from audit_event where org_id = $1 and seq >= $2 order by seq limit $3`,
      [orgId, expectedSeq, pageSize],
    );
    for (const row of rows) {
      if (row.seq !== expectedSeq || row.prevHash !== expectedPrev) {
        return { orgId, events, ok: false, brokenAt: { seq: expectedSeq, reason: 'missing-or-reordered' } };
      }
      const at = row.at instanceof Date ? row.at.toISOString() : new Date(row.at).toISOString();
      const { hash, ...content } = row;
      if (auditHash({ ...content, at }) !== hash) {
        return { orgId, events, ok: false, brokenAt: { seq: row.seq, reason: 'edited' } };
      }
      expectedPrev = row.hash;
      expectedSeq += 1;
      events += 1;
    }
    if (rows.length < pageSize) return { orgId, events, ok: true };
  }
}

/** Verifies the chain of every organization. */
export async function verifyAuditChains(db: Queryable): Promise<ChainReport[]> {
  const orgs = await db.query<{ id: string }>('select id from organization order by created_at');
  const reports: ChainReport[] = [];
  for (const org of orgs) reports.push(await verifyOrgChain(db, org.id));
  return reports;
}
