import { figureKey, gad7, phq9, type ReportFigures, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld } from '../../test/caseload.js';
import { bodyAs, call } from '../../test/http.js';
import { countedFigures, csvRows } from './testing.js';

// One neighbourhood, Sur, of 30 people screened with the PHQ-9 in January: one of them
// positive, with a risk alert; 20 screened with the GAD-7 in February, 12 positive.
const h = useApp();
let w: CaseloadWorld;
const sur = 'neighborhood=Sur&from=2026-01-01&to=2026-02-28';
const oneDay = 'neighborhood=Sur&from=2026-01-14&to=2026-01-14';

async function screen(instrument: string, people: string[], totals: number[], at: string) {
  await h.db.query(
    `insert into screening (id, org_id, client_id, author_id, instrument, version, authored_at, response, result,
        complete, total)
     select gen_random_uuid(), $1, t.client, $2, $3, '1.0.0', $4::timestamptz, '{}', '{"flags":{}}', true, t.total
       from unnest($5::uuid[], $6::int[]) as t(client, total)`,
    [w.org.orgId, w.org.ids[w.org.chw], instrument, at, people, totals],
  );
}

beforeAll(async () => {
  w = await caseloadWorld(h, 'suppression');
  const people = Array.from({ length: 30 }, () => uuidv7());
  await h.db.query(
    `insert into client (id, org_id, given_name, name_folded, preferred_language, neighborhood, assigned_chw_id, created_by)
     select id, $1, 'Persona', 'persona', 'es', 'Sur', $2, $2 from unnest($3::uuid[]) as t(id)`,
    [w.org.orgId, w.org.ids[w.org.chw], people],
  );
  await screen(
    phq9.url,
    people,
    people.map((_, i) => (i === 0 ? 15 : 3)),
    '2026-01-14T18:00:00Z',
  );
  const twenty = people.slice(0, 20);
  await screen(
    gad7.url,
    twenty,
    twenty.map((_, i) => (i < 12 ? 14 : 2)),
    '2026-02-11T18:00:00Z',
  );
  const alertId = uuidv7();
  const alert = await call(h.app, 'POST', '/api/alerts', {
    cookie: w.cookie.chw,
    body: { id: alertId, clientId: people[0], note: 'Dijo algo preocupante' },
  });
  expect(alert.status, JSON.stringify(alert.body)).toBeLessThan(300);
  await h.db.query(`update risk_alert set raised_at = '2026-01-14T19:00:00Z' where id = $1`, [alertId]);
});

const figures = async (query: string) => {
  const reply = await call(h.app, 'GET', `/api/reports/figures?${query}`, { cookie: w.cookie.manager });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return bodyAs<ReportFigures>(reply);
};
const csv = async (path: string, query: string) => {
  const reply = await call(h.app, 'GET', `/api/reports/${path}?${query}`, { cookie: w.cookie.manager });
  expect(reply.status).toBe(200);
  return String(reply.body.text);
};

describe('a report filtered to a neighbourhood', () => {
  it('hides the one person screened positive, and what would give them away', async () => {
    const counted = await countedFigures(h, w.org, 'manager', {
      neighborhood: 'Sur',
      from: '2026-01-01',
      to: '2026-02-28',
    });
    expect(counted.screenings.find((s) => s.instrument === phq9.url)?.positive).toBe(1);

    const f = await figures(sur);
    const phq = f.screenings.find((s) => s.instrument === phq9.url);
    const gad = f.screenings.find((s) => s.instrument === gad7.url);
    expect(phq).toEqual({ instrument: phq9.url, done: 30, positive: null, sharePositive: null });
    // Positives by instrument and by month add up to one sum: 12 shown would give the 1 away.
    expect(gad).toMatchObject({ done: 20, positive: null, sharePositive: null });
    expect(f.months.map((m) => m.positive)).toEqual([null, null]);
    expect(f.months.map((m) => m.screenings)).toEqual([30, 20]);
    expect(f.alerts).toEqual({ raised: null, acknowledged: 0, medianMinutesToAcknowledge: null });
    expect(f.smallCounts.threshold).toBe(11);
    expect(f.smallCounts.suppressed).toEqual(
      expect.arrayContaining([
        figureKey('screenings', phq9.url, 'positive'),
        figureKey('screenings', gad7.url, 'positive'),
        figureKey('alerts', 'raised'),
      ]),
    );
  });

  it('hides the same figures in the CSV, saying which and under what threshold', async () => {
    const text = await csv('figures.csv', sur);
    expect(text).toContain('notes,,,small_count_threshold,11,');
    expect(text).toContain('screenings,phq-9,,done,30,');
    expect(text).toContain('screenings,phq-9,,positive,,1');
    expect(text).toContain('screenings,gad-7,,positive,,1');
    expect(text).toContain('alerts,,,raised,,1');
    expect(text).toContain('months,,2026-01,positive,,1');
    for (const line of text.split('\r\n').filter((l) => !l.startsWith('notes'))) {
      const value = Number(line.split(',')[4] || 0);
      expect(value === 0 || value >= 11 || !Number.isInteger(value), line).toBe(true);
    }
  });

  it('is audited when viewed and when downloaded, with its filters and no name', async () => {
    await figures(sur);
    await csv('figures.csv', sur);
    await csv('extract.csv', sur);
    const rows = await h.db.query<{ action: string; detail: Record<string, unknown> }>(
      `select action, detail from audit_event where org_id = $1 and action like 'report.%' order by seq`,
      [w.org.orgId],
    );
    const last = (action: string, file?: string) =>
      rows.filter((r) => r.action === action && (file === undefined || r.detail.file === file)).at(-1)
        ?.detail;
    const filters = { from: '2026-01-01', to: '2026-02-28', neighborhood: 'Sur' };
    expect(last('report.viewed')).toMatchObject(filters);
    expect(last('report.extracted', 'figures')).toMatchObject(filters);
    expect(last('report.extracted', 'extract')).toMatchObject({ ...filters, rows: 51, people: 30 });
    expect(JSON.stringify(rows)).not.toContain('Persona');
  });
});

describe('two one-day extracts of the same data', () => {
  // Every event of the extract was on 14 January: the shift of each row is its date minus that day.
  const shifts = (rows: Record<string, string | undefined>[]) =>
    rows.map((r) => (Date.parse(r.date_shifted ?? '') - Date.parse('2026-01-14')) / 86_400_000).sort();

  it('share no pseudonym and no set of date shifts, and say so in the file', async () => {
    const [first, second] = [await csv('extract.csv', oneDay), await csv('extract.csv', oneDay)];
    const [a, b] = [csvRows(first), csvRows(second)];
    expect(a).toHaveLength(31);
    expect(b).toHaveLength(31);
    const ids = new Set(a.map((r) => r.person_id));
    expect(ids.size).toBe(30);
    for (const r of b) expect(ids.has(r.person_id)).toBe(false);
    expect(shifts(a)).not.toEqual(shifts(b));
    expect(first).toMatch(/^# Puente de-identified extract/);
    expect(first).toContain('fewer than 11 people');
  });
});

describe('the program’s threshold', () => {
  it('is set by an admin, never under five, and read by the next report', async () => {
    const save = (smallCountThreshold: number) =>
      call(h.app, 'PUT', '/api/program/settings', {
        cookie: w.cookie.admin,
        body: {
          followUpDaysAfterVisit: 7,
          noContactDays: 30,
          timeZone: 'America/Los_Angeles',
          smallCountThreshold,
        },
      });
    const low = await save(4);
    expect(low.status).toBe(400);
    expect(JSON.stringify(low.body)).toContain('smallCountThreshold');
    expect((await save(13)).body).toMatchObject({ smallCountThreshold: 13 });
    expect(
      (await call(h.app, 'GET', '/api/program/settings', { cookie: w.cookie.admin })).body,
    ).toMatchObject({
      smallCountThreshold: 13,
    });
    const f = await figures(sur);
    expect(f.smallCounts.threshold).toBe(13);
    // 12 positive GAD-7 screens are now under the threshold themselves.
    expect(f.months[1]?.positive).toBeNull();
    expect((await save(11)).status).toBe(200);
  });
});
