import { publishFigures, type ReportFigures, type ReportFilters, type ReportOptions } from '@puente/core';
import type { Database, Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { figuresCsv } from './csv.js';
import { deidentifiedExtract } from './extract.js';
import { reportFigures, reportRead } from './figures.js';
import { type ReportScope, resolveScope } from './scope.js';

/**
 * The one place the report's figures are made fit to leave the server: the
 * dashboard's JSON and the CSV both come from here, small counts hidden.
 */
async function publishedFigures(db: Database, scope: ReportScope): Promise<ReportFigures> {
  return publishFigures(await reportFigures(db, scope), scope.threshold);
}

/** What the audit trail keeps of a report's filters: the period and the filter values, never a name. */
const auditedFilters = (scope: ReportScope, filters: ReportFilters) => ({
  from: scope.from,
  to: scope.to,
  ...(filters.teamId ? { teamId: filters.teamId } : {}),
  ...(filters.chwId ? { chwId: filters.chwId } : {}),
  ...(filters.neighborhood ? { neighborhood: filters.neighborhood } : {}),
  ...(filters.language ? { language: filters.language } : {}),
});

/**
 * Reports read through their own read-only transactions, several side by side
 * (figures.ts' reportRead), so they take the database itself rather than a
 * caller's transaction; each view is audited once it has been read.
 */
const audit = (db: Queryable, caller: Caller, action: string, detail: Record<string, unknown>) =>
  recordAudit(db, who(caller), { action, detail });

/**
 * The dashboard's figures for managers, supervisors (their teams) and admins; each view is audited.
 * `reads` is where they are read (a read replica, http/scope.ts readsOf); the audit goes to `db`.
 */
export async function figures(
  db: Database,
  caller: Caller,
  filters: ReportFilters,
  reads: Database = db,
): Promise<ReportFigures> {
  // Who the caller may see is asked of the primary: a team change made a moment ago by an admin counts.
  const scope = await resolveScope(db, caller.actor, filters);
  const published = await publishedFigures(reads, scope);
  await audit(db, caller, 'report.viewed', {
    ...auditedFilters(scope, filters),
    suppressed: published.smallCounts.suppressed.length,
  });
  return published;
}

/** The same figures as CSV; leaving the app as a file, it is audited. */
export async function figuresExport(
  db: Database,
  caller: Caller,
  filters: ReportFilters,
  reads: Database = db,
) {
  // Who the caller may see is asked of the primary: a team change made a moment ago by an admin counts.
  const scope = await resolveScope(db, caller.actor, filters);
  const csv = figuresCsv(await publishedFigures(reads, scope));
  await audit(db, caller, 'report.extracted', { file: 'figures', ...auditedFilters(scope, filters) });
  return { csv, scope };
}

/** The evaluators' de-identified extract, audited with its size. */
export async function extractExport(
  db: Database,
  caller: Caller,
  filters: ReportFilters,
  reads: Database = db,
) {
  // Who the caller may see is asked of the primary: a team change made a moment ago by an admin counts.
  const scope = await resolveScope(db, caller.actor, filters);
  const extract = await reportRead(reads, (tx) => deidentifiedExtract(tx, scope));
  await audit(db, caller, 'report.extracted', {
    file: 'extract',
    ...auditedFilters(scope, filters),
    rows: extract.rows,
    people: extract.people,
  });
  return { csv: extract.csv, scope };
}

/**
 * What the filters offer the caller. Managers get CHWs without names (the
 * screen numbers them), as on the counts screen; teams are named by the program.
 */
export async function reportOptions(db: Queryable, actor: Actor): Promise<ReportOptions> {
  const teams = await db.query<{ id: string; name: string }>(
    `select id, name from team where org_id = $1 and ($2 <> 'supervisor' or supervisor_id = $3) order by lower(name), id`,
    [actor.orgId, actor.role, actor.userId],
  );
  const chws = await db.query<{ id: string; name: string }>(
    `select u.id, u.display_name as name from app_user u
      where u.org_id = $1 and u.role in ('chw', 'supervisor')
        and ($2 <> 'supervisor' or u.id = $3 or u.id in (
              select tm.user_id from team_member tm join team t on t.id = tm.team_id
               where t.org_id = $1 and t.supervisor_id = $3))
      order by u.id`,
    [actor.orgId, actor.role, actor.userId],
  );
  const values = (column: string) =>
    db.query<{ v: string }>(
      `select distinct ${column} as v from client where org_id = $1 and merged_into is null and ${column} is not null
        order by 1 limit 200`,
      [actor.orgId],
    );
  return {
    teams,
    chws: chws.map((u) => ({ id: u.id, name: actor.role === 'manager' ? null : u.name })),
    neighborhoods: (await values('neighborhood')).map((r) => r.v),
    languages: (await values('preferred_language')).map((r) => r.v),
  };
}
