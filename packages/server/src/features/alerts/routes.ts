import { createRoute } from '@hono/zod-openapi';
import { AcknowledgeAlertRequest, NewAlertRequest, RiskAlert } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse } from '../../http/openapi.js';
import { actorOf, allow } from '../../policy/permissions.js';
import { recordAudit, who } from '../audit/record.js';
import { recordAlertAcknowledged } from '../metrics/registry.js';
import { acknowledgeAlert, alertById, alertClock, listAlerts, raiseByJudgement } from './service.js';

export const alertRoutes = createRouter();
const tags = ['Risk alerts'];
const notFound = commonProblems[400];

alertRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/alerts',
    tags,
    summary:
      'Risk alerts for the caller: their teams’ and those they were alerted to, open ones first (fetching them is what marks them delivered)',
    middleware: [allow('alerts.read')] as const,
    request: {
      query: z.strictObject({
        status: z.enum(['open', 'acknowledged']).optional(),
        /** One person's alerts: the CHW's view of what happened to the alert she raised. */
        clientId: z.uuid().optional(),
      }),
    },
    responses: { 200: jsonResponse(z.object({ alerts: z.array(RiskAlert) }), 'Alerts'), ...commonProblems },
  }),
  async (c) => {
    const actor = actorOf(c);
    const alerts = await c.get('db').transaction(async (tx) => {
      const rows = await listAlerts(tx, actor, c.req.valid('query'), c.get('ip'));
      await recordAudit(tx, who(actor, c.get('ip')), {
        action: 'alert.listed',
        detail: { count: rows.length },
      });
      return rows;
    });
    return c.json({ alerts }, 200);
  },
);

alertRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/alerts',
    tags,
    summary: 'Raise a risk alert on the CHW’s own judgement; the same id sent again is the same alert',
    middleware: [allow('alerts.raise')] as const,
    request: { body: jsonBody(NewAlertRequest) },
    responses: {
      201: jsonResponse(RiskAlert, 'Raised (or joined the person’s open alert)'),
      200: jsonResponse(RiskAlert, 'Already raised'),
      404: notFound,
      409: notFound,
      ...commonProblems,
    },
  }),
  async (c) => {
    const { alert, created } = await raiseByJudgement(
      c.get('db'),
      actorOf(c),
      c.req.valid('json'),
      alertClock(c.get('config')),
      c.get('ip'),
    );
    return created ? c.json(alert, 201) : c.json(alert, 200);
  },
);

alertRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/alerts/{id}',
    tags,
    summary: 'One alert with every step of its timeline',
    middleware: [allow('alerts.read')] as const,
    request: { params: z.object({ id: z.uuid() }) },
    responses: { 200: jsonResponse(RiskAlert, 'Alert'), 404: notFound, ...commonProblems },
  }),
  async (c) => {
    const actor = actorOf(c);
    const id = c.req.valid('param').id;
    const alert = await c.get('db').transaction(async (tx) => {
      const found = await alertById(tx, actor, id, c.get('ip'));
      await recordAudit(tx, who(actor, c.get('ip')), {
        action: 'alert.viewed',
        subjectType: 'risk_alert',
        subjectId: id,
      });
      return found;
    });
    return c.json(alert, 200);
  },
);

alertRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/alerts/{id}/acknowledge',
    tags,
    summary: 'Acknowledge an alert with the action taken; this stops its escalation',
    middleware: [allow('alerts.acknowledge')] as const,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(AcknowledgeAlertRequest) },
    responses: {
      200: jsonResponse(RiskAlert, 'Acknowledged'),
      404: notFound,
      409: notFound,
      ...commonProblems,
    },
  }),
  async (c) => {
    const alert = await acknowledgeAlert(
      c.get('db'),
      actorOf(c),
      c.req.valid('param').id,
      c.req.valid('json').actionTaken,
      new Date(),
      c.get('ip'),
    );
    if (alert.acknowledgedAt) recordAlertAcknowledged(alert.raisedAt, alert.acknowledgedAt);
    return c.json(alert, 200);
  },
);
