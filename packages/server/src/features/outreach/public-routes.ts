import { createRoute } from '@hono/zod-openapi';
import { CheckAnswerRequest, normalizeCode, PuenteError, SESSION_CODE } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { transactionalPublic } from '../../http/scope.js';
import { answerCheck, answerLimiter, publicCheck } from './answers.js';

/** The attendees' side of an event's check: anonymous, no sign-in, nothing personal asked. */
export const outreachPublicRoutes = createRouter();
const tags = ['Outreach events (public)'];
const code = z
  .string()
  .transform(normalizeCode)
  .pipe(z.string().regex(/^[A-Z0-9]{4,12}$/));
const limit = answerLimiter();

outreachPublicRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/public/checks/{code}',
    tags,
    summary: 'The questions of an event’s before-and-after check, and which half is open',
    request: { params: z.object({ code }) },
    responses: {
      200: jsonResponse(
        z.object({
          title: z.string(),
          language: z.string(),
          phase: z.enum(['pre', 'post', 'closed']),
          questionnaire: z.looseObject({ resourceType: z.literal('Questionnaire') }),
        }),
        'Check',
      ),
      404: problems[404],
      ...commonProblems,
    },
  }),
  async (c) => c.json(await publicCheck(c.get('scope').db, c.req.valid('param').code), 200),
);

outreachPublicRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/public/checks/{code}/answers',
    tags,
    summary: 'Answer the open half anonymously; the reply is the session code that pairs before and after',
    request: {
      params: z.object({ code }),
      body: jsonBody(CheckAnswerRequest),
    },
    responses: {
      201: jsonResponse(z.object({ sessionCode: z.string() }), 'Kept'),
      404: problems[404],
      409: problems[409],
      422: problems[422],
      429: problems[429],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, ip } = c.get('scope');
    await limit(db, ip);
    const { phase, sessionCode, response } = c.req.valid('json');
    const typed = sessionCode === undefined ? undefined : normalizeCode(sessionCode);
    if (typed !== undefined && !SESSION_CODE.test(typed))
      throw new PuenteError(422, 'errors.unknownSessionCode');
    const { code } = c.req.valid('param');
    const answer = { phase, sessionCode: typed, response };
    return c.json(await transactionalPublic(c, (tx) => answerCheck(tx, code, answer)), 201);
  },
);
