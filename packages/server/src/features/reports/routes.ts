import { createRoute } from '@hono/zod-openapi';
import { ReportFigures, ReportFilters, ReportOptions } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonResponse } from '../../http/openapi.js';
import { readsOf, scopeOf } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { requireStepUp } from '../two-factor/step-up.js';
import { extractExport, figures, figuresExport, reportOptions } from './service.js';

export const reportRoutes = createRouter();
const tags = ['Reports'];
const outOfScope = commonProblems[403];
const csv = (description: string) => ({ description, content: { 'text/csv': { schema: z.string() } } });
const attachment = (name: string, body: string) =>
  new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    },
  });

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/reports/options',
    tags,
    summary:
      'What the report filters offer the caller: teams, CHWs (unnamed for managers), neighbourhoods, languages',
    middleware: [allow('reports.read')] as const,
    responses: { 200: jsonResponse(ReportOptions, 'Options'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await reportOptions(db, actor), 200);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/reports/figures',
    tags,
    summary:
      'Program figures by month, without names, counts under the program’s threshold hidden (manager, supervisor for their teams, admin); audited',
    middleware: [allow('reports.read')] as const,
    request: { query: ReportFilters },
    responses: { 200: jsonResponse(ReportFigures, 'Figures'), ...commonProblems, 403: outOfScope },
  }),
  async (c) => {
    const query = c.req.valid('query');
    // Read from the replica when there is one (DATABASE_READ_URL); audited on the primary.
    return c.json(await readsOf(c, (reads, scope) => figures(scope.db, scope, query, reads)), 200);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/reports/figures.csv',
    tags,
    summary:
      'Every chart’s data as one CSV (chart, group, month, measure, value, suppressed), small counts hidden as on screen; audited',
    middleware: [allow('reports.read')] as const,
    request: { query: ReportFilters },
    responses: { 200: csv('Figures as CSV'), ...commonProblems },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const { csv: body, scope } = await readsOf(c, (reads, caller) =>
      figuresExport(caller.db, caller, query, reads),
    );
    return attachment(`puente-figures-${scope.from}-${scope.to}.csv`, body);
  },
);

reportRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/reports/extract.csv',
    tags,
    summary:
      'De-identified person-level extract for evaluators: pseudonyms and date shifts from a key made for this extract alone, age bands, no free text; audited',
    middleware: [allow('reports.extract'), requireStepUp] as const,
    request: { query: ReportFilters },
    responses: { 200: csv('One row per encounter, screen, alert and safety plan'), ...commonProblems },
  }),
  async (c) => {
    const query = c.req.valid('query');
    const { csv: body, scope } = await readsOf(c, (reads, caller) =>
      extractExport(caller.db, caller, query, reads),
    );
    return attachment(`puente-extract-${scope.from}-${scope.to}.csv`, body);
  },
);
