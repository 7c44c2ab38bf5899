import type { CaseloadDryRun, CaseloadImportRun } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { messySheet, sheetPerson, spanishHeader, toCsv, toXlsx } from './testing.js';

const h = useApp();
let org: TestOrg;
let other: TestOrg;
let admin: string;
let chws: string[];
let existing: string[][];

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const sheet = (bytes: Uint8Array, fileName = 'casos.csv', more: Record<string, unknown> = {}) => ({
  fileName,
  content: base64(bytes),
  dateOrder: 'dmy',
  defaultLanguage: 'es',
  ...more,
});
const count = async (sql: string, params: unknown[]) =>
  ((await h.db.query<{ n: number }>(sql, params))[0]?.n ?? -1) as number;
const people = () => count('select count(*)::int as n from client where org_id = $1', [org.orgId]);

beforeAll(async () => {
  org = await seedOrg(h.db, 'import');
  other = await seedOrg(h.db, 'import-other');
  admin = await signIn(h.app, org.admin, PASSWORD);
  // The CHWs as a sheet names them: one by email, the other by the name Puente shows.
  chws = [org.chw, 'chw2 of import'];
  // Two people already in the caseload, registered as a CHW registers them.
  const chw = await signIn(h.app, org.chw, PASSWORD);
  existing = [sheetPerson(1000, org.chw), sheetPerson(1001, org.chw)];
  for (const [givenName, familyName, phone] of existing) {
    const made = await call(h.app, 'POST', '/api/clients', {
      cookie: chw,
      body: { givenName, familyName, phone, preferredLanguage: 'es' },
    });
    expect(made.status).toBe(201);
  }
});

describe('the dry run of a caseload sheet', () => {
  it('proposes the mapping from Spanish headers and names each row it would leave out, CSV and XLSX alike', async () => {
    const messy = messySheet(300, chws, existing);
    const before = await people();
    for (const [bytes, name] of [
      [toCsv(messy.rows), 'casos.csv'],
      [toXlsx(messy.rows), 'casos.xlsx'],
    ] as const) {
      const reply = await call(h.app, 'POST', '/api/caseload-import/check', {
        cookie: admin,
        body: sheet(bytes, name),
      });
      expect(reply.status, name).toBe(200);
      const report = bodyAs<CaseloadDryRun>(reply);
      expect(report.columns).toEqual(spanishHeader);
      expect(report.mapping).toEqual({
        givenName: 0,
        familyName: 1,
        phone: 2,
        birthDate: 3,
        preferredLanguage: 4,
        chw: 5,
        consent: 6,
        consentDate: 7,
        consentRecordedBy: 8,
      });
      expect(report).toMatchObject({ rows: 300, ready: 292, skipped: 8, duplicates: 3 });
      expect(report.problems).toEqual([
        { row: messy.bad.missingName, problems: ['missingName'] },
        { row: messy.bad.badBirthDate, problems: ['badBirthDate'] },
        { row: messy.bad.badPhone, problems: ['badPhone'] },
        { row: messy.bad.unknownChw, problems: ['unknownChw'] },
        { row: messy.bad.consentWithoutDate, problems: ['consentWithoutDate'] },
        { row: messy.inCaseload[0], problems: ['duplicateInCaseload'] },
        { row: messy.inCaseload[1], problems: ['duplicateInCaseload'] },
        { row: messy.repeated.row, problems: ['duplicateInFile'], sameAs: messy.repeated.sameAs },
      ]);
    }
    // A dry run writes nobody.
    expect(await people()).toBe(before);
  });

  it('follows the mapping the admin chose, and one CHW for rows that name none', async () => {
    const rows = [
      ['Nombre completo', 'Celular'],
      ['Rosa María Paz', '512 555 7000'],
      ['Beto', ''],
    ];
    const reply = await call(h.app, 'POST', '/api/caseload-import/check', {
      cookie: admin,
      body: sheet(toCsv(rows), 'a.csv', { chwId: org.ids[org.chw] }),
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ mapping: { fullName: 0, phone: 1 }, ready: 2, problems: [] });
    const unmapped = await call(h.app, 'POST', '/api/caseload-import/check', {
      cookie: admin,
      body: sheet(toCsv(rows), 'a.csv', { chwId: org.ids[org.chw], mapping: { phone: 1 } }),
    });
    expect(unmapped.status).toBe(400);
    expect(unmapped.body.code).toBe('sheetMappingNoName');
  });

  it.each([
    ['an empty file', new Uint8Array(), 400, 'sheetEmpty'],
    ['a file too big', new Uint8Array(700 * 1024 + 1).fill(65), 413, 'sheetTooLarge'],
    ['a file with NUL bytes', Buffer.from('Nombre,Teléfono\nAna\u0000,\n'), 400, 'sheetNul'],
    [
      'a picture',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]),
      400,
      'sheetNotUtf8',
    ],
    ['a zip that is not a workbook', Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3]), 400, 'sheetNotSpreadsheet'],
    ['a sheet with no header row', Buffer.from('Ana,512 555 0001,1980-01-01\n'), 400, 'sheetNoHeader'],
    ['a header with nobody under it', Buffer.from('Nombre,Teléfono\n'), 400, 'sheetNoPeople'],
  ])('refuses %s in plain words', async (_what, bytes, status, code) => {
    const reply = await call(h.app, 'POST', '/api/caseload-import/check', {
      cookie: admin,
      body: sheet(bytes),
    });
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.code).toBe(code);
    expect(String(reply.body.title)).not.toMatch(/errors\./);
  });
});

describe('importing a caseload sheet', () => {
  it('creates exactly the rows that passed, each audited, with consent and CHW as the sheet says', async () => {
    const messy = messySheet(300, chws, existing);
    const before = await people();
    const started = await call(h.app, 'POST', '/api/caseload-import/runs', {
      cookie: admin,
      body: sheet(toXlsx(messy.rows), 'casos.xlsx'),
    });
    expect(started.status).toBe(202);
    const { id, total } = bodyAs<CaseloadImportRun>(started);
    expect(total).toBe(292);
    let run = bodyAs<CaseloadImportRun>(started);
    for (let tries = 0; run.state === 'running' && tries < 600; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const polled = await call(h.app, 'GET', `/api/caseload-import/runs/${id}`, { cookie: admin });
      expect(polled.status).toBe(200);
      run = bodyAs<CaseloadImportRun>(polled);
    }
    expect(run).toMatchObject({ state: 'done', total: 292, created: 292 });
    expect(await people()).toBe(before + 292);
    const audited = await count(
      `select count(*)::int as n from audit_event where org_id = $1 and action = 'client.registered' and detail ->> 'importRun' = $2`,
      [org.orgId, id],
    );
    expect(audited).toBe(292);
    // Every other row said consent was given on 15/03/2024, recorded by the CHW who holds the person.
    const consents = await h.db.query<{ given: string; byHolder: boolean }>(
      `select k.given_on::text as given, k.recorded_by = c.assigned_chw_id as "byHolder"
         from consent k join client c on c.id = k.client_id
        where k.org_id = $1 and c.created_at >= (select min(at) from audit_event where subject_id = $2)`,
      [org.orgId, id],
    );
    expect(consents.length).toBeGreaterThan(100);
    expect(consents.every((k) => k.given === '2024-03-15' && k.byHolder)).toBe(true);
    const held = await h.db.query<{ chw: string; n: number }>(
      `select assigned_chw_id as chw, count(*)::int as n from client where org_id = $1 group by 1`,
      [org.orgId],
    );
    expect(held.map((r) => r.chw).sort()).toEqual([org.ids[org.chw], org.ids[org.chw2]].sort());

    // The same sheet again: everyone it brought is now a duplicate, and nothing more is ready.
    const again = await call(h.app, 'POST', '/api/caseload-import/check', {
      cookie: admin,
      body: sheet(toCsv(messy.rows)),
    });
    expect(again.body).toMatchObject({ rows: 300, ready: 0 });
  });

  it('refuses a CHW, and another organization’s admin sees neither its CHWs nor its imports', async () => {
    const messy = messySheet(300, chws, existing);
    const chw = await signIn(h.app, org.chw, PASSWORD);
    for (const path of ['/api/caseload-import/check', '/api/caseload-import/runs']) {
      const refused = await call(h.app, 'POST', path, { cookie: chw, body: sheet(toCsv(messy.rows)) });
      expect(refused.status).toBe(403);
    }
    const otherAdmin = await signIn(h.app, other.admin, PASSWORD);
    const theirs = await call(h.app, 'POST', '/api/caseload-import/check', {
      cookie: otherAdmin,
      body: sheet(toCsv(messy.rows)),
    });
    expect(theirs.status).toBe(200);
    // This program's CHWs are nobody there: no row is ready.
    expect(theirs.body).toMatchObject({ rows: 300, ready: 0 });
    const foreignChw = await call(h.app, 'POST', '/api/caseload-import/check', {
      cookie: otherAdmin,
      body: sheet(toCsv(messy.rows), 'a.csv', { chwId: org.ids[org.chw] }),
    });
    expect(foreignChw.status).toBe(400);

    const mine = await call(h.app, 'POST', '/api/caseload-import/runs', {
      cookie: admin,
      body: sheet(toCsv([spanishHeader, ['Sin', 'Promotora']])),
    });
    expect(mine.status).toBe(202);
    const peek = await call(h.app, 'GET', `/api/caseload-import/runs/${bodyAs<CaseloadImportRun>(mine).id}`, {
      cookie: otherAdmin,
    });
    expect(peek.status).toBe(404);
  });
});
