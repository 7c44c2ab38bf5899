import { readdir, readFile } from 'node:fs/promises';
import type { ImportReport } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { call, signIn } from '../../test/http.js';
import { sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { exportTabular, toCsvFiles } from './export.js';
import { importDirectory, readPath } from './import.js';
import { readJson } from './read-json.js';
import { readTabular } from './read-tabular.js';

const examples = new URL('./fixtures/examples/', import.meta.url);
const h = useApp();
let org: TestOrg;
let admin: string;
beforeAll(async () => {
  org = await seedOrg(h.db, 'dir-import');
  admin = await signIn(h.app, org.admin, PASSWORD);
});

const count = async (table: string, orgId = org.orgId) =>
  (await h.db.query<{ n: number }>(`select count(*)::int as n from ${table} where org_id = $1`, [orgId]))[0]
    ?.n;

const upload = async (body: unknown) => {
  const reply = await call(h.app, 'POST', '/api/directory/import', { cookie: admin, body });
  expect(reply.status).toBe(200);
  return reply.body as unknown as ImportReport;
};

describe('importing the official HSDS 3.0 examples', () => {
  it('imports every JSON example without a refused record', async () => {
    const files = (await readdir(examples)).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const json = JSON.parse(await readFile(new URL(file, examples), 'utf8'));
      const report = await importDirectory(h.db, org.orgId, readJson(json, file));
      expect(report.rejected, file).toEqual([]);
    }
    expect(await count('hsds_service')).toBe(1);
    expect(await count('hsds_phone')).toBe(1);
    // The examples place the Civic Center at latitude 100: kept, without coordinates, and said so.
    const [location] = await h.db.query<{ data: Record<string, unknown> }>(
      'select data from hsds_location where org_id = $1',
      [org.orgId],
    );
    expect(location?.data.name).toBe('MyCity Civic Center');
    expect(location?.data.latitude).toBeUndefined();
  });

  it('imports the CSV datapackage without a refused row', async () => {
    const other = await seedOrg(h.db, 'dir-import-csv');
    const report = await importDirectory(
      h.db,
      other.orgId,
      await readPath(new URL('csv', examples).pathname),
    );
    expect(report.rejected).toEqual([]);
    expect(report.imported).toMatchObject({
      organization: 1,
      service: 1,
      location: 1,
      schedule: 1,
      taxonomy_term: 1,
    });
    expect(report.warnings).toContainEqual(
      expect.objectContaining({ file: 'locations.csv', row: '2', field: 'latitude' }),
    );
    expect(await count('directory_entry', other.orgId)).toBe(1);
  });
});

describe('refusing bad rows', () => {
  it('reports a broken row with file, row, field and reason, and imports the rest', async () => {
    const csv = (rows: string[]) => new TextEncoder().encode(`${rows.join('\n')}\n`);
    const files = new Map([
      [
        'services.csv',
        csv([
          'id,name,status,minimum_age',
          '10000000-0000-4000-8000-000000000001,Food Pantry,active,',
          '10000000-0000-4000-8000-000000000002,Broken,closed-forever,',
          '10000000-0000-4000-8000-000000000003,Kids Club,active,ten',
        ]),
      ],
      [
        'schedules.csv',
        csv([
          'id,service_id,opens_at,closes_at',
          '10000000-0000-4000-8000-000000000009,10000000-0000-4000-8000-000000000001,25:00,10:00',
        ]),
      ],
      ['locations.csv', csv(['id,name', '10000000-0000-4000-8000-000000000010,No type'])],
    ]);
    const report = await importDirectory(h.db, org.orgId, readTabular(files));
    expect(report.rejected).toEqual([
      {
        file: 'locations.csv',
        row: 'header',
        field: 'location_type',
        reason: 'required column missing',
        code: 'columnMissing',
      },
      {
        file: 'services.csv',
        row: '3',
        field: 'status',
        reason: 'must be equal to one of the allowed values',
        // The rule that failed, and the values it allows, so the admin's screen can say them.
        code: 'notAllowed',
        params: { values: 'active, inactive, defunct, temporarily closed' },
      },
      { file: 'services.csv', row: '4', field: 'minimum_age', reason: 'must be number', code: 'notNumber' },
      expect.objectContaining({
        file: 'schedules.csv',
        row: '2',
        field: 'opens_at',
        reason: expect.stringContaining('25:00'),
        code: 'notTime',
        params: { value: '25:00' },
      }),
    ]);
    expect(report.imported).toEqual({ service: 1 });
  });

  it('keeps a schedule with times as people write them, read as HH:MM and said in a warning', async () => {
    const csv = (rows: string[]) => new TextEncoder().encode(`${rows.join('\n')}\n`);
    const service = '20000000-0000-4000-8000-000000000001';
    const schedule = (n: number) => `20000000-0000-4000-8000-00000000001${n}`;
    const files = new Map([
      ['services.csv', csv(['id,name,status', `${service},Evening Clinic,active`])],
      [
        'schedules.csv',
        csv([
          'id,service_id,freq,byday,opens_at,closes_at',
          `${schedule(1)},${service},WEEKLY,MO,9am,4:00 PM`,
          `${schedule(2)},${service},WEEKLY,TU,noon,midnight`,
          `${schedule(3)},${service},WEEKLY,WE,10:00,17:30`,
          `${schedule(4)},${service},WEEKLY,TH,morning,5pm`,
        ]),
      ],
    ]);
    const report = await importDirectory(h.db, org.orgId, readTabular(files));
    expect(report.imported).toEqual({ service: 1, schedule: 3 });
    expect(report.warnings).toEqual([
      {
        file: 'schedules.csv',
        row: '2',
        field: 'opens_at',
        reason: '"9am" is read as 09:00',
        code: 'readAs',
        params: { value: '9am', time: '09:00' },
      },
      {
        file: 'schedules.csv',
        row: '2',
        field: 'closes_at',
        reason: '"4:00 PM" is read as 16:00',
        code: 'readAs',
        params: { value: '4:00 PM', time: '16:00' },
      },
      {
        file: 'schedules.csv',
        row: '3',
        field: 'opens_at',
        reason: '"noon" is read as 12:00',
        code: 'readAs',
        params: { value: 'noon', time: '12:00' },
      },
      {
        file: 'schedules.csv',
        row: '3',
        field: 'closes_at',
        reason: '"midnight" is read as 00:00',
        code: 'readAs',
        params: { value: 'midnight', time: '00:00' },
      },
    ]);
    // A time no one can read is still refused, row and all.
    expect(report.rejected).toEqual([
      expect.objectContaining({ file: 'schedules.csv', row: '5', field: 'opens_at' }),
    ]);
    const kept = await h.db.query<{ id: string; opens: string; closes: string }>(
      `select id, data->>'opens_at' as opens, data->>'closes_at' as closes from hsds_schedule
        where org_id = $1 and service_id = $2 order by id`,
      [org.orgId, service],
    );
    expect(kept).toEqual([
      { id: schedule(1), opens: '09:00', closes: '16:00' },
      { id: schedule(2), opens: '12:00', closes: '00:00' },
      { id: schedule(3), opens: '10:00', closes: '17:30' },
    ]);
  });

  it('refuses a file that is not UTF-8, saying so', async () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode('id,name,status\nx,Caf'), 0xe9, 0x0a]);
    const report = await importDirectory(h.db, org.orgId, readTabular(new Map([['services.csv', latin1]])));
    expect(report.rejected).toEqual([
      {
        file: 'services.csv',
        row: '(file)',
        field: '(file)',
        reason: expect.stringContaining('not UTF-8'),
        code: 'notUtf8',
      },
    ]);
  });

  it('lets only admins upload, and refuses a body that is not HSDS', async () => {
    const chw = await signIn(h.app, org.chw, PASSWORD);
    const refused = await call(h.app, 'POST', '/api/directory/import', {
      cookie: chw,
      body: sampleDirectory(),
    });
    expect(refused.status).toBe(403);
    const report = await upload({ 'nonsense.csv': [{ id: 'x' }] });
    expect(report.rejected).toEqual([
      expect.objectContaining({ row: 'nonsense.csv', reason: expect.any(String) }),
    ]);
  });
});

describe('re-importing and exporting', () => {
  it('updates in place by HSDS id, and export then import gives the same data', async () => {
    const fresh = await seedOrg(h.db, 'dir-roundtrip');
    const freshAdmin = await signIn(h.app, fresh.admin, PASSWORD);
    const directory = sampleDirectory();
    const first = await call(h.app, 'POST', '/api/directory/import', { cookie: freshAdmin, body: directory });
    expect(first.body.rejected).toEqual([]);
    const services = await count('hsds_service', fresh.orgId);
    const renamed = structuredClone(directory);
    const service = renamed['services.csv']?.[0];
    if (service) service.name = 'Community Food Pantry (Tuesday)';
    await call(h.app, 'POST', '/api/directory/import', { cookie: freshAdmin, body: renamed });
    expect(await count('hsds_service', fresh.orgId)).toBe(services);
    const [row] = await h.db.query<{ name: string }>(
      `select data->>'name' as name from hsds_service where org_id = $1 and id = $2`,
      [fresh.orgId, serviceId(0)],
    );
    expect(row?.name).toBe('Community Food Pantry (Tuesday)');

    const exported = await call(h.app, 'GET', '/api/directory/export', { cookie: freshAdmin });
    const again = await seedOrg(h.db, 'dir-roundtrip-2');
    await importDirectory(h.db, again.orgId, readJson(exported.body, 'export.json'));
    expect(await exportTabular(h.db, again.orgId)).toEqual(exported.body);

    // The CSV form round-trips too.
    const csvOrg = await seedOrg(h.db, 'dir-roundtrip-csv');
    const files = toCsvFiles(await exportTabular(h.db, fresh.orgId));
    const encoded = new Map([...files].map(([name, text]) => [name, new TextEncoder().encode(text)]));
    const viaCsv = await importDirectory(h.db, csvOrg.orgId, readTabular(encoded));
    expect(viaCsv.rejected).toEqual([]);
    expect(await exportTabular(h.db, csvOrg.orgId)).toEqual(exported.body);
  });
});
