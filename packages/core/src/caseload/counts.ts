import { suppressedCells } from '../policy/suppress.js';
import type { CaseloadCounts } from './views.js';

/** The counts as counted, before any is hidden. */
export interface RawCaseloadCounts {
  clients: number;
  unassigned: number;
  encountersLast30Days: number;
  overdueTasks: number;
  byChw: { chwId: string; clients: number; overdueTasks: number }[];
}

// Cells of the breakdown by CHW, and the rest of a total beside its published parts (people
// assigned to an account that is not a CHW's, say): never published, only there so a hidden
// part cannot be had by subtraction.
const cell = (column: string, i: number) => `${column}:${i}`;
const rest = (column: string) => `~${column}`;

/**
 * The Counts screen as a manager may see it, with the reports' rule (`suppressedCells`): a count
 * from 1 to threshold − 1 is hidden, and so is whatever would give it back by subtraction (each
 * column of the breakdown adds up to its total). Zero stays: it says nobody.
 * @example publishCaseloadCounts({ clients: 30, byChw: [{ clients: 2, … }, { clients: 28, … }], … }, 11)
 * // → byChw[0].clients and byChw[1].clients null (28 = 30 − 2 would give the 2 back)
 */
export function publishCaseloadCounts(raw: RawCaseloadCounts, threshold: number): CaseloadCounts {
  const sum = (column: 'clients' | 'overdueTasks') => raw.byChw.reduce((n, r) => n + r[column], 0);
  const counts: Record<string, number> = {
    clients: raw.clients,
    unassigned: raw.unassigned,
    encountersLast30Days: raw.encountersLast30Days,
    overdueTasks: raw.overdueTasks,
    [rest('clients')]: Math.max(0, raw.clients - raw.unassigned - sum('clients')),
    [rest('overdueTasks')]: Math.max(0, raw.overdueTasks - sum('overdueTasks')),
  };
  raw.byChw.forEach((r, i) => {
    counts[cell('clients', i)] = r.clients;
    counts[cell('overdueTasks', i)] = r.overdueTasks;
  });
  const parts = (column: 'clients' | 'overdueTasks') => raw.byChw.map((_, i) => cell(column, i));
  const hidden = suppressedCells(
    counts,
    [
      { total: 'clients', parts: [...parts('clients'), 'unassigned', rest('clients')] },
      { total: 'overdueTasks', parts: [...parts('overdueTasks'), rest('overdueTasks')] },
    ],
    threshold,
  );
  const show = (key: string, n: number) => (hidden.has(key) ? null : n);
  return {
    clients: show('clients', raw.clients),
    unassigned: show('unassigned', raw.unassigned),
    encountersLast30Days: show('encountersLast30Days', raw.encountersLast30Days),
    overdueTasks: show('overdueTasks', raw.overdueTasks),
    byChw: raw.byChw.map((r, i) => ({
      chwId: r.chwId,
      clients: show(cell('clients', i), r.clients),
      overdueTasks: show(cell('overdueTasks', i), r.overdueTasks),
    })),
    smallCounts: {
      threshold,
      suppressed: [...hidden].filter((k) => !k.startsWith('~')).sort(),
    },
  };
}
