import { createRoute } from '@hono/zod-openapi';
import {
  EventSignInRequest,
  EventSignUpRequest,
  NewEventRequest,
  OutreachEvent,
  OutreachEventDetail,
  UpdateEventRequest,
} from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { refuseDuplicates } from '../clients/duplicates.js';
import { checkChoices } from './check-form.js';
import { createEvent, listEvents, updateEvent } from './events.js';
import { OutreachFigures, outreachFigures } from './figures.js';
import { addSignIn, addSignUp, checkSignUp, eventDetail } from './people.js';

export const outreachRoutes = createRouter();
const tags = ['Outreach events'];
const params = z.object({ id: z.uuid() });

outreachRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/outreach/events',
    tags,
    summary: 'The organization’s outreach events, newest first',
    middleware: [allow('outreach.work')] as const,
    responses: {
      200: jsonResponse(z.object({ events: z.array(OutreachEvent) }), 'Events'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ events: await listEvents(db, actor.orgId) }, 200);
  },
);

outreachRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/outreach/check-forms',
    tags,
    summary: 'Questionnaires an event may use before and after: the talk check, then the program’s forms',
    middleware: [allow('outreach.work')] as const,
    responses: {
      200: jsonResponse(
        z.object({
          forms: z.array(
            z.object({
              canonical: z.string(),
              title: z.string(),
              validated: z.boolean(),
              builtIn: z.boolean(),
            }),
          ),
        }),
        'Forms',
      ),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ forms: await checkChoices(db, actor.orgId) }, 200);
  },
);

outreachRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/outreach/events',
    tags,
    summary: 'Plan or record an event; with a check, it gets a short link and QR code for attendees',
    middleware: [allow('outreach.work')] as const,
    request: { body: jsonBody(NewEventRequest) },
    responses: { 201: jsonResponse(OutreachEvent, 'Created'), ...commonProblems },
  }),
  async (c) => {
    const request = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => createEvent(tx, scope, request)), 201);
  },
);

outreachRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/outreach/events/{id}',
    tags,
    summary: 'One event with its attendee link, QR code, before-and-after change and sign-ups',
    middleware: [allow('outreach.work')] as const,
    request: { params },
    responses: { 200: jsonResponse(OutreachEventDetail, 'Event'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await eventDetail(db, actor, c.req.valid('param').id, c.get('config').publicUrl), 200);
  },
);

outreachRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/api/outreach/events/{id}',
    tags,
    summary: 'Change an event: its details, its status, or which half of the check is open',
    middleware: [allow('outreach.work')] as const,
    request: { params, body: jsonBody(UpdateEventRequest) },
    responses: { 200: jsonResponse(OutreachEvent, 'Changed'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const change = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => updateEvent(tx, scope, id, change)), 200);
  },
);

outreachRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/outreach/events/{id}/sign-ins',
    tags,
    summary: 'Add an attendee who agreed to leave their name',
    middleware: [allow('outreach.work')] as const,
    request: { params, body: jsonBody(EventSignInRequest) },
    responses: {
      201: jsonResponse(z.object({ id: z.uuid() }), 'Recorded'),
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const request = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => addSignIn(tx, scope, id, request)), 201);
  },
);

outreachRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/outreach/events/{id}/sign-ups',
    tags,
    summary: 'Someone who wants a CHW to contact them: registered as a client with their consent',
    middleware: [allow('outreach.work'), allow('clients.register')] as const,
    request: { params, body: jsonBody(EventSignUpRequest) },
    responses: {
      201: jsonResponse(z.object({ clientId: z.uuid() }), 'Registered'),
      404: problems[404],
      409: problems[409],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const request = c.req.valid('json');
    // As registering does: the check commits first, so the trail keeps a check that ends in a refusal.
    refuseDuplicates(await transactional(c, (tx, scope) => checkSignUp(tx, scope, id, request)));
    return c.json(await transactional(c, (tx, scope) => addSignUp(tx, scope, id, request)), 201);
  },
);

outreachRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/outreach/figures',
    tags,
    summary:
      'People reached by held events, by language, neighborhood and topic; sign-ups that became clients',
    middleware: [allow('outreach.figures')] as const,
    request: {
      query: z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
    },
    responses: { 200: jsonResponse(OutreachFigures, 'Figures'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await outreachFigures(db, actor.orgId, c.req.valid('query')), 200);
  },
);
