import { every } from '../../background.js';
import type { Database, Queryable } from '../../db/types.js';
import type { Logger } from '../../log.js';
import { writeCheckpoint } from './checkpoints.js';
import { type AuditSeal, chainKey } from './key.js';
import { type AuditRow, auditHash, GENESIS } from './record.js';

// Namespace for the per-organization advisory lock that orders the chain.
const AUDIT_LOCK_NAMESPACE = 7_263_002;
/** Events linked per transaction, so a long backlog never holds the lock for long. */
const BATCH = 1000;
/** How soon after it commits an event is in the chain (and from then on tamper-evident). */
export const LINK_EVERY_MS = 2000;

type Content = Omit<AuditRow, 'prevHash' | 'hash'>;
/** An event as stored: what it recorded, and its place in the chain once linked. */
export type StoredEvent = Content & { link: number | null; prevHash: string | null; hash: string | null };

/**
 * Events as stored, in the shape their hash is computed from: the linker and
 * the checker read them the same way, so they hash the same bytes. `seq` and
 * `link` are selected as the bigint columns themselves and made numbers here:
 * an `order by link` in `where` sorts by the output column of that name, and
 * when that was `link::float8 as link` no index could give the order, so every
 * pass of the linker sorted the organization's whole trail (250 ms at 322k events).
 */
export async function storedEvents(tx: Queryable, where: string, params: unknown[]): Promise<StoredEvent[]> {
  const rows = await tx.query<
    Omit<StoredEvent, 'at' | 'seq' | 'link'> & StoredNumbers & { at: Date | string }
  >(storedEventsSql(where), params);
  return rows.map(({ seq, link, ...row }) => ({
    ...row,
    seq: Number(seq),
    link: link === null ? null : Number(link),
    at: new Date(row.at).toISOString(),
  }));
}

/** bigint columns arrive as strings from node-postgres and as bigints or numbers from PGlite. */
type StoredNumbers = { seq: string | number | bigint; link: string | number | bigint | null };

/** The statement storedEvents runs (exported so a test can explain it). */
export const storedEventsSql = (where: string) =>
  `select org_id as "orgId", seq, at, actor_id as "actorId", actor_role as "actorRole", action,
          subject_type as "subjectType", subject_id as "subjectId", ip, detail,
          link, prev_hash as "prevHash", hash
     from audit_event where ${where}`;

/** The head of an organization's chain: the last entry of audit_event_link_idx (a test explains it). */
export const chainHeadSql = `select link, hash from audit_event
  where org_id = $1 and link is not null order by link desc limit 1`;
/** A batch of committed events waiting for their link, oldest first, from audit_event_unlinked_idx. */
export const unlinkedWhere = 'org_id = $1 and link is null order by seq limit $2';
/** The organizations with events waiting, from the same partial index (it holds only the waiting). */
export const waitingOrgsSql = 'select distinct org_id as "orgId" from audit_event where link is null';

/** The hash an event has when it follows `prevHash` in the chain (keyed with `key`; plain before keying). */
export function hashAfter(event: StoredEvent, prevHash: string, key?: Buffer): string {
  const { link: _link, prevHash: _prev, hash: _hash, ...content } = event;
  return auditHash({ ...content, prevHash }, key);
}

/**
 * Links the organization's committed, unlinked events into its chain, in the
 * order they were written, then checkpoints the new head outside the database.
 */
export async function linkOrgChain(
  db: Database,
  seal: AuditSeal,
  orgId: string,
  log?: Logger,
): Promise<number> {
  const key = chainKey(seal, orgId);
  let linked = 0;
  let head: { link: number; hash: string } | undefined;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      // One linker at a time per organization, across every server process.
      await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [AUDIT_LOCK_NAMESPACE, orgId]);
      const [last] = await tx.query<{ link: string | number | bigint; hash: string }>(chainHeadSql, [orgId]);
      const events = await storedEvents(tx, unlinkedWhere, [orgId, BATCH]);
      if (events.length === 0) return 0;
      let prevHash = last?.hash ?? GENESIS;
      let link = last ? Number(last.link) : 0;
      const linking = {
        seq: [] as number[],
        link: [] as number[],
        prev: [] as string[],
        hash: [] as string[],
      };
      for (const event of events) {
        const hash = hashAfter(event, prevHash, key);
        linking.seq.push(event.seq);
        linking.link.push(++link);
        linking.prev.push(prevHash);
        linking.hash.push(hash);
        prevHash = hash;
      }
      await tx.query(
        `update audit_event a set link = u.link, prev_hash = u.prev, hash = u.hash
           from unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[]) as u(seq, link, prev, hash)
          where a.org_id = $1 and a.seq = u.seq`,
        [orgId, linking.seq, linking.link, linking.prev, linking.hash],
      );
      head = { link, hash: prevHash };
      return events.length;
    });
    linked += n;
    if (n < BATCH) break;
  }
  if (head) await writeCheckpoint(seal, { org: orgId, ...head }, log);
  return linked;
}

/** Links every organization's waiting events. */
export async function linkAllChains(db: Database, seal: AuditSeal, log?: Logger): Promise<number> {
  const orgs = await db.query<{ orgId: string }>(waitingOrgsSql);
  let linked = 0;
  for (const { orgId } of orgs) linked += await linkOrgChain(db, seal, orgId, log);
  return linked;
}

/** Links new events every LINK_EVERY_MS in the server process, and once more when it stops. */
export function startAuditLinker(db: Database, seal: AuditSeal, log: Logger): { stop(): Promise<void> } {
  const pass = async () => void (await linkAllChains(db, seal, log));
  const linker = every(LINK_EVERY_MS, pass, log, 'audit linking');
  return {
    async stop() {
      await linker.stop();
      await linkAllChains(db, seal, log);
    },
  };
}
