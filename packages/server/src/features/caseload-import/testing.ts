import { strToU8, zipSync } from 'fflate';

/** The header a Spanish-speaking program's sheet has: what the server's proposed mapping must read. */
export const spanishHeader = [
  'Nombre',
  'Apellido',
  'Teléfono',
  'Fecha de nacimiento',
  'Idioma',
  'Promotora',
  'Consentimiento',
  'Fecha de consentimiento',
  'Registrado por',
];

const given = ['Ana', 'Luis', 'María', 'José', 'Carmen', 'Jorge', 'Lucía', 'Pedro', 'Rosa', 'Miguel'];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A person's row, numbered `i`: a unique name and phone, a real birth date, consent on every other one. */
export function sheetPerson(i: number, chw: string): string[] {
  const consent = i % 2 === 0;
  return [
    given[i % given.length] ?? 'Ana',
    `Prueba ${pad(i, 5)}`,
    `(512) 555-${pad(i % 10_000, 4)}`,
    `${pad((i % 28) + 1, 2)}/${pad((i % 12) + 1, 2)}/${1950 + (i % 50)}`,
    i % 3 === 0 ? 'Inglés' : 'Español',
    chw,
    consent ? 'Sí' : 'No',
    consent ? '15/03/2024' : '',
    consent ? chw : '',
  ];
}

/** A sheet as CSV, quoting every cell (a name may hold a comma). */
export function toCsv(rows: string[][]): Uint8Array {
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  return strToU8(`${rows.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`);
}

const xml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const column = (i: number): string =>
  i < 26 ? String.fromCharCode(65 + i) : column(Math.floor(i / 26) - 1) + column(i % 26);

/** A sheet as the smallest XLSX Excel opens: one worksheet of inline strings. */
export function toXlsx(rows: string[][]): Uint8Array {
  const sheetRows = rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row
          .map((cell, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${xml(cell)}</t></is></c>`)
          .join('')}</row>`,
    )
    .join('');
  const ns = 'http://schemas.openxmlformats.org';
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="Casos" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
    ),
  });
}

/**
 * The sheet issue 17 asks to be shown: `size` people of whom five rows are wrong (no name, a
 * birth date that does not exist, a phone too short, a CHW nobody knows, consent without a
 * date) and three repeat someone: `existing` (two people already in the caseload, as rows of
 * `sheetPerson`) and one earlier row of the file. Returns the rows and where each problem is.
 */
export function messySheet(size: number, chws: readonly string[], existing: readonly string[][]) {
  const rows = [
    spanishHeader,
    ...Array.from({ length: size }, (_, i) => sheetPerson(i, chws[i % chws.length] ?? '')),
  ];
  const at = (n: number) => rows[n] as string[];
  // Spreadsheet row n is rows[n - 1].
  const bad = { missingName: 11, badBirthDate: 42, badPhone: 77, unknownChw: 120, consentWithoutDate: 181 };
  at(bad.missingName - 1)[0] = '';
  at(bad.badBirthDate - 1)[3] = '31/02/1980';
  at(bad.badPhone - 1)[2] = '555-12';
  at(bad.unknownChw - 1)[5] = 'Promotora Desconocida';
  at(bad.consentWithoutDate - 1)[6] = 'Sí';
  at(bad.consentWithoutDate - 1)[7] = '';
  const inCaseload = [230, 260];
  inCaseload.forEach((row, i) => {
    rows[row - 1] = [...(existing[i] ?? [])];
  });
  const repeated = { row: 290, sameAs: 200 };
  rows[repeated.row - 1] = [...at(repeated.sameAs - 1)];
  return { rows, bad, inCaseload, repeated };
}
