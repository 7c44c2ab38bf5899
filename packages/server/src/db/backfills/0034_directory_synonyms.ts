import { rebuildEntries } from '../../features/directory/projection.js';
import type { Backfill } from '../backfill.js';
import type { Queryable } from '../types.js';

/**
 * 0034's search documents: every service's entries rebuilt, so the ones indexed before the
 * lexicon hold its concepts too (a query's lexicon words are searched by their concepts).
 * Services in (organization, id) order; the cursor is the last one's "org id/service id".
 * Rebuilding a service twice gives the same entries.
 */
export const directoryConceptsBackfill: Backfill = {
  batchSize: 500,
  async batch(tx: Queryable, after: string | null, size: number) {
    const [org = '', id = ''] = after ? [after.slice(0, 36), after.slice(37)] : [];
    const services = await tx.query<{ org_id: string; id: string }>(
      after === null
        ? 'select org_id, id from hsds_service order by org_id, id limit $1'
        : 'select org_id, id from hsds_service where (org_id, id) > ($2::uuid, $3) order by org_id, id limit $1',
      after === null ? [size] : [size, org, id],
    );
    const byOrg = new Map<string, string[]>();
    for (const s of services) byOrg.set(s.org_id, [...(byOrg.get(s.org_id) ?? []), s.id]);
    for (const [orgId, ids] of byOrg) await rebuildEntries(tx, orgId, ids);
    const last = services.at(-1);
    return services.length < size || !last ? null : `${last.org_id}/${last.id}`;
  },
};
