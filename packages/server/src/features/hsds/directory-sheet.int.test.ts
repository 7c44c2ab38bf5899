import {
  type DirectoryDryRun,
  type DirectoryImportRun,
  directorySheetTypes,
  type ServiceFormView,
  t,
} from '@puente/core';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../log.js';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { toCsv, toXlsx } from '../caseload-import/testing.js';
import { readZip } from './import.js';
import { checkDirectoryFile, readDirectoryFile } from './sheet-check.js';
import { startDirectoryImport } from './sheet-run.js';
import { messyDirectory, sheetService, spanishTemplateHeader } from './sheet-testing.js';

const h = useApp();
let org: TestOrg;
let other: TestOrg;
let admin: string;

const [csvType, xlsxType, zipType] = directorySheetTypes;
const types: Record<string, string> = { csv: csvType, xlsx: xlsxType, zip: zipType };
/** The file as the browser posts it: its own bytes, typed by its name's extension. */
const sheet = (bytes: Uint8Array, fileName = 'directorio.csv') => ({
  bytes,
  type: types[fileName.split('.').pop() ?? ''] ?? 'application/octet-stream',
});
const count = async (sql: string, params: unknown[]) =>
  ((await h.db.query<{ n: number }>(sql, params))[0]?.n ?? -1) as number;
const services = (orgId = org.orgId) =>
  count('select count(*)::int as n from hsds_service where org_id = $1', [orgId]);

async function finish(
  cookie: string,
  started: { status: number; body: unknown },
): Promise<DirectoryImportRun> {
  expect(started.status).toBe(202);
  let run = bodyAs<DirectoryImportRun>(started as never);
  for (let tries = 0; run.state === 'running' && tries < 600; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const polled = await call(h.app, 'GET', `/api/directory/sheet/runs/${run.id}`, { cookie });
    expect(polled.status).toBe(200);
    run = bodyAs<DirectoryImportRun>(polled);
  }
  return run;
}

beforeAll(async () => {
  org = await seedOrg(h.db, 'dirsheet');
  other = await seedOrg(h.db, 'dirsheet-other');
  admin = await signIn(h.app, org.admin, PASSWORD);
});

describe('the dry run of a directory sheet', () => {
  it('names each row it would leave out or only partly keep, by row number and name, CSV and XLSX alike', async () => {
    const messy = messyDirectory(200);
    for (const [bytes, name] of [
      [toCsv(messy.rows), 'directorio.csv'],
      [toXlsx(messy.rows), 'directorio.xlsx'],
    ] as const) {
      const reply = await call(h.app, 'POST', '/api/directory/sheet/check', {
        cookie: admin,
        file: sheet(bytes, name),
      });
      expect(reply.status, name).toBe(200);
      const report = bodyAs<DirectoryDryRun>(reply);
      expect(report).toMatchObject({
        kind: 'template',
        rows: 200,
        ready: 195,
        added: 195,
        updated: 0,
        locations: 195,
        skipped: 5,
        missingColumns: [],
      });
      const nameOf = (row: number) => messy.rows[row - 1]?.[0];
      expect(report.rowsWithIssues).toEqual([
        { row: messy.bad.missingName, name: '', problems: ['missingName'], warnings: [] },
        { row: messy.bad.badPhone, name: nameOf(messy.bad.badPhone), problems: ['badPhone'], warnings: [] },
        {
          row: messy.bad.badWebsite,
          name: nameOf(messy.bad.badWebsite),
          problems: ['badWebsite'],
          warnings: [],
        },
        {
          row: messy.unreadableHours,
          name: nameOf(messy.unreadableHours),
          problems: [],
          warnings: ['hoursNotUnderstood'],
        },
        {
          row: messy.repeated.row,
          name: nameOf(messy.repeated.row),
          problems: ['duplicateInFile'],
          warnings: [],
          sameAs: messy.repeated.sameAs,
        },
        { row: messy.bad.badEmail, name: nameOf(messy.bad.badEmail), problems: ['badEmail'], warnings: [] },
      ]);
    }
    // A dry run writes nothing.
    expect(await services()).toBe(0);
  });

  it('reads English headers too, and says which template columns a sheet lacks', async () => {
    const reply = await call(h.app, 'POST', '/api/directory/sheet/check', {
      cookie: admin,
      file: sheet(
        toCsv([
          ['Name', 'Hours'],
          ['Clinic', 'Mon-Fri 9am-5pm'],
        ]),
      ),
    });
    expect(reply.status).toBe(200);
    expect(bodyAs<DirectoryDryRun>(reply)).toMatchObject({ rows: 1, ready: 1, rowsWithIssues: [] });
    expect(bodyAs<DirectoryDryRun>(reply).missingColumns).toEqual([
      'description',
      'phone',
      'address',
      'categories',
      'languages',
      'cost',
      'eligibility',
      'website',
      'email',
    ]);
  });

  it.each([
    ['an empty file', new Uint8Array(), 400, 'directorySheetEmpty'],
    ['a file with NUL bytes', Buffer.from('Nombre,Teléfono\nDespensa\u0000,\n'), 400, 'sheetNul'],
    ['a header with no services under it', Buffer.from('Nombre,Teléfono\n'), 400, 'directorySheetNoServices'],
    [
      'a sheet without a name column',
      Buffer.from('Teléfono,Horario\n512 555 0100,24/7\n'),
      400,
      'directorySheetNoName',
    ],
    [
      'a zip that is neither a workbook nor HSDS',
      Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3]),
      400,
      'directoryZipUnreadable',
    ],
  ])('refuses %s in plain words', async (_what, bytes, status, code) => {
    const reply = await call(h.app, 'POST', '/api/directory/sheet/check', {
      cookie: admin,
      file: sheet(bytes),
    });
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.code).toBe(code);
    expect(String(reply.body.title)).not.toMatch(/errors\./);
  });
});

describe('importing a directory sheet', () => {
  it('writes the rows that passed, hours as schedules, and a second import updates instead of adding', async () => {
    const messy = messyDirectory(200);
    const run = await finish(
      admin,
      await call(h.app, 'POST', '/api/directory/sheet/runs', {
        cookie: admin,
        file: sheet(toXlsx(messy.rows), 'd.xlsx'),
      }),
    );
    expect(run).toMatchObject({ state: 'done', total: 195, done: 195 });
    expect(await services()).toBe(195);
    expect(await count('select count(*)::int as n from directory_entry where org_id = $1', [org.orgId])).toBe(
      195,
    );
    // Row 2 is service 0: "Lun–Vie 9–17".
    const first = await h.db.query<{ byday: string; opens: string; closes: string }>(
      `select sc.data->>'byday' as byday, sc.data->>'opens_at' as opens, sc.data->>'closes_at' as closes
         from hsds_schedule sc join hsds_service s on s.org_id = sc.org_id and s.id = sc.service_id
        where s.org_id = $1 and s.data->>'name' = 'Servicio 00000'`,
      [org.orgId],
    );
    expect(first).toEqual([{ byday: 'MO,TU,WE,TH,FR', opens: '09:00', closes: '17:00' }]);
    // Hours no one could read are kept as written, for the card to say.
    const unread = await h.db.query<{ description: string }>(
      `select sc.data->>'description' as description from hsds_schedule sc
         join hsds_service s on s.org_id = sc.org_id and s.id = sc.service_id
        where s.org_id = $1 and s.data->>'name' = $2`,
      [org.orgId, messy.rows[messy.unreadableHours - 1]?.[0]],
    );
    expect(unread).toEqual([{ description: 'cuando se pueda' }]);

    // The same sheet again, with one service's hours changed: updated in place, nothing doubled.
    const changed = messy.rows.map((r) => [...r]);
    (changed[1] as string[])[4] = 'Sáb 10-14';
    const again = await call(h.app, 'POST', '/api/directory/sheet/check', {
      cookie: admin,
      file: sheet(toCsv(changed)),
    });
    expect(again.body).toMatchObject({ ready: 195, added: 0, updated: 195 });
    const second = await finish(
      admin,
      await call(h.app, 'POST', '/api/directory/sheet/runs', { cookie: admin, file: sheet(toCsv(changed)) }),
    );
    expect(second.state).toBe('done');
    expect(await services()).toBe(195);
    expect(await count('select count(*)::int as n from directory_entry where org_id = $1', [org.orgId])).toBe(
      195,
    );
    const now = await h.db.query<{ byday: string }>(
      `select sc.data->>'byday' as byday from hsds_schedule sc join hsds_service s on s.org_id = sc.org_id and s.id = sc.service_id
        where s.org_id = $1 and s.data->>'name' = 'Servicio 00000'`,
      [org.orgId],
    );
    expect(now).toEqual([{ byday: 'SA' }]);
    const audited = await count(
      `select count(*)::int as n from audit_event where org_id = $1 and action = 'directory.import-finished'`,
      [org.orgId],
    );
    expect(audited).toBe(2);

    // Another program's admin sees neither this directory nor its imports.
    const otherAdmin = await signIn(h.app, other.admin, PASSWORD);
    const peek = await call(h.app, 'GET', `/api/directory/sheet/runs/${second.id}`, { cookie: otherAdmin });
    expect(peek.status).toBe(404);
    expect(await services(other.orgId)).toBe(0);
  });

  it('never leaves half a directory: an import cut off after its first step leaves nothing of it', async () => {
    const cut = await seedOrg(h.db, 'dirsheet-cut');
    const rows = [spanishTemplateHeader, ...Array.from({ length: 1200 }, (_, i) => sheetService(10_000 + i))];
    const caller = {
      actor: {
        userId: cut.ids[cut.admin] ?? '',
        orgId: cut.orgId,
        role: 'admin' as const,
        locale: 'en' as const,
        sessionHash: 'test',
      },
      ip: '127.0.0.1',
    };
    const checked = await checkDirectoryFile(h.db, caller, await readDirectoryFile(toCsv(rows)));
    expect(checked.ready).toHaveLength(1200);
    const { run, done } = await startDirectoryImport(
      h.db,
      caller,
      { kind: 'template', services: checked.ready },
      createLogger('silent'),
      (written) => {
        if (written >= 500) throw new Error('cut off');
      },
    );
    await done;
    expect(await services(cut.orgId)).toBe(0);
    expect(await count('select count(*)::int as n from hsds_schedule where org_id = $1', [cut.orgId])).toBe(
      0,
    );
    expect(await count('select count(*)::int as n from directory_entry where org_id = $1', [cut.orgId])).toBe(
      0,
    );
    const cutAdmin = await signIn(h.app, cut.admin, PASSWORD);
    const polled = await call(h.app, 'GET', `/api/directory/sheet/runs/${run.id}`, { cookie: cutAdmin });
    expect(polled.body).toMatchObject({ state: 'stopped', done: 0 });
  });

  it('brings in HSDS tabular CSVs in a .zip through the same dry run and progress', async () => {
    const exported = await h.app.request('/api/directory/export?format=csv', { headers: { cookie: admin } });
    expect(exported.status).toBe(200);
    const zip = new Uint8Array(await exported.arrayBuffer());
    const otherAdmin = await signIn(h.app, other.admin, PASSWORD);
    const checked = await call(h.app, 'POST', '/api/directory/sheet/check', {
      cookie: otherAdmin,
      file: sheet(zip, 'directory-hsds.zip'),
    });
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({
      kind: 'hsds',
      ready: 195,
      added: 195,
      updated: 0,
      locations: 195,
      skipped: 0,
    });
    expect(await services(other.orgId)).toBe(0);
    const run = await finish(
      otherAdmin,
      await call(h.app, 'POST', '/api/directory/sheet/runs', {
        cookie: otherAdmin,
        file: sheet(zip, 'directory-hsds.zip'),
      }),
    );
    expect(run).toMatchObject({ state: 'done', total: 195, done: 195 });
    expect(await services(other.orgId)).toBe(195);
  });

  it('says why each HSDS record or file was left out in the admin’s language, by code', async () => {
    const ids = {
      svc1: 'a1000000-0000-4000-8000-000000000001',
      svc2: 'a1000000-0000-4000-8000-000000000002',
      sch: 'a1000000-0000-4000-8000-000000000003',
    };
    const csv = (rows: string[]) => strToU8(`${rows.join('\r\n')}\r\n`);
    const zip = zipSync({
      'datapackage.json': strToU8(
        JSON.stringify({
          resources: [{ path: 'services.csv' }, { path: 'schedules.csv' }, { path: 'phones.csv' }],
        }),
      ),
      'services.csv': csv([
        'id,name,status,minimum_age,maximum_age',
        `${ids.svc1},Despensa,active,18,10`,
        `${ids.svc2},Clínica,active,,`,
      ]),
      'schedules.csv': csv(['id,service_id,opens_at,closes_at', `${ids.sch},${ids.svc2},25:00,17:00`]),
      // phones.csv is listed but not in the zip.
    });
    await call(h.app, 'PUT', '/api/me/preferences', { cookie: admin, body: { locale: 'es' } });
    const checked = await call(h.app, 'POST', '/api/directory/sheet/check', {
      cookie: admin,
      file: sheet(zip, 'hsds.zip'),
    });
    await call(h.app, 'PUT', '/api/me/preferences', { cookie: admin, body: { locale: 'en' } });
    expect(checked.status).toBe(200);
    const issues = bodyAs<DirectoryDryRun>(checked).hsdsIssues;
    expect(issues.map((i) => [i.file, i.field, i.code, i.params])).toEqual(
      expect.arrayContaining([
        ['phones.csv', '(file)', 'missingFile', undefined],
        ['services.csv', 'maximum_age', 'belowMinimumAge', { min: '18' }],
        ['schedules.csv', 'opens_at', 'notTime', { value: '25:00' }],
      ]),
    );
    expect(issues).toHaveLength(3);
    // Each code has its words in both languages (the Spanish catalog is typed against the English).
    for (const issue of issues) {
      expect(t('es', `directorySheet.hsdsReason_${issue.code ?? 'notValid'}`, issue.params)).not.toMatch(
        /^directorySheet\./,
      );
    }
    expect(t('es', 'directorySheet.hsdsReason_belowMinimumAge', { min: '18' })).toBe(
      'es menor que la edad mínima (18)',
    );

    // A file that is not a zip at all is refused whole, by a message of its own (no English reason inside).
    expect(() => readZip(strToU8('not a zip'))).toThrow(
      expect.objectContaining({ status: 400, key: 'errors.importNotZip', params: {} }),
    );
  });

  it('refuses a CHW', async () => {
    const chw = await signIn(h.app, org.chw, PASSWORD);
    for (const path of ['/api/directory/sheet/check', '/api/directory/sheet/runs']) {
      const refused = await call(h.app, 'POST', path, {
        cookie: chw,
        file: sheet(toCsv([spanishTemplateHeader, sheetService(1)])),
      });
      expect(refused.status).toBe(403);
    }
  });
});

describe('the form for one service', () => {
  const form = {
    name: 'Clínica del Pueblo',
    description: 'Consultas sin cita',
    phone: '(512) 555-0199',
    address: '500 Oak St, Austin, TX 78702',
    hours: 'Lun–Vie 9–17; Sáb 10–14',
    categories: 'Salud, Salud mental',
    languages: 'Español, Inglés',
    cost: 'Gratis',
    eligibility: 'Residentes del condado',
    website: 'clinica.example.org',
    email: 'hola@clinica.example.org',
  };

  it('adds a service, shows it again in the same words, and refuses what it cannot read by field', async () => {
    const added = await call(h.app, 'POST', '/api/directory/services', { cookie: admin, body: form });
    expect(added.status).toBe(201);
    const view = bodyAs<ServiceFormView>(added);
    expect(view.form).toEqual({
      ...form,
      hours: 'Mon-Fri 09:00-17:00; Sat 10:00-14:00',
      website: 'https://clinica.example.org/',
    });
    const again = await call(h.app, 'POST', '/api/directory/services', { cookie: admin, body: form });
    expect(again.status).toBe(409);

    const wrong = await call(h.app, 'PUT', `/api/directory/services/${view.id}/form`, {
      cookie: admin,
      body: { ...form, phone: '555', hours: 'cuando se pueda', website: 'javascript:alert(1)' },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
    expect(wrong.body.code).toBe('serviceFormInvalid');
    expect((wrong.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'hours',
      'phone',
      'website',
    ]);
    // Nothing of the refused change was saved.
    const kept = await call(h.app, 'GET', `/api/directory/services/${view.id}/form`, { cookie: admin });
    expect(bodyAs<ServiceFormView>(kept).form.phone).toBe(form.phone);

    const nul = await call(h.app, 'PUT', `/api/directory/services/${view.id}/form`, {
      cookie: admin,
      body: { ...form, name: 'Clínica\u0000' },
    });
    expect(nul.status).toBeGreaterThanOrEqual(400);
    expect(nul.status).toBeLessThan(500);

    const saved = await call(h.app, 'PUT', `/api/directory/services/${view.id}/form`, {
      cookie: admin,
      body: { ...form, hours: '24/7', phone: '(512) 555-0100' },
    });
    expect(saved.status).toBe(200);
    expect(bodyAs<ServiceFormView>(saved).form).toMatchObject({
      hours: 'Mon-Sun 00:00-23:59',
      phone: '(512) 555-0100',
    });
    const audited = await h.db.query<{ action: string }>(
      `select action from audit_event where org_id = $1 and subject_id = $2 order by at, action`,
      [org.orgId, view.id],
    );
    expect(audited.map((a) => a.action)).toEqual(['directory.service-added', 'directory.service-edited']);

    const chw = await signIn(h.app, org.chw, PASSWORD);
    const refused = await call(h.app, 'PUT', `/api/directory/services/${view.id}/form`, {
      cookie: chw,
      body: form,
    });
    expect(refused.status).toBe(403);
    const otherAdmin = await signIn(h.app, other.admin, PASSWORD);
    const foreign = await call(h.app, 'GET', `/api/directory/services/${view.id}/form`, {
      cookie: otherAdmin,
    });
    expect(foreign.status).toBe(404);
  });
});
