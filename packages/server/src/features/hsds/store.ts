import type { Queryable } from '../../db/types.js';
import { type EntitySpec, entityByName } from './entities.js';

const BATCH = 500;

/** `assured_date` is when someone last checked the service: Puente's "last verified". */
function verifiedAt(record: Record<string, unknown>): string | null {
  const d = record.assured_date;
  if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(d)) return null;
  const at = new Date(d.length === 10 ? `${d}T12:00:00Z` : d);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/**
 * Writes records of one entity, updating in place by HSDS id. With `merge`,
 * fields a record leaves out keep their stored value (nested JSON gives fragments).
 */
export async function storeRecords(
  tx: Queryable,
  orgId: string,
  entity: string,
  records: Record<string, unknown>[],
  merge: boolean,
): Promise<void> {
  const spec = entityByName.get(entity);
  if (!spec) throw new Error(`unknown entity ${entity}`);
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    if (!spec.table) await storeExtra(tx, orgId, entity, batch, merge);
    else await storeOwn(tx, orgId, spec as EntitySpec & { table: string }, batch, merge);
  }
}

async function storeOwn(
  tx: Queryable,
  orgId: string,
  spec: EntitySpec & { table: string },
  batch: Record<string, unknown>[],
  merge: boolean,
) {
  const isService = spec.name === 'service';
  const rows = batch.map((r) => (isService ? { ...r, _verified: verifiedAt(r) } : r));
  const links = spec.links;
  const cols = ['org_id', 'id', ...links, 'data', ...(isService ? ['last_verified_at'] : [])];
  const values = [
    '$1',
    `r->>'id'`,
    ...links.map((l) => `r->>'${l}'`),
    isService ? `r - '_verified'` : 'r',
    ...(isService ? [`(r->>'_verified')::timestamptz`] : []),
  ];
  const set = [
    ...links.map((l) => (merge ? `${l} = coalesce(excluded.${l}, t.${l})` : `${l} = excluded.${l}`)),
    merge ? 'data = t.data || excluded.data' : 'data = excluded.data',
    ...(isService
      ? [
          merge
            ? 'last_verified_at = coalesce(excluded.last_verified_at, t.last_verified_at)'
            : 'last_verified_at = excluded.last_verified_at',
          'updated_at = now()',
        ]
      : []),
    ...(spec.name === 'organization' ? ['updated_at = now()'] : []),
  ];
  await tx.query(
    `insert into ${spec.table} as t (${cols.join(', ')})
     select ${values.join(', ')} from jsonb_array_elements($2::jsonb) r
     on conflict (org_id, id) do update set ${set.join(', ')}`,
    [orgId, JSON.stringify(rows)],
  );
}

async function storeExtra(
  tx: Queryable,
  orgId: string,
  entity: string,
  batch: Record<string, unknown>[],
  merge: boolean,
) {
  await tx.query(
    `insert into hsds_extra as t (org_id, entity, id, data)
     select $1, $2, r->>'id', r from jsonb_array_elements($3::jsonb) r
     on conflict (org_id, entity, id) do update set data = ${merge ? 't.data || excluded.data' : 'excluded.data'}`,
    [orgId, entity, JSON.stringify(batch)],
  );
}
