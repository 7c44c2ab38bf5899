import type { Queryable } from '../db/types.js';

/** One step of a plan as `explain (format json)` gives it, with the figures the plan tests read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/**
 * Every step of the plan `db` makes for `sql` with `params`, run (`analyze`, the default: the
 * rows each step read) or only planned. PGlite gives the plan as text, PostgreSQL as JSON.
 */
export async function planOf(
  db: Queryable,
  sql: string,
  params: readonly unknown[] = [],
  { analyze = true } = {},
): Promise<PlanNode[]> {
  const [row] = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(
    `explain (${analyze ? 'analyze, ' : ''}format json) ${sql}`,
    params,
  );
  const json = row?.['QUERY PLAN'];
  const parsed = typeof json === 'string' ? (JSON.parse(json) as [{ Plan: PlanNode }]) : json;
  if (!parsed) throw new Error('no plan');
  return nodes(parsed[0].Plan);
}
