import type { HsdsReason, ImportIssue } from '@puente/core';
import { parse } from 'csv-parse/sync';
import { entities, entityByFile, type SourcedRecord } from './entities.js';
import { schemas, textCells, typedRow } from './validate.js';

export interface ReadResult {
  records: SourcedRecord[];
  /** Whole files or rows refused before validation (unreadable, missing columns). */
  rejected: ImportIssue[];
  /** Nested JSON gives fragments of records: later ones add to earlier ones instead of replacing them. */
  merge: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The files of the tabular form that Puente reads: those datapackage.json lists, else the known names. */
function listedFiles(files: Map<string, Uint8Array>): string[] {
  const dp = files.get('datapackage.json');
  if (dp) {
    const pkg = JSON.parse(utf8.decode(dp)) as { resources?: { path?: string }[] };
    return (pkg.resources ?? []).flatMap((r) => (r.path && entityByFile.has(r.path) ? [r.path] : []));
  }
  return entities.map((e) => e.file).filter((f) => files.has(f));
}

/**
 * Reads the tabular form (CSV files named as in the HSDS datapackage). Each
 * file must be UTF-8 and carry the columns its schema requires.
 */
export function readTabular(files: Map<string, Uint8Array>): ReadResult {
  const records: SourcedRecord[] = [];
  const rejected: ImportIssue[] = [];
  let names: string[];
  try {
    names = listedFiles(files);
  } catch {
    return { records, merge: false, rejected: [whole('datapackage.json', 'is not valid JSON', 'notJson')] };
  }
  for (const file of names) {
    const spec = entityByFile.get(file);
    const bytes = files.get(file);
    if (!spec) continue;
    if (!bytes) {
      rejected.push(whole(file, 'is listed in datapackage.json but missing', 'missingFile'));
      continue;
    }
    let text: string;
    try {
      text = utf8.decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      rejected.push(whole(file, 'is not UTF-8 text; save it as CSV UTF-8 and import again', 'notUtf8'));
      continue;
    }
    let rows: { record: Record<string, string>; info: { lines: number } }[];
    try {
      rows = parse(text, { columns: true, info: true, skip_empty_lines: true, relax_column_count: false });
    } catch (error) {
      rejected.push(whole(file, `could not be read as CSV: ${(error as Error).message}`, 'notCsv'));
      continue;
    }
    const header = Object.keys(rows[0]?.record ?? {});
    const missing = (schemas.get(spec.name)?.required ?? []).filter(
      (c) => rows.length > 0 && !header.includes(c),
    );
    if (missing.length > 0) {
      rejected.push({
        file,
        row: 'header',
        field: missing.join(', '),
        reason: 'required column missing',
        code: 'columnMissing',
      });
      continue;
    }
    for (const { record, info } of rows) {
      records.push({
        entity: spec.name,
        record: typedRow(spec.name, record),
        source: { file, row: String(info.lines) },
      });
    }
  }
  return { records, rejected, merge: false };
}

/** The tabular form written as one JSON object, `{ "services.csv": [ {...} ] }` (the official tabular.json). */
export function readTabularJson(value: Record<string, unknown>, file: string): ReadResult {
  const records: SourcedRecord[] = [];
  const rejected: ImportIssue[] = [];
  for (const [name, rows] of Object.entries(value)) {
    const spec = entityByFile.get(name);
    if (!spec || !Array.isArray(rows)) {
      rejected.push({
        file,
        row: name,
        field: '(table)',
        reason: 'is not an HSDS table of records',
        code: 'notTable',
      });
      continue;
    }
    rows.forEach((record, i) => {
      records.push({
        entity: spec.name,
        record: textCells(spec.name, record) as Record<string, unknown>,
        source: { file, row: `${name}[${i}]` },
      });
    });
  }
  return { records, rejected, merge: false };
}

const whole = (file: string, reason: string, code: HsdsReason): ImportIssue => ({
  file,
  row: '(file)',
  field: '(file)',
  reason,
  code,
});
