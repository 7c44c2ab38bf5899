import { z } from 'zod';
import { LanguageTag } from '../caseload/schemas.js';

/** What a column of a caseload sheet can be: a person's fields, who holds them, and their consent. */
export const importFields = [
  'givenName',
  'familyName',
  'fullName',
  'phone',
  'birthDate',
  'preferredLanguage',
  'neighborhood',
  'chw',
  'consent',
  'consentDate',
  'consentRecordedBy',
] as const;
export type ImportField = (typeof importFields)[number];

/** The most a sheet may weigh: it travels as base64 in one JSON body, which the API caps at 1 MB. */
export const caseloadSheetMaxBytes = 700 * 1024;
/** The most people one sheet may bring: the dry run checks each against the caseload. */
export const caseloadSheetMaxRows = 10_000;

/** Which column (by position, from 0) holds each field; a field not named is not read. */
export const ColumnMapping = z.partialRecord(z.enum(importFields), z.number().int().min(0).max(200));
export type ColumnMapping = z.infer<typeof ColumnMapping>;

/**
 * A caseload sheet as the admin chose it: the file (CSV or XLSX, base64), the mapping they
 * confirmed (without it, the server proposes one), one CHW for every row without a CHW column,
 * the language of rows that leave it blank, and how to read a date such as 03/04/1980.
 */
export const CaseloadSheetRequest = z
  .strictObject({
    fileName: z.string().trim().min(1).max(200),
    /** The file's bytes in base64; over `caseloadSheetMaxBytes` is refused with the limit said. */
    content: z.base64(),
    mapping: ColumnMapping.optional(),
    chwId: z.uuid().optional(),
    defaultLanguage: LanguageTag.default('es'),
    dateOrder: z.enum(['dmy', 'mdy']).default('mdy'),
  })
  .meta({ id: 'CaseloadSheetRequest' });
export type CaseloadSheetRequest = z.input<typeof CaseloadSheetRequest>;

/** Why a row is left out, as a code the screen says in the admin's words. */
export const rowProblems = [
  'missingName',
  'nameTooLong',
  'badBirthDate',
  'badPhone',
  'badLanguage',
  'noChw',
  'unknownChw',
  'ambiguousChw',
  'badConsent',
  'consentWithoutDate',
  'badConsentDate',
  'duplicateInCaseload',
  'duplicateInFile',
] as const;
export type RowProblem = (typeof rowProblems)[number];

export const SheetRowReport = z.object({
  /** The row as the spreadsheet numbers it: the header is row 1. */
  row: z.number().int().min(2),
  problems: z.array(z.enum(rowProblems)).min(1),
  /** For a duplicate within the file: the earlier row it repeats. */
  sameAs: z.number().int().min(2).optional(),
});
export type SheetRowReport = z.infer<typeof SheetRowReport>;

/** The dry run: nothing is written; each row that would be left out is named with why. */
export const CaseloadDryRun = z
  .object({
    columns: z.array(z.string()),
    mapping: ColumnMapping,
    rows: z.number().int().min(0),
    ready: z.number().int().min(0),
    skipped: z.number().int().min(0),
    duplicates: z.number().int().min(0),
    problems: z.array(SheetRowReport),
  })
  .meta({ id: 'CaseloadDryRun' });
export type CaseloadDryRun = z.infer<typeof CaseloadDryRun>;

/** An import under way or done: how many of the ready rows are in the caseload now. */
export const CaseloadImportRun = z
  .object({
    id: z.uuid(),
    /** interrupted: its server stopped part way (a restart); start it again. */
    state: z.enum(['running', 'done', 'stopped', 'interrupted']),
    total: z.number().int().min(0),
    created: z.number().int().min(0),
  })
  .meta({ id: 'CaseloadImportRun' });
export type CaseloadImportRun = z.infer<typeof CaseloadImportRun>;
