import { createRoute } from '@hono/zod-openapi';
import { CaseloadDryRun, CaseloadImportRun, CaseloadSheetRequest } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { checkSheet } from './dry-run.js';
import { importProgress, startImport } from './run.js';

/** Bringing in a caseload from a spreadsheet: a dry run first, then an import of the rows that passed. */
export const caseloadImportRoutes = createRouter();
const tags = ['Caseload import'];
const RunParam = z.object({ id: z.uuid() });

// The spreadsheet readers load at the first import: otherwise every HTTP worker holds them for a rare screen.
const sheetOf = async (content: string) =>
  (await import('./read-sheet.js')).readCaseloadSheet(Buffer.from(content, 'base64'));

caseloadImportRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/caseload-import/check',
    tags,
    middleware: [allow('caseload.import')] as const,
    summary:
      'Dry run of a caseload sheet (CSV or XLSX, base64, up to 700 KB): the proposed or given column mapping and each row that would be left out with why; nothing is written (admin)',
    request: { body: jsonBody(CaseloadSheetRequest) },
    responses: { 200: jsonResponse(CaseloadDryRun, 'The dry run'), ...commonProblems },
  }),
  async (c) => {
    const request = c.req.valid('json');
    const sheet = await sheetOf(request.content);
    const { report } = await transactional(c, (tx, scope) => checkSheet(tx, scope, sheet, request));
    return c.json(report, 200);
  },
);

caseloadImportRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/caseload-import/runs',
    tags,
    middleware: [allow('caseload.import')] as const,
    summary:
      'Import the rows of a caseload sheet that pass the dry run (checked again now), in batches of whole transactions; follow it at GET /api/caseload-import/runs/{id} (admin)',
    request: { body: jsonBody(CaseloadSheetRequest) },
    responses: { 202: jsonResponse(CaseloadImportRun, 'Started'), ...commonProblems },
  }),
  async (c) => {
    const request = c.req.valid('json');
    const sheet = await sheetOf(request.content);
    const { ready } = await transactional(c, (tx, scope) => checkSheet(tx, scope, sheet, request));
    const scope = scopeOf(c);
    const { run } = await startImport(scope.db, scope, ready, c.get('log'));
    return c.json(run, 202);
  },
);

caseloadImportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/caseload-import/runs/{id}',
    tags,
    middleware: [allow('caseload.import')] as const,
    summary: 'How far an import has gone: people created of those ready (admin)',
    request: { params: RunParam },
    responses: { 200: jsonResponse(CaseloadImportRun, 'Progress'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await importProgress(db, actor.orgId, c.req.valid('param').id), 200);
  },
);
