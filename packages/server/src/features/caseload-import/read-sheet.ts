import {
  caseloadSheetMaxBytes,
  caseloadSheetMaxRows,
  type MessageKey,
  PuenteError,
  sizeWords,
} from '@puente/core';
import { parse } from 'csv-parse/sync';
import { readSheet as readXlsx } from 'read-excel-file/node';

/** A sheet as text cells: the header row, then each person's cells with the row number the spreadsheet shows. */
export interface Sheet {
  columns: string[];
  rows: { row: number; cells: string[] }[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Every XLSX (a zip) starts with a zip's local file header. */
const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;

/** A cell as the admin sees it: dates as YYYY-MM-DD (XLSX keeps them as days), numbers as written. */
function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

async function xlsxRows(bytes: Uint8Array): Promise<string[][]> {
  try {
    const data: unknown[][] = await readXlsx(Buffer.from(bytes));
    return data.map((row) => row.map(cellText));
  } catch {
    throw new PuenteError(400, 'errors.sheetNotSpreadsheet');
  }
}

function csvRows(bytes: Uint8Array): string[][] {
  let text: string;
  try {
    text = utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new PuenteError(400, 'errors.sheetNotUtf8');
  }
  // Excel in Spanish writes `;` between cells: the header row says which one this file uses.
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    const rows: string[][] = parse(text, { delimiter, relax_column_count: true, trim: true });
    return rows;
  } catch {
    throw new PuenteError(400, 'errors.sheetNotSpreadsheet');
  }
}

/** What one kind of sheet may hold, and how its refusals name what it should have held. */
export interface SheetLimits {
  maxBytes: number;
  maxRows: number;
  /** Said of an empty file: which sheet to choose instead. */
  empty: MessageKey;
  /** Said of a header with nothing under it. */
  noRows: MessageKey;
}

const caseloadLimits: SheetLimits = {
  maxBytes: caseloadSheetMaxBytes,
  maxRows: caseloadSheetMaxRows,
  empty: 'errors.sheetEmpty',
  noRows: 'errors.sheetNoPeople',
};

/** Whether the bytes are a zip (an XLSX, or a zip of CSVs). */
export { isZip };

/**
 * Reads a sheet, CSV (UTF-8, comma or semicolon) or XLSX (its first sheet), and refuses in plain
 * words what is not one: too big, empty, not text, NUL bytes, no header row, no rows under it.
 * The caseload import and the directory import read through it with their own limits.
 */
export async function readSheet(bytes: Uint8Array, limits: SheetLimits): Promise<Sheet> {
  if (bytes.length === 0) throw new PuenteError(400, limits.empty);
  if (bytes.length > limits.maxBytes)
    throw new PuenteError(413, 'errors.sheetTooLarge', { limit: sizeWords(limits.maxBytes) });
  const zip = isZip(bytes);
  if (!zip && bytes.includes(0)) throw new PuenteError(400, 'errors.sheetNul');
  // Numbered before empty rows are dropped, so the report names the rows the admin sees.
  const all = (zip ? await xlsxRows(bytes) : csvRows(bytes))
    .map((cells, i) => ({ row: i + 1, cells }))
    .filter(({ cells }) => cells.some((cell) => cell !== ''));
  if (all.some(({ cells }) => cells.some((cell) => cell.includes('\u0000'))))
    throw new PuenteError(400, 'errors.sheetNul');
  const [first, ...rows] = all;
  if (!first) throw new PuenteError(400, limits.empty);
  const header = first.cells;
  // A header names columns: a row of dates, numbers or phone numbers is a person, not a header.
  const named = header.filter((cell) => /\p{L}/u.test(cell) && !/^\+?[\d\s().-]+$/.test(cell));
  if (named.length < Math.ceil(header.filter(Boolean).length / 2))
    throw new PuenteError(400, 'errors.sheetNoHeader');
  if (rows.length === 0) throw new PuenteError(400, limits.noRows);
  if (rows.length > limits.maxRows)
    throw new PuenteError(413, 'errors.sheetTooManyRows', {
      limit: limits.maxRows.toLocaleString('en'),
    });
  return { columns: header, rows };
}

/** A caseload sheet: up to `caseloadSheetMaxBytes` and `caseloadSheetMaxRows` people. */
export function readCaseloadSheet(bytes: Uint8Array): Promise<Sheet> {
  return readSheet(bytes, caseloadLimits);
}
