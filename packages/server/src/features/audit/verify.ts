import type { Database } from '../../db/types.js';
import { hashAfter, linkOrgChain, storedEvents } from './link.js';
import { GENESIS } from './record.js';

export interface ChainReport {
  orgId: string;
  events: number;
  ok: boolean;
  /** The first place in the chain whose event does not match, when not ok. */
  brokenAt?: { position: number; reason: 'edited' | 'missing-or-reordered' };
}

const pageSize = 5000;

/**
 * Links what has committed since the last pass, then re-computes the
 * organization's chain from the start and reports the first break.
 */
export async function verifyOrgChain(db: Database, orgId: string): Promise<ChainReport> {
  await linkOrgChain(db, orgId);
  let expectedPrev = GENESIS;
  let position = 1;
  let events = 0;
  for (;;) {
    const page = await storedEvents(db, 'org_id = $1 and link >= $2 order by link limit $3', [
      orgId,
      position,
      pageSize,
    ]);
    for (const event of page) {
      if (event.link !== position || event.prevHash !== expectedPrev) {
        return { orgId, events, ok: false, brokenAt: { position, reason: 'missing-or-reordered' } };
      }
      if (hashAfter(event, expectedPrev) !== event.hash) {
        return { orgId, events, ok: false, brokenAt: { position, reason: 'edited' } };
      }
      expectedPrev = event.hash;
      position += 1;
      events += 1;
    }
    if (page.length < pageSize) return { orgId, events, ok: true };
  }
}

/** Verifies the chain of every organization. */
export async function verifyAuditChains(db: Database): Promise<ChainReport[]> {
  const orgs = await db.query<{ id: string }>('select id from organization order by created_at');
  const reports: ChainReport[] = [];
  for (const org of orgs) reports.push(await verifyOrgChain(db, org.id));
  return reports;
}
