import type { Backfill } from '../backfill.js';
import type { Queryable } from '../types.js';

/**
 * 0010's monthly counts for the people already there, a batch of people at a
 * time in the order of their ids. Each batch recounts its people from their
 * encounters (encounter_month_recount, which locks just those client rows),
 * so running one twice gives the same rows, and anyone written meanwhile was
 * counted by the triggers already. About 10 encounters per person: a batch of
 * 1,000 people reads some 10,000 encounters.
 */
export const reportRollupsBackfill: Backfill = {
  batchSize: 1000,
  async batch(tx: Queryable, after: string | null, size: number) {
    const people = await tx.query<{ orgId: string; id: string }>(
      after === null
        ? 'select org_id as "orgId", id from client order by id limit $1'
        : 'select org_id as "orgId", id from client where id > $2::uuid order by id limit $1',
      after === null ? [size] : [size, after],
    );
    if (people.length > 0) {
      await tx.query('select encounter_month_recount($1::uuid[], $2::uuid[])', [
        people.map((p) => p.orgId),
        people.map((p) => p.id),
      ]);
    }
    return people.length < size ? null : (people.at(-1)?.id ?? null);
  },
};

/** 0010 as first released ended with the whole back-fill in its own transaction. */
export const reportRollupsEarlier = {
  '0767c1c486938d7be05184d2b7bec0a3a47b503a4694c8af17e981936eca9425':
    'the same schema, with the back-fill done in the migration’s transaction',
};
