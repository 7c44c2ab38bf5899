import type { Database } from '../../db/types.js';
import { type Checkpoint, readCheckpoints } from './checkpoints.js';
import { type AuditSeal, chainKey } from './key.js';
import { hashAfter, linkOrgChain, storedEvents } from './link.js';
import { GENESIS, KEYED } from './record.js';

/** Why a chain does not hold, at the first place it breaks. */
export type BreakReason =
  /** An event's content no longer matches its hash (or the hash was made without the key). */
  | 'edited'
  /** An event is missing or out of place. */
  | 'missing-or-reordered'
  /** The chain ends before a head that was checkpointed outside the database: its newest events are gone. */
  | 'tail-deleted'
  /** The chain differs from a checkpointed head: it was recomputed. */
  | 'rewritten'
  /** An event claims a time well before events (or a checkpoint) that came before it in the chain. */
  | 'back-dated'
  /** A line of the checkpoint file is not signed with this key. */
  | 'forged-checkpoint';

export interface ChainReport {
  orgId: string;
  events: number;
  ok: boolean;
  /** Events hashed before chains were keyed (plain SHA-256); only an older chain's start has any. */
  unkeyed: number;
  /** The first place in the chain whose event does not match, when not ok. */
  brokenAt?: { position: number; reason: BreakReason };
}

/**
 * How much earlier than the events before it an event may say it happened: a
 * transaction's length plus the linker's delay plus clock differences between
 * servers. Anything older was inserted after the fact with a false time.
 */
export const BACKDATE_TOLERANCE_MS = 15 * 60_000;

const pageSize = 5000;

/**
 * Links what has committed since the last pass, then re-computes the
 * organization's chain from the start with its key, compares it with the
 * checkpoints written outside the database, and reports the first break.
 */
export async function verifyOrgChain(db: Database, seal: AuditSeal, orgId: string): Promise<ChainReport> {
  await linkOrgChain(db, seal, orgId);
  const key = chainKey(seal, orgId);
  const checkpoints = await readCheckpoints(seal, orgId);
  const byLink = new Map(checkpoints.valid.map((c) => [c.link, c]));
  // The time each checkpoint was written bounds every event linked after it.
  const sorted = [...checkpoints.valid].sort((a, b) => a.link - b.link);
  let nextCheckpoint = 0;
  let floor = Number.NEGATIVE_INFINITY;
  let expectedPrev = GENESIS;
  let position = 1;
  let events = 0;
  let unkeyed = 0;
  let keyedSeen = false;
  const broken = (reason: BreakReason, at = position): ChainReport => ({
    orgId,
    events,
    unkeyed,
    ok: false,
    brokenAt: { position: at, reason },
  });
  for (;;) {
    const page = await storedEvents(db, 'org_id = $1 and link >= $2 order by link limit $3', [
      orgId,
      position,
      pageSize,
    ]);
    for (const event of page) {
      if (event.link !== position || event.prevHash !== expectedPrev || !event.hash) {
        return broken('missing-or-reordered');
      }
      const keyed = event.hash.startsWith(KEYED);
      // Plain hashes are accepted only at the start of a chain written before keying.
      if (!keyed && keyedSeen) return broken('edited');
      if (hashAfter(event, expectedPrev, keyed ? key : undefined) !== event.hash) return broken('edited');
      const checkpoint = byLink.get(position);
      if (checkpoint && checkpoint.hash !== event.hash) return broken('rewritten');
      while (sorted[nextCheckpoint] && (sorted[nextCheckpoint] as Checkpoint).link < position) {
        floor = Math.max(floor, Date.parse((sorted[nextCheckpoint] as Checkpoint).at));
        nextCheckpoint += 1;
      }
      const at = Date.parse(event.at);
      if (at < floor - BACKDATE_TOLERANCE_MS) return broken('back-dated');
      floor = Math.max(floor, at);
      keyedSeen ||= keyed;
      if (!keyed) unkeyed += 1;
      expectedPrev = event.hash;
      position += 1;
      events += 1;
    }
    if (page.length < pageSize) break;
  }
  const furthest = sorted.at(-1);
  if (furthest && furthest.link >= position) return broken('tail-deleted');
  if (checkpoints.forged > 0) return broken('forged-checkpoint');
  return { orgId, events, unkeyed, ok: true };
}

/** Verifies the chain of every organization. */
export async function verifyAuditChains(db: Database, seal: AuditSeal): Promise<ChainReport[]> {
  const orgs = await db.query<{ id: string }>('select id from organization order by created_at');
  const reports: ChainReport[] = [];
  for (const org of orgs) reports.push(await verifyOrgChain(db, seal, org.id));
  return reports;
}
