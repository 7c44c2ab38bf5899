import { createRoute } from '@hono/zod-openapi';
import { Encounter, NewEncounterRequest } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { singleWrite, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { listEncounters, openEncounter, recordEncounter } from './service.js';

export const encounterRoutes = createRouter();
const tags = ['Encounters'];

encounterRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/clients/{id}/encounters',
    tags,
    summary: 'A person’s contacts, newest first; sensitive notes are left out',
    middleware: [allow('clients.work')] as const,
    request: {
      params: z.object({ id: z.uuid() }),
      query: z.strictObject({
        before: z.iso.datetime({ offset: true }).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
    },
    responses: {
      200: jsonResponse(z.object({ encounters: z.array(Encounter) }), 'Encounters'),
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const page = c.req.valid('query');
    const encounters = await transactional(c, (tx, scope) => listEncounters(tx, scope, id, page));
    return c.json({ encounters }, 200);
  },
);

encounterRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/encounters',
    tags,
    summary: 'Record a visit, call, text or meeting; the same id sent again is not recorded twice',
    middleware: [allow('clients.work')] as const,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(NewEncounterRequest) },
    responses: {
      201: jsonResponse(Encounter, 'Recorded'),
      200: jsonResponse(Encounter, 'Already recorded'),
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { encounter, created } = await singleWrite(c, (db, scope) => recordEncounter(db, scope, id, body));
    return created ? c.json(encounter, 201) : c.json(encounter, 200);
  },
);

encounterRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/clients/{id}/encounters/{encounterId}',
    tags,
    summary: 'Open one contact with its note (opening a sensitive note is audited)',
    middleware: [allow('clients.work')] as const,
    request: { params: z.object({ id: z.uuid(), encounterId: z.uuid() }) },
    responses: { 200: jsonResponse(Encounter, 'Encounter'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id, encounterId } = c.req.valid('param');
    return c.json(await transactional(c, (tx, scope) => openEncounter(tx, scope, id, encounterId)), 200);
  },
);
