import { createRoute } from '@hono/zod-openapi';
import {
  AppointmentTextReminders,
  InboxText,
  NewTextRequest,
  PlaceInboxTextRequest,
  PublishedTextCounts,
  SaveTextSettingsRequest,
  SaveTextTemplateRequest,
  TextBacklog,
  TextMessage,
  TextSettings,
  TextTemplate,
  TextThread,
  UnreadTexts,
} from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { appointmentReminders } from './appointment-reminders.js';
import { textBacklog } from './backlog.js';
import { placeInboxText } from './inbox.js';
import {
  saveTextSettings,
  saveTextTemplate,
  textCounts,
  textInbox,
  textSettings,
  textTemplates,
} from './program.js';
import { sendText, textThread } from './thread.js';
import { unreadTexts } from './unread.js';

export const messageRoutes = createRouter();
const tags = ['Text messages'];
const Client = z.object({ id: z.uuid() });
const refusals = {
  404: problems[404],
  409: problems[409],
  422: problems[422],
  ...commonProblems,
};

messageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/clients/{id}/messages',
    tags,
    summary: 'A person’s text thread with delivery status, and whether a text may be sent now (if not, why)',
    middleware: [allow('texts.work')] as const,
    request: { params: Client },
    responses: { 200: jsonResponse(TextThread, 'The thread'), ...refusals },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const config = c.get('config');
    return c.json(await transactional(c, (tx, scope) => textThread(tx, config, scope, id)), 200);
  },
);

messageRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/messages',
    tags,
    summary:
      'Text a person from the program’s number, free text or a template; refused without text consent, after STOP, or over 10 segments',
    middleware: [allow('texts.work')] as const,
    request: { params: Client, body: jsonBody(NewTextRequest) },
    responses: { 201: jsonResponse(TextMessage, 'Queued'), ...refusals },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const request = c.req.valid('json');
    const config = c.get('config');
    return c.json(await transactional(c, (tx, scope) => sendText(tx, config, scope, id, request)), 201);
  },
);

messageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/clients/{id}/appointment-reminders',
    tags,
    summary:
      'Text reminders of a person’s appointments and follow-up visits: each one’s latest (sent, waiting, refused and why), those a referral’s “do not contact” stops, and whether the person may be texted now',
    middleware: [allow('texts.work')] as const,
    request: { params: Client },
    responses: { 200: jsonResponse(AppointmentTextReminders, 'The reminders'), ...refusals },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const config = c.get('config');
    return c.json(await transactional(c, (tx, scope) => appointmentReminders(tx, config, scope, id)), 200);
  },
);

messageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/messages/unread',
    tags,
    summary:
      'For Today: the people the caller holds who texted since the caller last opened their thread (names and counts, no words)',
    middleware: [allow('texts.work')] as const,
    responses: { 200: jsonResponse(UnreadTexts, 'Who texted'), ...commonProblems },
  }),
  async (c) => {
    const config = c.get('config');
    return c.json(await transactional(c, (tx, scope) => unreadTexts(tx, config, scope)), 200);
  },
);

messageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/messages/inbox',
    tags,
    summary: 'Texts from numbers nobody in the program has, for a supervisor to place',
    middleware: [allow('texts.inbox')] as const,
    responses: { 200: jsonResponse(z.array(InboxText), 'The inbox'), ...commonProblems },
  }),
  async (c) => {
    const config = c.get('config');
    return c.json(await transactional(c, (tx, scope) => textInbox(tx, config, scope)), 200);
  },
);

messageRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/messages/inbox/{messageId}',
    tags,
    summary:
      'Place a text from an unknown number: into the thread of a person the supervisor may see (with the other unplaced texts from that number), or marked handled',
    middleware: [allow('texts.inbox')] as const,
    request: { params: z.object({ messageId: z.uuid() }), body: jsonBody(PlaceInboxTextRequest) },
    responses: {
      200: jsonResponse(
        z.object({ messages: z.array(z.uuid()), clientId: z.uuid().nullable() }),
        'Placed: the texts moved, and whose thread they are in now (null: marked handled)',
      ),
      ...refusals,
    },
  }),
  async (c) => {
    const { messageId } = c.req.valid('param');
    const request = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => placeInboxText(tx, scope, messageId, request)), 200);
  },
);

messageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/messages/counts',
    tags,
    summary:
      'How many texts were sent, delivered, failed, replied to, and how many numbers opted out: counts only, those under the program’s threshold hidden',
    middleware: [allow('reports.read')] as const,
    request: { query: z.object({ from: z.iso.date(), to: z.iso.date() }) },
    responses: { 200: jsonResponse(PublishedTextCounts, 'Counts'), ...commonProblems },
  }),
  async (c) => {
    const { from, to } = c.req.valid('query');
    const { db, actor } = scopeOf(c);
    const until = new Date(`${to}T00:00:00Z`);
    until.setUTCDate(until.getUTCDate() + 1);
    return c.json(await textCounts(db, actor.orgId, new Date(`${from}T00:00:00Z`), until), 200);
  },
);

messageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/messages/settings',
    tags,
    summary: 'Whether texts are on, the program’s number, reminder times and quiet hours',
    middleware: [allow('program.read')] as const,
    responses: { 200: jsonResponse(TextSettings, 'Settings'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await textSettings(db, c.get('config'), actor.orgId), 200);
  },
);

messageRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/messages/settings',
    tags,
    summary:
      'Set the program’s number, reminder times (e.g. the day before at 18:00, 2 hours before) and quiet hours',
    middleware: [allow('texts.manage')] as const,
    request: { body: jsonBody(SaveTextSettingsRequest) },
    responses: { 200: jsonResponse(TextSettings, 'Saved'), ...refusals },
  }),
  async (c) => {
    const request = c.req.valid('json');
    const config = c.get('config');
    return c.json(await transactional(c, (tx, scope) => saveTextSettings(tx, config, scope, request)), 200);
  },
);

messageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/messages/backlog',
    tags,
    summary:
      'For the admin: how many texts wait for the provider, how long the oldest late one has waited, how many failed this week (counts only)',
    middleware: [allow('texts.manage')] as const,
    responses: { 200: jsonResponse(TextBacklog, 'The backlog'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await textBacklog(db, c.get('config'), actor.orgId, new Date()), 200);
  },
);

messageRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/messages/templates',
    tags,
    summary:
      'The program’s text templates, each with its length in segments and its encoding (GSM-7 or UCS-2)',
    middleware: [allow('program.read')] as const,
    responses: { 200: jsonResponse(z.array(TextTemplate), 'Templates'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await textTemplates(db, actor.orgId), 200);
  },
);

messageRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/messages/templates',
    tags,
    summary: 'Add a template; refused with an unknown {placeholder} or over 10 segments',
    middleware: [allow('texts.manage')] as const,
    request: { body: jsonBody(SaveTextTemplateRequest) },
    responses: { 201: jsonResponse(TextTemplate, 'Added'), ...refusals },
  }),
  async (c) => {
    const request = c.req.valid('json');
    return c.json(
      await transactional(c, (tx, scope) => saveTextTemplate(tx, scope, undefined, request)),
      201,
    );
  },
);

messageRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/messages/templates/{templateId}',
    tags,
    summary: 'Change a template',
    middleware: [allow('texts.manage')] as const,
    request: { params: z.object({ templateId: z.uuid() }), body: jsonBody(SaveTextTemplateRequest) },
    responses: { 200: jsonResponse(TextTemplate, 'Changed'), ...refusals },
  }),
  async (c) => {
    const { templateId } = c.req.valid('param');
    const request = c.req.valid('json');
    return c.json(
      await transactional(c, (tx, scope) => saveTextTemplate(tx, scope, templateId, request)),
      200,
    );
  },
);
