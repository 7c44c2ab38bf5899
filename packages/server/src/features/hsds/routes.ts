import { createRoute } from '@hono/zod-openapi';
import {
  DirectoryDryRun,
  DirectoryImportRun,
  directorySheetMaxBytes,
  directorySheetTypes,
  ImportReport,
  sheetFields,
  sizeWords,
  templateHeaders,
} from '@puente/core';
import type { Context } from 'hono';
import { z } from 'zod';
import { fileUpload, uploadedBytes } from '../../http/file-upload.js';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { directoryImportProgress, startDirectoryImport } from './sheet-run.js';

/** An admin brings a directory in, or takes it out, in HSDS 3.0; the paths stay under the directory they fill. */
export const hsdsImportExportRoutes = createRouter();
const tags = ['Directory'];

// The file readers and writers (ajv with the HSDS schemas, zip, the spreadsheet reader) load at an admin's
// first import or export: otherwise every HTTP worker holds their few MB for a screen used a few times a year.
const exporting = () => import('./export.js');
const importing = () => Promise.all([import('./import.js'), import('./read-json.js')]);
const checking = () => import('./sheet-check.js');

hsdsImportExportRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/directory/import',
    tags,
    summary:
      'Import HSDS JSON (any official example shape, or the tabular form as JSON) up to 1 MB (admin); larger directories go through `puente directory-import`',
    middleware: [allow('directory.manage')] as const,
    request: { body: jsonBody(z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])) },
    responses: {
      200: jsonResponse(ImportReport, 'What was imported and what was refused'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const scope = scopeOf(c);
    const [{ importUpload }, { readJson }] = await importing();
    return c.json(await importUpload(scope.db, scope, readJson(c.req.valid('json'), 'upload.json')), 200);
  },
);

hsdsImportExportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/directory/export',
    tags,
    summary: 'Export the directory as HSDS tabular JSON, or as a zip of CSVs with datapackage.json (admin)',
    middleware: [allow('directory.manage')] as const,
    request: { query: z.strictObject({ format: z.enum(['json', 'csv']).default('json') }) },
    responses: {
      200: {
        description: 'The directory',
        content: {
          'application/json': { schema: z.record(z.string(), z.array(z.unknown())) },
          'application/zip': {},
        },
      },
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    const { exportTabular, toCsvFiles, toZip } = await exporting();
    const tables = await exportTabular(db, actor.orgId);
    if (c.req.valid('query').format === 'json') return c.json(tables, 200);
    const zip = toZip(toCsvFiles(tables));
    return c.body(zip.buffer as ArrayBuffer, 200, {
      'content-type': 'application/zip',
      'content-disposition': 'attachment; filename="directory-hsds.zip"',
    });
  },
);

/** The file as its own bytes, in any of the types it may come as; the server tells which it is. */
const sheetBody = {
  required: true,
  description: `The file itself (not base64, not JSON), up to ${sizeWords(directorySheetMaxBytes)}`,
  content: Object.fromEntries(
    directorySheetTypes.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }]),
  ),
};

/**
 * Reads and checks the posted file row by row before any transaction opens: the seconds a big
 * sheet takes are spent without holding a database connection in a transaction.
 */
const examined = async (c: Context) => {
  const { examineDirectoryFile, readDirectoryFile } = await checking();
  return examineDirectoryFile(await readDirectoryFile(await uploadedBytes(c)));
};

hsdsImportExportRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/directory/sheet/check',
    tags,
    middleware: [allow('directory.manage'), fileUpload('/api/directory/sheet/check')] as const,
    summary: `Dry run of a directory file (the one-sheet template as CSV or XLSX, or HSDS tabular CSVs in a .zip; the file's own bytes, up to ${sizeWords(directorySheetMaxBytes)}): services new and updated, and each row with a problem or a warning; nothing is written (admin)`,
    request: { body: sheetBody },
    responses: { 200: jsonResponse(DirectoryDryRun, 'The dry run'), ...commonProblems },
  }),
  async (c) => {
    const file = await examined(c);
    const { checkDirectoryFile } = await checking();
    const { report } = await transactional(c, (tx, scope) => checkDirectoryFile(tx, scope, file));
    return c.json(report, 200);
  },
);

hsdsImportExportRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/directory/sheet/runs',
    tags,
    middleware: [allow('directory.manage'), fileUpload('/api/directory/sheet/runs')] as const,
    summary: `Import the services of a directory file (as for the dry run, up to ${sizeWords(directorySheetMaxBytes)}) that pass the dry run (checked again now), all in one transaction; follow it at GET /api/directory/sheet/runs/{id} (admin)`,
    request: { body: sheetBody },
    responses: { 202: jsonResponse(DirectoryImportRun, 'Started'), ...commonProblems },
  }),
  async (c) => {
    const file = await examined(c);
    const { checkDirectoryFile } = await checking();
    const checked = await transactional(c, (tx, scope) => checkDirectoryFile(tx, scope, file));
    const scope = scopeOf(c);
    const work = checked.hsds
      ? { kind: 'hsds' as const, read: checked.hsds, total: checked.report.ready }
      : { kind: 'template' as const, services: checked.ready };
    const { run } = await startDirectoryImport(scope.db, scope, work, c.get('log'));
    return c.json(run, 202);
  },
);

hsdsImportExportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/directory/sheet/runs/{id}',
    tags,
    middleware: [allow('directory.manage')] as const,
    summary: 'How far a directory import has gone: services written of those ready (admin)',
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 200: jsonResponse(DirectoryImportRun, 'Progress'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await directoryImportProgress(db, actor.orgId, c.req.valid('param').id), 200);
  },
);

const csvCell = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

hsdsImportExportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/directory/sheet/template',
    tags,
    middleware: [allow('directory.manage')] as const,
    summary:
      'The one-sheet directory template as CSV, its headers in English or Spanish, with one example row (admin)',
    request: { query: z.strictObject({ lang: z.enum(['en', 'es']).default('en') }) },
    responses: {
      200: { description: 'The template', content: { 'text/csv': { schema: z.string() } } },
      ...commonProblems,
    },
  }),
  (c) => {
    const lang = c.req.valid('query').lang;
    const example =
      lang === 'es'
        ? [
            'Despensa Comunitaria',
            'Comida gratis cada semana',
            '(512) 555-0100',
            '123 Main St, Austin, TX 78701',
            'Lun-Vie 9-17; Sáb 10-14',
            'Comida',
            'Español, Inglés',
            'Gratis',
            'Cualquier persona del condado',
            'https://despensa.example.org',
            'info@despensa.example.org',
          ]
        : [
            'Community Food Pantry',
            'Free groceries every week',
            '(512) 555-0100',
            '123 Main St, Austin, TX 78701',
            'Mon-Fri 9am-5pm; Sat 10am-2pm',
            'Food',
            'English, Spanish',
            'Free',
            'Anyone in the county',
            'https://pantry.example.org',
            'info@pantry.example.org',
          ];
    const header = sheetFields.map((f) => templateHeaders[lang][f]);
    // A BOM, so Excel opens the accents of the Spanish headers as UTF-8.
    const body = `\uFEFF${[header, example].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
    return c.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${lang === 'es' ? 'plantilla-directorio' : 'directory-template'}.csv"`,
    });
  },
);
