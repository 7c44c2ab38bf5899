import { createRoute } from '@hono/zod-openapi';
import { DirectorySynonym, DirectorySynonymRequest } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { addSynonym, listSynonyms, removeSynonym } from './synonyms.js';

/** A program's own words for the directory search: admins keep them, every search uses them. */
export const synonymRoutes = createRouter();
const tags = ['Directory'];
const SynonymParam = z.object({ id: z.uuid() });

synonymRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/directory/synonyms',
    tags,
    middleware: [allow('directory.manage')] as const,
    summary: 'The program’s own search words and what each means, newest first (admin)',
    responses: {
      200: jsonResponse(z.object({ synonyms: z.array(DirectorySynonym) }), 'Synonyms'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ synonyms: await listSynonyms(db, actor.orgId) }, 200);
  },
);

synonymRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/directory/synonyms',
    tags,
    middleware: [allow('directory.manage')] as const,
    summary: 'Teach the search a word of the program’s: searched as what it means, and as itself (admin)',
    request: { body: jsonBody(DirectorySynonymRequest) },
    responses: {
      201: jsonResponse(DirectorySynonym, 'Added'),
      409: problems[409],
      422: problems[422],
      ...commonProblems,
    },
  }),
  async (c) => {
    const request = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => addSynonym(tx, scope, request)), 201);
  },
);

synonymRoutes.openapi(
  createRoute({
    method: 'delete',
    path: '/api/directory/synonyms/{id}',
    tags,
    middleware: [allow('directory.manage')] as const,
    summary: 'Remove one of the program’s search words (admin)',
    request: { params: SynonymParam },
    responses: { 204: { description: 'Removed' }, 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await transactional(c, (tx, scope) => removeSynonym(tx, scope, id));
    return c.body(null, 204);
  },
);
