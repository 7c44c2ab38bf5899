import { z } from 'zod';
import { ImportIssue } from '../directory/schemas.js';
import { foldText } from '../text/fold.js';

/** The columns of the one-sheet directory template, in its order. */
export const sheetFields = [
  'name',
  'description',
  'phone',
  'address',
  'hours',
  'categories',
  'languages',
  'cost',
  'eligibility',
  'website',
  'email',
] as const;
export type SheetField = (typeof sheetFields)[number];

/** The template's own headers, which the downloadable sheet carries, in each language. */
export const templateHeaders: Record<'en' | 'es', Record<SheetField, string>> = {
  en: {
    name: 'Name',
    description: 'Description',
    phone: 'Phone',
    address: 'Address',
    hours: 'Hours',
    categories: 'Categories',
    languages: 'Languages',
    cost: 'Cost',
    eligibility: 'Eligibility',
    website: 'Website',
    email: 'Email',
  },
  es: {
    name: 'Nombre',
    description: 'Descripción',
    phone: 'Teléfono',
    address: 'Dirección',
    hours: 'Horario',
    categories: 'Categorías',
    languages: 'Idiomas',
    cost: 'Costo',
    eligibility: 'Requisitos',
    website: 'Sitio web',
    email: 'Correo electrónico',
  },
};

// Header words (folded) beyond the template's own: what programs call these columns in their sheets.
const moreWords: Record<SheetField, readonly string[]> = {
  name: ['service', 'service name', 'servicio', 'nombre del servicio', 'program', 'programa'],
  description: ['descripcion', 'about', 'que ofrece', 'what they offer'],
  phone: ['telephone', 'tel', 'phone number', 'telefono', 'numero de telefono'],
  address: ['direccion', 'domicilio', 'location', 'ubicacion', 'street address'],
  hours: ['horario', 'horarios', 'horas', 'opening hours', 'hours of operation', 'schedule'],
  categories: ['category', 'categoria', 'categorias', 'needs', 'necesidades', 'type', 'tipo'],
  languages: ['language', 'idioma', 'idiomas', 'lenguas'],
  cost: ['costo', 'costos', 'fees', 'fee', 'price', 'precio'],
  eligibility: ['elegibilidad', 'requisitos', 'who can use it', 'quien puede usarlo', 'who qualifies'],
  website: ['web', 'url', 'web site', 'sitio web', 'pagina web'],
  email: ['e-mail', 'correo', 'correo electronico', 'email address'],
};

const byWord = new Map<string, SheetField>();
for (const field of sheetFields) {
  for (const w of [templateHeaders.en[field], templateHeaders.es[field], ...moreWords[field]])
    byWord.set(foldText(w), field);
}

/**
 * Which column holds each field, from a header row in English or Spanish (exact words, folded);
 * a column it does not know is left out.
 * @example sheetColumns(['Nombre', 'Horario']) // { name: 0, hours: 1 }
 */
export function sheetColumns(header: readonly string[]): Partial<Record<SheetField, number>> {
  const columns: Partial<Record<SheetField, number>> = {};
  header.forEach((cell, at) => {
    const field = byWord.get(foldText(cell));
    if (field && columns[field] === undefined) columns[field] = at;
  });
  return columns;
}

/** Why a row is left out, said on the screen in the admin's words. */
export const directoryRowProblems = [
  'missingName',
  'tooLong',
  'badPhone',
  'badWebsite',
  'badEmail',
  'duplicateInFile',
  // What the directory standard's own rules refuse in a column the checks above let by (a NUL).
  'cellNotValid',
] as const;
export type DirectoryRowProblem = (typeof directoryRowProblems)[number];

/** What is kept from a row, but not all of it: said so the admin can fix the sheet. */
export const directoryRowWarnings = [
  'hoursNotUnderstood',
  'languageNotUnderstood',
  'addressNotUnderstood',
] as const;
export type DirectoryRowWarning = (typeof directoryRowWarnings)[number];

export const DirectorySheetRowReport = z.object({
  /** The row as the spreadsheet numbers it: the header is row 1. */
  row: z.number().int().min(1),
  /** The service's name as written, so the admin finds the row by more than its number. */
  name: z.string(),
  problems: z.array(z.enum(directoryRowProblems)),
  warnings: z.array(z.enum(directoryRowWarnings)),
  /** For a repeat within the file: the earlier row with the same name and address. */
  sameAs: z.number().int().min(2).optional(),
  /** For `cellNotValid`: the template's columns that broke the rule. */
  columns: z.array(z.enum(sheetFields)).optional(),
});
export type DirectorySheetRowReport = z.infer<typeof DirectorySheetRowReport>;

/**
 * The most a directory file may weigh in the app: 10 MB, some 40,000 services as CSV and more
 * as XLSX, so a whole 211 export or county list comes in one file (the rows are capped below).
 * The file travels as its own bytes (not base64 in JSON), so the two sheet routes lift the
 * API's 1 MB body limit to this for themselves alone.
 */
export const directorySheetMaxBytes = 10 * 1024 * 1024;
/** The most services one sheet may bring. */
export const directorySheetMaxRows = 25_000;

/** A size limit as people read it: "700 KB", "10 MB". */
export const sizeWords = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`;

/**
 * The content types a directory file may be sent as: the template (CSV, XLSX), HSDS files in a
 * .zip, or bytes the browser could not name. The server reads the file itself to tell which it
 * is. None is a type a cross-site form can send, so a page elsewhere cannot post one unasked.
 */
export const directorySheetTypes = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip',
  'application/octet-stream',
] as const;

/**
 * The type to send a chosen file as, by its name: a browser's own guess is no help (Windows with
 * Excel calls a .csv `application/vnd.ms-excel`, some phones leave it empty).
 */
export function directorySheetTypeOf(fileName: string): (typeof directorySheetTypes)[number] {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'csv') return 'text/csv';
  if (extension === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (extension === 'zip') return 'application/zip';
  return 'application/octet-stream';
}

/**
 * The dry run: nothing is written. How many services the sheet holds, how many are new and how
 * many would update one already in the directory, and each row with a problem or a warning.
 */
export const DirectoryDryRun = z
  .object({
    kind: z.enum(['template', 'hsds']),
    rows: z.number().int().min(0),
    /** Services that would be imported: new and updated. */
    ready: z.number().int().min(0),
    added: z.number().int().min(0),
    updated: z.number().int().min(0),
    /** Places (addresses) among them. */
    locations: z.number().int().min(0),
    skipped: z.number().int().min(0),
    /** Template columns the header did not have (the rest are read). */
    missingColumns: z.array(z.enum(sheetFields)),
    rowsWithIssues: z.array(DirectorySheetRowReport),
    /** For HSDS files: records left out, by the service or place's row, in words ("a phone number on row 4"). */
    hsdsIssues: z.array(ImportIssue),
  })
  .meta({ id: 'DirectoryDryRun' });
export type DirectoryDryRun = z.infer<typeof DirectoryDryRun>;

/** An import under way or done: how many services are in the directory now, of those ready. */
export const DirectoryImportRun = z
  .object({
    id: z.uuid(),
    /** interrupted: its server stopped part way (a restart); start it again. */
    state: z.enum(['running', 'done', 'stopped', 'interrupted']),
    total: z.number().int().min(0),
    done: z.number().int().min(0),
  })
  .meta({ id: 'DirectoryImportRun' });
export type DirectoryImportRun = z.infer<typeof DirectoryImportRun>;

const text = (max: number) => z.string().trim().max(max).default('');

/** One service as the form sends it: the template's columns, in the same plain words. */
export const ServiceForm = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    description: text(4000),
    phone: text(40),
    address: text(300),
    hours: text(300),
    categories: text(300),
    languages: text(200),
    cost: text(300),
    eligibility: text(1000),
    website: text(500),
    email: text(200),
  })
  .meta({ id: 'ServiceForm' });
export type ServiceForm = z.input<typeof ServiceForm>;

/** A service as the form shows it to edit. */
export const ServiceFormView = z
  .object({ id: z.string(), form: ServiceForm })
  .meta({ id: 'ServiceFormView' });
export type ServiceFormView = z.infer<typeof ServiceFormView>;
