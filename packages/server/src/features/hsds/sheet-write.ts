import type { Queryable } from '../../db/types.js';
import { rebuildEntries } from '../directory/projection.js';
import { entities } from './entities.js';
import type { ServiceRecords } from './sheet-rows.js';
import { storeRecords } from './store.js';

/**
 * Writes services read from a sheet or the form, in the caller's transaction: each service's
 * own phones, hours, languages, categories and places are replaced by the new ones (a second
 * import of the sheet leaves no stale hours behind), then its search entries are rebuilt.
 */
export async function writeServices(tx: Queryable, orgId: string, services: ServiceRecords[]): Promise<void> {
  if (services.length === 0) return;
  const ids = services.map((s) => s.serviceId);
  for (const table of ['hsds_schedule', 'hsds_language', 'hsds_phone', 'hsds_service_at_location'])
    await tx.query(`delete from ${table} where org_id = $1 and service_id = any($2::text[])`, [orgId, ids]);
  await tx.query(`delete from hsds_attribute where org_id = $1 and link_id = any($2::text[])`, [orgId, ids]);
  const byEntity = new Map<string, Map<string, Record<string, unknown>>>();
  for (const s of services) {
    for (const [entity, records] of s.records) {
      const byId = byEntity.get(entity) ?? new Map<string, Record<string, unknown>>();
      for (const r of records) byId.set(String(r.id), r);
      byEntity.set(entity, byId);
    }
  }
  for (const spec of entities) {
    const records = [...(byEntity.get(spec.name)?.values() ?? [])];
    if (records.length > 0) await storeRecords(tx, orgId, spec.name, records, false);
  }
  await rebuildEntries(tx, orgId, ids);
}
