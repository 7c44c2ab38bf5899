import { type CaseloadCounts, defaultSmallCount } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { bodyAs, call } from '../../test/http.js';

// The Counts screen shows caseloads per CHW. A manager must not read there a figure resting on
// one or two people (a CHW's 2 clients, 1 overdue task), nor work one out by subtraction: the
// reports' small-count rule applies. The supervisor and the admin see the counts as counted.

const h = useApp();
let w: CaseloadWorld;

beforeAll(async () => {
  w = await caseloadWorld(h, 'counts-small');
  // Two people with one CHW, a dozen with the other: a small cell beside a large one.
  for (let i = 0; i < 2; i++) await register(h, w.cookie.chw, { givenName: `Pequeña ${i}` });
  for (let i = 0; i < 12; i++) await register(h, w.cookie.chw2, { givenName: `Grande ${i}` });
  const [first] = await h.db.query<{ id: string }>(
    'select id from client where org_id = $1 and assigned_chw_id = $2 limit 1',
    [w.org.orgId, w.org.ids[w.org.chw]],
  );
  await call(h.app, 'POST', `/api/clients/${first?.id}/tasks`, {
    cookie: w.cookie.chw,
    body: { title: 'Llamar', dueOn: '2026-01-02' },
  });
});

const counts = async (cookie: string) => {
  const reply = await call(h.app, 'GET', '/api/caseload/counts', { cookie });
  expect(reply.status).toBe(200);
  return bodyAs<CaseloadCounts>(reply);
};

describe('the Counts screen and small cells', () => {
  it('a manager sees no count from 1 to the threshold − 1, and none that gives one back', async () => {
    const seen = await counts(w.cookie.manager);
    const threshold = defaultSmallCount;
    expect(seen.smallCounts?.threshold).toBe(threshold);
    const cells = [
      seen.clients,
      seen.unassigned,
      seen.encountersLast30Days,
      seen.overdueTasks,
      ...seen.byChw.flatMap((r) => [r.clients, r.overdueTasks]),
    ];
    for (const n of cells) if (n !== null) expect(n === 0 || n >= threshold, String(n)).toBe(true);
    // The 2 is hidden; with the total 14 shown, another part (the 12, or what stands beside it)
    // is hidden too, so no shown figures subtract to the hidden 2.
    const parts = [...seen.byChw.map((r) => r.clients), seen.unassigned];
    const hiddenParts = parts.filter((n) => n === null).length;
    expect(seen.clients === null || hiddenParts >= 2).toBe(true);
    expect(seen.byChw.some((r) => r.clients === null)).toBe(true);
    // The single overdue task is not shown, neither in its row nor as the program's total.
    expect(seen.overdueTasks).toBeNull();
    expect(seen.byChw.every((r) => r.overdueTasks === 0 || r.overdueTasks === null)).toBe(true);
    // Rows carry no account id a manager could match to a name elsewhere.
    const ids = new Set(Object.values(w.org.ids));
    expect(seen.byChw.filter((r) => ids.has(r.chwId))).toEqual([]);
  });

  it('a supervisor and an admin see every count as counted', async () => {
    for (const cookie of [w.cookie.supervisor, w.cookie.admin]) {
      const seen = await counts(cookie);
      expect(seen.smallCounts).toBeUndefined();
      expect(seen.clients).toBe(14);
      expect(seen.overdueTasks).toBe(1);
      const row = seen.byChw.find((r) => r.chwId === w.org.ids[w.org.chw]);
      expect(row).toMatchObject({ clients: 2, overdueTasks: 1 });
      expect(seen.byChw.find((r) => r.chwId === w.org.ids[w.org.chw2])).toMatchObject({ clients: 12 });
    }
  });
});
