import type { Backfill } from '../backfill.js';
import type { LateIndex } from '../late-indexes.js';
import type { Queryable } from '../types.js';

const NIL = '00000000-0000-0000-0000-000000000000';

/**
 * 0014's places for the events written before it: each event chained the old way
 * (hashed as it was inserted, numbered 1, 2, 3… per organization) keeps its place,
 * so its link is its seq. A batch at a time in the order of the primary key; the
 * append-only guard lets exactly this change through (an unlinked event gets its
 * place, nothing it recorded changes), and a batch run twice finds its events
 * linked already. Last, the rows already there are checked against the rule that
 * an event is linked whole (`validate constraint` blocks no reader or writer).
 */
export const auditLinkBackfill: Backfill = {
  batchSize: 5000,
  async batch(tx: Queryable, after: string | null, size: number) {
    const [org = NIL, seq = '-1'] = after?.split('/') ?? [];
    const linked = await tx.query<{ orgId: string; seq: string }>(
      `with batch as (
         select org_id, seq from audit_event
          where (org_id, seq) > ($1::uuid, $2::bigint) and link is null and hash is not null
          order by org_id, seq limit $3)
       update audit_event a set link = a.seq from batch
        where a.org_id = batch.org_id and a.seq = batch.seq
       returning a.org_id as "orgId", a.seq::text as seq`,
      [org, seq, size],
    );
    if (linked.length < size) {
      await tx.query('alter table audit_event validate constraint audit_event_linked_whole');
      return null;
    }
    const last = linked.reduce((a, b) =>
      a.orgId < b.orgId || (a.orgId === b.orgId && BigInt(a.seq) < BigInt(b.seq)) ? b : a,
    );
    return `${last.orgId}/${last.seq}`;
  },
};

/**
 * Built once 0014 commits, while the audit trail is being written: in its
 * transaction (with the column added, the table locked to readers too) they
 * held it for 10 s at 2.4 million events. The back-fill runs after them.
 */
export const auditLinkIndexes: LateIndex[] = [
  { name: 'audit_event_link_idx', unique: true, on: 'audit_event (org_id, link)' },
  { name: 'audit_event_unlinked_idx', on: 'audit_event (org_id, seq) where link is null' },
];

export const auditLinkEarlier = {
  // 0014 as first released linked them in its own transaction, with the guard switched off meanwhile.
  '294a0ecee83b42d5f40e77e838e15e8ca9f41afadd8abeeaa5534eee70b46347':
    'the same schema, with the events already written linked in the migration’s transaction',
  '0795b1c8cd597a2242557bff1a8ceabde986695b0f137d8098086265201e3abe':
    'the same schema, with its two indexes built in the migration’s transaction',
};
