import { createRoute } from '@hono/zod-openapi';
import { AcknowledgeAlertRequest, NewAlertRequest, RiskAlert } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { recordAlertAcknowledged } from '../metrics/registry.js';
import { holdersOfThe, tell } from '../news/tell.js';
import { acknowledgeAlert, alertClock, listAlerts, openAlert, raiseByJudgement } from './service.js';

export const alertRoutes = createRouter();
const tags = ['Risk alerts'];

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
    const filter = c.req.valid('query');
    const alerts = await transactional(c, (tx, scope) => listAlerts(tx, scope, filter));
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
      404: problems[404],
      409: problems[409],
      ...commonProblems,
    },
  }),
  async (c) => {
    const request = c.req.valid('json');
    const clock = alertClock(c.get('config'));
    const { alert, created } = await transactional(c, (tx, scope) =>
      raiseByJudgement(tx, scope, request, clock),
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
    responses: { 200: jsonResponse(RiskAlert, 'Alert'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await transactional(c, (tx, scope) => openAlert(tx, scope, id)), 200);
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
      404: problems[404],
      409: problems[409],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { actionTaken } = c.req.valid('json');
    const { alert, to } = await transactional(c, async (tx, scope) => ({
      alert: await acknowledgeAlert(tx, scope, id, actionTaken, new Date()),
      to: await holdersOfThe(tx, scope.actor.orgId, 'risk_alert', id),
    }));
    await tell(c, { kind: 'alert', id, to });
    if (alert.acknowledgedAt) recordAlertAcknowledged(alert.raisedAt, alert.acknowledgedAt);
    return c.json(alert, 200);
  },
);
