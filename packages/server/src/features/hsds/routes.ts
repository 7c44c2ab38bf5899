import { createRoute } from '@hono/zod-openapi';
import { ImportReport } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { scopeOf } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { exportTabular, toCsvFiles, toZip } from './export.js';
import { importUpload } from './import.js';
import { readJson } from './read-json.js';

/** An admin brings a directory in, or takes it out, in HSDS 3.0; the paths stay under the directory they fill. */
export const hsdsImportExportRoutes = createRouter();
const tags = ['Directory'];

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
    const tables = await exportTabular(db, actor.orgId);
    if (c.req.valid('query').format === 'json') return c.json(tables, 200);
    const zip = toZip(toCsvFiles(tables));
    return c.body(zip.buffer as ArrayBuffer, 200, {
      'content-type': 'application/zip',
      'content-disposition': 'attachment; filename="directory-hsds.zip"',
    });
  },
);
