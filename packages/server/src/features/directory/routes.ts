import { createRoute } from '@hono/zod-openapi';
import {
  DirectoryFlag,
  DirectoryFlagRequest,
  DirectorySearchQuery,
  DirectorySearchResponse,
  DirectorySettings,
  ResolveFlagRequest,
  ServiceEditRequest,
  ServiceForm,
  ServiceFormView,
} from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { readsOf, scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { searchDirectory } from './search.js';
import { loadServiceForm, saveServiceForm } from './service-form.js';
import { directorySettings, saveDirectorySettings } from './settings.js';
import { editService, flagService, listFlags, resolveFlag, verifyService } from './upkeep.js';

export const directoryRoutes = createRouter();
const tags = ['Directory'];
/** A service in a path: an HSDS id, as the directory and the partners' proposals name it. */
export const ServiceParam = z.object({ id: z.string().min(1).max(200) });
const FlagParam = z.object({ id: z.uuid() });

directoryRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/directory/search',
    tags,
    summary:
      'Find services for a person: words in English or Spanish, need, distance, language, cost, open now, age',
    middleware: [allow('directory.search')] as const,
    request: { query: DirectorySearchQuery },
    responses: { 200: jsonResponse(DirectorySearchResponse, 'Ranked results'), ...commonProblems },
  }),
  async (c) => {
    const query = c.req.valid('query');
    // From the read replica when there is one (DATABASE_READ_URL).
    return c.json(await readsOf(c, (reads, { actor }) => searchDirectory(reads, actor.orgId, query)), 200);
  },
);

directoryRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/directory/services/{id}/flags',
    tags,
    summary: 'Report that a listing is wrong (number does not work, closed, wrong info)',
    middleware: [allow('directory.flag')] as const,
    request: { params: ServiceParam, body: jsonBody(DirectoryFlagRequest) },
    responses: {
      201: jsonResponse(DirectoryFlag, 'Flag queued for review'),
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const request = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => flagService(tx, scope, id, request)), 201);
  },
);

directoryRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/directory/flags',
    tags,
    summary: 'The review queue of flags (admin)',
    middleware: [allow('directory.manage')] as const,
    request: { query: z.strictObject({ status: z.enum(['open', 'all']).default('open') }) },
    responses: { 200: jsonResponse(z.object({ flags: z.array(DirectoryFlag) }), 'Flags'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ flags: await listFlags(db, actor.orgId, c.req.valid('query').status === 'open') }, 200);
  },
);

directoryRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/directory/flags/{id}/resolve',
    tags,
    summary: 'Close a flag as fixed or dismissed (admin)',
    middleware: [allow('directory.manage')] as const,
    request: { params: FlagParam, body: jsonBody(ResolveFlagRequest) },
    responses: { 204: { description: 'Resolved' }, 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { resolution } = c.req.valid('json');
    await transactional(c, (tx, scope) => resolveFlag(tx, scope, id, resolution));
    return c.body(null, 204);
  },
);

directoryRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/api/directory/services/{id}',
    tags,
    summary: 'Change a service’s details (admin); null clears a field',
    middleware: [allow('directory.manage')] as const,
    request: { params: ServiceParam, body: jsonBody(ServiceEditRequest) },
    responses: { 204: { description: 'Changed' }, 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const edit = c.req.valid('json');
    await transactional(c, (tx, scope) => editService(tx, scope, id, edit));
    return c.body(null, 204);
  },
);

directoryRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/directory/services/{id}/verify',
    tags,
    summary: 'Mark a service as checked and right today (admin)',
    middleware: [allow('directory.manage')] as const,
    request: { params: ServiceParam },
    responses: {
      200: jsonResponse(z.object({ lastVerifiedAt: z.string() }), 'Verified'),
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    return c.json(
      { lastVerifiedAt: await transactional(c, (tx, scope) => verifyService(tx, scope, id)) },
      200,
    );
  },
);

directoryRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/directory/settings',
    tags,
    middleware: [allow('directory.manage')] as const,
    summary:
      'Directory settings: HSDS public or not, its public address, months until an entry is stale (admin)',
    responses: { 200: jsonResponse(DirectorySettings, 'Settings'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await directorySettings(db, actor.orgId), 200);
  },
);

directoryRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/directory/settings',
    tags,
    middleware: [allow('directory.manage')] as const,
    summary: 'Change the directory settings (admin)',
    request: { body: jsonBody(DirectorySettings) },
    responses: { 200: jsonResponse(DirectorySettings, 'Saved'), 409: problems[409], ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    const settings = c.req.valid('json');
    await saveDirectorySettings(db, actor.orgId, settings);
    return c.json(settings, 200);
  },
);

directoryRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/directory/services',
    tags,
    summary:
      'Add one service from the form: name, description, phone, address, hours in words, categories, languages, cost, eligibility (admin)',
    middleware: [allow('directory.manage')] as const,
    request: { body: jsonBody(ServiceForm) },
    responses: {
      201: jsonResponse(ServiceFormView, 'Added'),
      409: problems[409],
      422: problems[422],
      ...commonProblems,
    },
  }),
  async (c) => {
    const form = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => saveServiceForm(tx, scope, undefined, form)), 201);
  },
);

directoryRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/directory/services/{id}/form',
    tags,
    summary: 'One service as the form shows it to edit, in the same words as the sheet template (admin)',
    middleware: [allow('directory.manage')] as const,
    request: { params: ServiceParam },
    responses: { 200: jsonResponse(ServiceFormView, 'The service'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await loadServiceForm(db, actor.orgId, c.req.valid('param').id), 200);
  },
);

directoryRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/directory/services/{id}/form',
    tags,
    summary:
      'Save one service from the form; its phone, hours, languages, categories and place are replaced (admin)',
    middleware: [allow('directory.manage')] as const,
    request: { params: ServiceParam, body: jsonBody(ServiceForm) },
    responses: {
      200: jsonResponse(ServiceFormView, 'Saved'),
      404: problems[404],
      422: problems[422],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const form = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => saveServiceForm(tx, scope, id, form)), 200);
  },
);
