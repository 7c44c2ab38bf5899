import { createRoute } from '@hono/zod-openapi';
import { HelpPage, locales, PublicTopic, TopicId } from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonResponse, problems } from '../../http/openapi.js';
import { transactionalPublic } from '../../http/scope.js';
import { helpPage, helpPageTopic } from './public.js';
import { openSharedTopic } from './share.js';

/** Pages for people without an account: they ask nothing, set no cookie and name no one. */
export const educationPublicRoutes = createRouter();
const tags = ['Education (public)'];
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/);

educationPublicRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/public/learn/{token}',
    tags,
    summary: 'A topic shared with a person (the token is the key; expires on the day the CHW chose)',
    request: { params: z.object({ token: z.string().regex(/^[\w-]{20,100}$/) }) },
    responses: {
      200: jsonResponse(PublicTopic, 'The topic in the person’s language'),
      404: problems[404],
      410: problems[410],
      ...commonProblems,
    },
  }),
  async (c) => {
    const { token } = c.req.valid('param');
    return c.json(await transactionalPublic(c, (tx, { ip }) => openSharedTopic(tx, token, ip)), 200);
  },
);

educationPublicRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/public/help/{slug}',
    tags,
    summary: 'A program’s "find help" page: crisis lines and the library, in one language',
    request: {
      params: z.object({ slug }),
      query: z.strictObject({ lang: z.enum(locales).optional() }),
    },
    responses: { 200: jsonResponse(HelpPage, 'The page'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { db, locale } = c.get('scope');
    const language = c.req.valid('query').lang ?? locale;
    return c.json(await helpPage(db, c.req.valid('param').slug, language), 200);
  },
);

educationPublicRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/public/help/{slug}/topics/{topicId}',
    tags,
    summary: 'One library topic from a program’s "find help" page',
    request: { params: z.object({ slug, topicId: TopicId }) },
    responses: { 200: jsonResponse(PublicTopic, 'The topic'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { slug: s, topicId } = c.req.valid('param');
    return c.json(await helpPageTopic(c.get('scope').db, s, topicId), 200);
  },
);
