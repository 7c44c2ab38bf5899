import {
  type DirectoryDryRun,
  type DirectoryRowProblem,
  type DirectorySheetRowReport,
  directorySheetMaxBytes,
  directorySheetMaxRows,
  PuenteError,
  type SheetField,
  sheetColumns,
  sheetFields,
  sizeWords,
} from '@puente/core';
import { unzipSync } from 'fflate';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { isZip, readSheet, type Sheet } from '../caseload-import/read-sheet.js';
import { readZip } from './import.js';
import type { ReadResult } from './read-tabular.js';
import { type ReadyService, type ServiceRecords, type ServiceText, serviceRecords } from './sheet-rows.js';
import { checkRecord } from './validate.js';

/** What a directory file turned out to be: the one-sheet template, or HSDS's own tabular files. */
export type DirectoryFile = { kind: 'template'; sheet: Sheet } | { kind: 'hsds'; read: ReadResult };

export interface CheckedDirectory {
  report: DirectoryDryRun;
  /** The template's rows that would be written, in the sheet's order. */
  ready: ReadyService[];
  /** HSDS files as read, for the import to write. */
  hsds?: ReadResult;
}

const limits = {
  maxRows: directorySheetMaxRows,
  empty: 'errors.directorySheetEmpty',
  noRows: 'errors.directorySheetNoServices',
} as const;

/** A zip of HSDS CSVs (services.csv, datapackage.json, ...), told apart from an XLSX, which is a zip too. */
function hsdsZip(bytes: Uint8Array): boolean {
  return isZip(bytes) && !isXlsx(bytes);
}

function isXlsx(bytes: Uint8Array): boolean {
  let found = false;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (f.name === 'xl/workbook.xml' || f.name === '[Content_Types].xml') found = true;
        return false;
      },
    });
  } catch {
    return false;
  }
  return found;
}

/** Reads an upload: the template as CSV or XLSX, or a .zip of HSDS files; refused in words when neither. */
export async function readDirectoryFile(
  bytes: Uint8Array,
  maxBytes = directorySheetMaxBytes,
): Promise<DirectoryFile> {
  if (bytes.length > maxBytes)
    throw new PuenteError(413, 'errors.sheetTooLarge', { limit: sizeWords(maxBytes) });
  if (hsdsZip(bytes)) {
    let read: ReadResult;
    try {
      read = readZip(bytes);
    } catch {
      throw new PuenteError(400, 'errors.directoryZipUnreadable');
    }
    if (read.records.length === 0 && read.rejected.length === 0)
      throw new PuenteError(400, 'errors.directoryZipUnreadable');
    return { kind: 'hsds', read };
  }
  const sheet = await readSheet(bytes, { ...limits, maxBytes });
  if (sheetColumns(sheet.columns).name === undefined)
    throw new PuenteError(400, 'errors.directorySheetNoName');
  return { kind: 'template', sheet };
}

async function existing(db: Queryable, orgId: string, ids: string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(
    'select id from hsds_service where org_id = $1 and id = any($2::text[])',
    [orgId, ids],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Checking 20,000 rows takes seconds of the one thread every request shares: it lets the others
 * in every few hundred rows, so a big dry run slows the server a little instead of stopping it.
 */
const letOthersIn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The template's column each HSDS record's field was made from (sheet-rows.ts). */
function columnOf(entity: string, field: string): SheetField {
  if (entity === 'service') {
    const byField: Record<string, SheetField> = {
      url: 'website',
      email: 'email',
      description: 'description',
      fees_description: 'cost',
      eligibility_description: 'eligibility',
    };
    return byField[field] ?? 'name';
  }
  const byEntity: Record<string, SheetField> = {
    phone: 'phone',
    schedule: 'hours',
    language: 'languages',
    taxonomy_term: 'categories',
    attribute: 'categories',
  };
  return byEntity[entity] ?? 'address';
}
const problemOfColumn: Partial<Record<SheetField, DirectoryRowProblem>> = {
  email: 'badEmail',
  website: 'badWebsite',
  phone: 'badPhone',
};

/** What the official schema refuses in one row's records, by the template's columns. */
export function schemaRefusals(read: ServiceRecords) {
  const columns = new Set<SheetField>();
  for (const [entity, records] of read.records)
    for (const record of records)
      for (const e of checkRecord({ entity, record, source: { file: '', row: '' } }).errors)
        columns.add(columnOf(entity, e.field));
  const problems = new Set<DirectoryRowProblem>();
  const rest: SheetField[] = [];
  for (const column of columns) {
    const named = problemOfColumn[column];
    if (named) problems.add(named);
    else rest.push(column);
  }
  if (rest.length > 0) problems.add('cellNotValid');
  return { problems: [...problems], columns: sheetFields.filter((f) => rest.includes(f)) };
}

/**
 * The row's text in strings of its own. A cell read from an XLSX is a slice of the sheet's whole
 * XML text, and V8 keeps that whole text alive for as long as any slice of it lives: the ready
 * rows kept for the import held tens of MB of XML through the whole transaction. A JSON round
 * trip makes every string anew.
 */
const ownCopy = (text: ServiceText): ServiceText => JSON.parse(JSON.stringify(text));

async function checkTemplate(sheet: Sheet) {
  const columns = sheetColumns(sheet.columns);
  const rowReports: DirectorySheetRowReport[] = [];
  const ready: ReadyService[] = [];
  const firstRowOf = new Map<string, number>();
  for (const [i, { row, cells }] of sheet.rows.entries()) {
    if (i % 500 === 499) await letOthersIn();
    const text = Object.fromEntries(
      sheetFields.map((f) => [f, columns[f] === undefined ? '' : (cells[columns[f]] ?? '')]),
    ) as Record<SheetField, string>;
    const read = serviceRecords(text);
    const problems = [...read.problems];
    const sameAs = problems.length === 0 ? firstRowOf.get(read.key) : undefined;
    if (sameAs !== undefined) problems.push('duplicateInFile');
    // The official schema checks the records too: what it refuses is refused for the row, not the
    // import, and said by the column it came from (an email Ajv refuses is a bad email, not a long cell).
    const refused = problems.length === 0 ? schemaRefusals(read) : { problems: [], columns: [] };
    problems.push(...refused.problems);
    if (problems.length === 0) {
      firstRowOf.set(read.key, row);
      ready.push({ serviceId: read.serviceId, hasPlace: read.hasPlace, text: ownCopy(text) });
    }
    if (problems.length > 0 || read.warnings.length > 0)
      rowReports.push({
        row,
        name: text.name.slice(0, 80),
        problems,
        warnings: read.warnings,
        ...(sameAs === undefined ? {} : { sameAs }),
        ...(refused.columns.length > 0 ? { columns: refused.columns } : {}),
      });
  }
  const missingColumns = sheetFields.filter((f) => columns[f] === undefined);
  return { rowReports, ready, missingColumns, rows: sheet.rows.length };
}

/** A directory file checked row by row, before the directory is asked which services it has. */
export type ExaminedFile = { examined: true } & (
  | {
      kind: 'template';
      rows: number;
      rowReports: DirectorySheetRowReport[];
      ready: ReadyService[];
      missingColumns: SheetField[];
    }
  | { kind: 'hsds'; read: ReadResult; issues: ReadResult['rejected']; services: string[]; locations: number }
);

/**
 * Every row or record checked as the import would, without the database: the slow part of a big
 * dry run, done before its transaction opens so that the transaction stays short.
 */
export async function examineDirectoryFile(file: DirectoryFile): Promise<ExaminedFile> {
  if (file.kind === 'template')
    return { examined: true, kind: 'template', ...(await checkTemplate(file.sheet)) };
  const { read } = file;
  const issues = [...read.rejected];
  const services: string[] = [];
  let locations = 0;
  for (const [i, r] of read.records.entries()) {
    if (i % 500 === 499) await letOthersIn();
    const { errors } = checkRecord(r);
    for (const e of errors) issues.push({ file: r.source.file, row: r.source.row, ...e });
    if (errors.length > 0) continue;
    if (r.entity === 'service') services.push(String(r.record.id));
    if (r.entity === 'location') locations += 1;
  }
  return { examined: true, kind: 'hsds', read, issues, services, locations };
}

/**
 * The dry run of a directory file: every row or record checked as the import would, and counted
 * as services new and updated and places; nothing is written but one audit event of counts.
 * Takes the file already examined (the routes do it outside their transaction) or examines it.
 */
export async function checkDirectoryFile(
  db: Queryable,
  caller: Caller,
  file: DirectoryFile | ExaminedFile,
): Promise<CheckedDirectory> {
  const { orgId } = caller.actor;
  const examined = 'examined' in file ? file : await examineDirectoryFile(file);
  let checked: CheckedDirectory;
  if (examined.kind === 'template') {
    const { rowReports, ready, missingColumns, rows } = examined;
    const known = await existing(
      db,
      orgId,
      ready.map((r) => r.serviceId),
    );
    const updated = ready.filter((r) => known.has(r.serviceId)).length;
    checked = {
      ready,
      report: {
        kind: 'template',
        rows,
        ready: ready.length,
        added: ready.length - updated,
        updated,
        locations: ready.filter((r) => r.hasPlace).length,
        skipped: rows - ready.length,
        missingColumns,
        rowsWithIssues: rowReports,
        hsdsIssues: [],
      },
    };
  } else {
    const { read, issues, services, locations } = examined;
    const known = await existing(db, orgId, services);
    const rejectedServices = issues.filter((i) => i.file === 'services.csv').length;
    checked = {
      ready: [],
      hsds: read,
      report: {
        kind: 'hsds',
        rows: services.length + rejectedServices,
        ready: services.length,
        added: services.filter((id) => !known.has(id)).length,
        updated: services.filter((id) => known.has(id)).length,
        locations,
        skipped: rejectedServices,
        missingColumns: [],
        rowsWithIssues: [],
        hsdsIssues: issues.slice(0, 500),
      },
    };
  }
  const { report } = checked;
  await recordAudit(db, who(caller), {
    action: 'directory.import-checked',
    subjectType: 'organization',
    subjectId: orgId,
    detail: { kind: report.kind, rows: report.rows, ready: report.ready, skipped: report.skipped },
  });
  return checked;
}
