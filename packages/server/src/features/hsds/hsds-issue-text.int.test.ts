import {
  type DirectoryDryRun,
  hsdsIssueText,
  type Locale,
  type SheetField,
  sheetFields,
  t,
} from '@puente/core';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { toCsv } from '../caseload-import/testing.js';
import { schemaRefusals } from './sheet-check.js';
import { serviceRecords } from './sheet-rows.js';
import { sheetService, spanishTemplateHeader } from './sheet-testing.js';

const emptyText = Object.fromEntries(sheetFields.map((f) => [f, ''])) as Record<SheetField, string>;

// The dry run of HSDS CSVs must tell the admin, in their language, the file and line of each
// record left out, the field and the rule it broke, and never the value in the cell (an email
// or a phone may be a person's).

const h = useApp();
let admin: string;

beforeAll(async () => {
  const org = await seedOrg(h.db, 'hsds-words');
  admin = await signIn(h.app, org.admin, PASSWORD);
});

const id = (n: number) => `b2000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const csv = (rows: string[]) => strToU8(`${rows.join('\r\n')}\r\n`);
const secretEmail = 'maria.lopez@';

const zip = zipSync({
  'datapackage.json': strToU8(
    JSON.stringify({
      resources: [{ path: 'services.csv' }, { path: 'phones.csv' }, { path: 'locations.csv' }],
    }),
  ),
  'services.csv': csv([
    'id,name,status,email,minimum_age',
    `${id(1)},Despensa,active,info@despensa.org,`,
    `${id(2)},Clínica,active,${secretEmail},`,
    `${id(3)},Refugio,open,,`,
    `${id(4)},Taller,active,,diez`,
    `${id(5)},,active,,`,
    'abc,Banco de ropa,active,,',
  ]),
  // The phone's number column is missing: the whole file is left out at its header.
  'phones.csv': csv(['id,service_id', `${id(6)},${id(1)}`]),
  // Latin-1 bytes, not UTF-8.
  'locations.csv': new Uint8Array([0x69, 0x64, 0x0a, 0xe9, 0x0a]),
});

const expected: Record<Locale, string[]> = {
  en: [
    'services.csv, line 3: “email” is not a valid email address',
    'services.csv, line 4: “status” is not one of the allowed values: active, inactive, defunct, temporarily closed',
    'services.csv, line 5: “minimum_age” is not a number',
    'services.csv, line 6: “name” is required',
    'services.csv, line 7: “id” is not a valid identifier (UUID)',
    'phones.csv, first line: a required column is missing: number',
    'locations.csv: is not UTF-8 text: save it as CSV UTF-8 and import again',
  ],
  es: [
    'services.csv, línea 3: “email” no es una dirección de correo electrónico válida',
    'services.csv, línea 4: “status” no es uno de los valores permitidos: active, inactive, defunct, temporarily closed',
    'services.csv, línea 5: “minimum_age” no es un número',
    'services.csv, línea 6: “name” es obligatorio',
    'services.csv, línea 7: “id” no es un identificador válido (UUID)',
    'phones.csv, primera línea: falta una columna obligatoria: number',
    'locations.csv: no es texto UTF-8: guárdelo como CSV UTF-8 e impórtelo otra vez',
  ],
};

describe('the dry run of HSDS files says where and what, in the admin’s language', () => {
  for (const locale of ['en', 'es'] as const) {
    it(`${locale}: file, line, field and rule for each record left out`, async () => {
      await call(h.app, 'PUT', '/api/me/preferences', { cookie: admin, body: { locale } });
      const checked = await call(h.app, 'POST', '/api/directory/sheet/check', {
        cookie: admin,
        file: { bytes: zip, type: 'application/zip' },
      });
      expect(checked.status).toBe(200);
      const report = bodyAs<DirectoryDryRun>(checked);
      const said = report.hsdsIssues.map((issue) => hsdsIssueText(locale, issue));
      expect([...said].sort()).toEqual([...expected[locale]].sort());
      expect(report).toMatchObject({ ready: 1, skipped: 5 });
      // The field is named; what the person wrote in it is not repeated back.
      expect(JSON.stringify(report)).not.toContain(secretEmail);
    });
  }
});

describe('the one-sheet template says which column the directory standard refused', () => {
  it('an email only the standard refuses is a bad email, not a cell too long', async () => {
    const rows = [spanishTemplateHeader, ...Array.from({ length: 4 }, (_, i) => sheetService(i))];
    const at = (row: number) => rows[row - 1] as string[];
    // Row 3: an address the sheet's own check lets by, but not the standard's email rule.
    at(3)[10] = 'josé@clínica.org';
    const checked = await call(h.app, 'POST', '/api/directory/sheet/check', {
      cookie: admin,
      file: { bytes: toCsv(rows), type: 'text/csv' },
    });
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    const report = bodyAs<DirectoryDryRun>(checked);
    expect(report.rowsWithIssues.map(({ row, problems, columns }) => ({ row, problems, columns }))).toEqual([
      { row: 3, problems: ['badEmail'], columns: undefined },
    ]);
  });
});

describe('a template row the standard refuses in a column no check above names', () => {
  it('is left out as cellNotValid with its column, said in both languages', () => {
    // A NUL cannot come through a sheet file (the reader refuses it), so the records are made here.
    const read = serviceRecords({ ...emptyText, name: 'Despensa', languages: 'Español' });
    const language = read.records.get('language')?.[0];
    if (language) language.name = 'Espa\u0000ñol';
    expect(schemaRefusals(read)).toEqual({ problems: ['cellNotValid'], columns: ['languages'] });
    const said = (locale: Locale) =>
      t(locale, 'directorySheet.problem_cellNotValid', { columns: t(locale, 'directorySheet.languages') });
    expect(said('en')).toBe(
      'these columns hold something the directory standard does not allow (such as a hidden control character): Languages',
    );
    expect(said('es')).toBe(
      'estas columnas tienen algo que el estándar del directorio no permite (como un carácter de control oculto): Idiomas',
    );
  });
});
