import { describe, expect, it } from 'vitest';
import { publishCaseloadCounts } from './counts.js';

const raw = {
  clients: 40,
  unassigned: 0,
  encountersLast30Days: 120,
  overdueTasks: 0,
  byChw: [
    { chwId: 'a', clients: 2, overdueTasks: 0 },
    { chwId: 'b', clients: 25, overdueTasks: 0 },
    { chwId: 'c', clients: 13, overdueTasks: 0 },
  ],
};

describe('publishCaseloadCounts', () => {
  it('hides a CHW’s small caseload and the next smallest part, so the total gives neither back', () => {
    const shown = publishCaseloadCounts(raw, 11);
    expect(shown.byChw.map((r) => r.clients)).toEqual([null, 25, null]);
    expect(shown.clients).toBe(40);
    // Zero says nobody: it stays.
    expect(shown.overdueTasks).toBe(0);
    expect(shown.byChw.map((r) => r.overdueTasks)).toEqual([0, 0, 0]);
    expect(shown.smallCounts).toEqual({ threshold: 11, suppressed: ['clients:0', 'clients:2'] });
  });

  it('hides a program total under the threshold too', () => {
    const small = publishCaseloadCounts(
      { ...raw, clients: 4, encountersLast30Days: 3, byChw: [{ chwId: 'a', clients: 4, overdueTasks: 0 }] },
      11,
    );
    expect(small).toMatchObject({ clients: null, encountersLast30Days: null, byChw: [{ clients: null }] });
  });
});
