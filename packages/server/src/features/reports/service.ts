import type { ReportFigures, ReportFilters, ReportOptions } from '@puente/core';
import type { Database, Queryable } from '../../db/types.js';
import type { Actor } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { figuresCsv } from './csv.js';
import { deidentifiedExtract } from './extract.js';
import { reportFigures, reportRead } from './figures.js';
import { resolveScope } from './scope.js';

/** The dashboard's figures: counts only, for managers, supervisors (their teams) and admins. */
export async function figures(db: Database, actor: Actor, filters: ReportFilters): Promise<ReportFigures> {
  return reportFigures(db, await resolveScope(db, actor, filters));
}

/** The same figures as CSV; leaving the app as a file, it is audited. */
export async function figuresExport(db: Database, actor: Actor, filters: ReportFilters, ip: string) {
  const scope = await resolveScope(db, actor, filters);
  const csv = figuresCsv(await reportFigures(db, scope));
  await db.transaction((tx) =>
    recordAudit(tx, who(actor, ip), {
      action: 'reports.figures-exported',
      detail: { from: scope.from, to: scope.to, filtered: Object.keys(filters).sort() },
    }),
  );
  return { csv, scope };
}

/** The evaluators' de-identified extract, audited with its size. */
export async function extractExport(db: Database, actor: Actor, filters: ReportFilters, ip: string) {
  const scope = await resolveScope(db, actor, filters);
  const extract = await reportRead(db, (tx) => deidentifiedExtract(tx, scope));
  await db.transaction((tx) =>
    recordAudit(tx, who(actor, ip), {
      action: 'reports.extract-exported',
      detail: { from: scope.from, to: scope.to, rows: extract.rows, people: extract.people },
    }),
  );
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
