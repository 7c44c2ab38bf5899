import { createRoute } from '@hono/zod-openapi';
import {
  HelpPageSetting,
  SaveTopicRequest,
  ShareTopicRequest,
  Topic,
  TopicId,
  TopicShare,
  TopicSummary,
} from '@puente/core';
import { z } from 'zod';
import { commonProblems, createRouter, jsonBody, jsonResponse, problems } from '../../http/openapi.js';
import { scopeOf, transactional } from '../../http/scope.js';
import { allow } from '../../policy/permissions.js';
import { clientInScope } from '../screenings/in-scope.js';
import { findTopic, library, saveTopic, summaryOf, topicHistory } from './library.js';
import { changeHelpPageSetting, helpPageSetting } from './public.js';
import { shareTopic } from './share.js';

export const educationRoutes = createRouter();
const tags = ['Education'];
const topicParam = z.object({ topicId: TopicId });

educationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/education/topics',
    tags,
    summary: 'The library: every topic in both languages, with its readability',
    middleware: [allow('education.read')] as const,
    responses: {
      200: jsonResponse(z.object({ topics: z.array(TopicSummary) }), 'Topics'),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json({ topics: (await library(db, actor.orgId)).map(summaryOf) }, 200);
  },
);

educationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/education/topics/{topicId}',
    tags,
    summary: 'One topic with its Markdown text',
    middleware: [allow('education.read')] as const,
    request: { params: topicParam },
    responses: { 200: jsonResponse(Topic, 'Topic'), 404: problems[404], ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await findTopic(db, actor.orgId, c.req.valid('param').topicId), 200);
  },
);

educationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/education/topics/{topicId}/versions',
    tags,
    summary: 'The versions the program saved of a topic, newest first (version 0 is the shipped text)',
    middleware: [allow('education.read')] as const,
    request: { params: topicParam },
    responses: {
      200: jsonResponse(
        z.object({
          versions: z.array(
            z.object({
              version: z.number().int(),
              title: z.string(),
              savedAt: z.string(),
              savedBy: z.string(),
            }),
          ),
        }),
        'Versions',
      ),
      ...commonProblems,
    },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    const versions = await topicHistory(db, actor.orgId, c.req.valid('param').topicId);
    return c.json({ versions }, 200);
  },
);

educationRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/education/topics/{topicId}',
    tags,
    summary: 'Save a new version of a topic, or add a topic (admin); earlier versions are kept',
    middleware: [allow('education.edit')] as const,
    request: { params: topicParam, body: jsonBody(SaveTopicRequest) },
    responses: { 200: jsonResponse(Topic, 'Saved'), 409: problems[409], ...commonProblems },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) =>
        saveTopic(tx, scope, c.req.valid('param').topicId, c.req.valid('json')),
      ),
      200,
    ),
);

educationRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/api/clients/{id}/education-shares',
    tags,
    summary:
      'Share a topic with a person: a private link in their language, recorded as a psychoeducation contact',
    middleware: [allow('education.share'), clientInScope] as const,
    request: { params: z.object({ id: z.uuid() }), body: jsonBody(ShareTopicRequest) },
    responses: { 201: jsonResponse(TopicShare, 'Shared'), 404: problems[404], ...commonProblems },
  }),
  async (c) =>
    c.json(
      await transactional(c, (tx, scope) =>
        shareTopic(tx, scope, c.req.valid('param').id, c.req.valid('json'), c.get('config').publicUrl),
      ),
      201,
    ),
);

educationRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/api/program/help-page',
    tags,
    summary: 'The public "find help" page setting (admin); null until set',
    middleware: [allow('program.write')] as const,
    responses: { 200: jsonResponse(HelpPageSetting.nullable(), 'Setting'), ...commonProblems },
  }),
  async (c) => {
    const { db, actor } = scopeOf(c);
    return c.json(await helpPageSetting(db, actor.orgId), 200);
  },
);

educationRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/api/program/help-page',
    tags,
    summary: 'Turn the public "find help" page on or off and choose its address (admin)',
    middleware: [allow('program.write')] as const,
    request: { body: jsonBody(HelpPageSetting) },
    responses: { 200: jsonResponse(HelpPageSetting, 'Saved'), 409: problems[409], ...commonProblems },
  }),
  async (c) => {
    const setting = c.req.valid('json');
    return c.json(await transactional(c, (tx, scope) => changeHelpPageSetting(tx, scope, setting)), 200);
  },
);
