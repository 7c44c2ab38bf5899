import type { Queryable } from '../../db/types.js';

/** How often a running import says it is alive, and how long without it before it counts as cut off. */
export const leaseRenewMs = 10_000;
export const leaseLapseSeconds = 60;

/**
 * Takes the lease of a run and renews it until `release` is called (when the run finishes, however
 * it ends). The timer does not keep the process up; if the process dies, the lease lapses.
 */
export async function holdLease(db: Queryable, orgId: string, runId: string): Promise<() => Promise<void>> {
  await db.query('insert into import_lease (run_id, org_id) values ($1, $2)', [runId, orgId]);
  const timer = setInterval(() => {
    // A renewal that fails (the database busy or gone) only lets the lease lapse sooner.
    db.query('update import_lease set renewed_at = now() where run_id = $1', [runId]).catch(() => {});
  }, leaseRenewMs);
  timer.unref?.();
  return async () => {
    clearInterval(timer);
    // A lease that cannot be given back (the database gone, or switching) lapses on its own.
    await db.query('delete from import_lease where run_id = $1', [runId]).catch(() => {});
  };
}

/**
 * Whether a run that never finished is still held by a live server. A run without a lease (its
 * server died before the lease table existed, or released it without finishing) is not.
 */
export async function leaseIsLive(db: Queryable, orgId: string, runId: string): Promise<boolean> {
  const rows = await db.query(
    `select 1 from import_lease where org_id = $1 and run_id = $2
        and renewed_at > now() - make_interval(secs => $3)`,
    [orgId, runId, leaseLapseSeconds],
  );
  return rows.length > 0;
}
