import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { z } from 'zod';
import type { AppEnv } from './env.js';
import { validationError } from './validation.js';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    retryAfterSeconds: z.number().int().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, in the caller’s language' });

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The refusals every route may give, added to each route's responses. */
export const commonProblems = {
  400: problem('Malformed JSON, wrong types or unknown fields'),
  401: problem('No session, or the session has ended'),
  403: problem('The caller’s role does not allow this'),
  413: problem('Body over 1 MB'),
  415: problem('Body is not JSON'),
  500: problem('Unexpected failure; nothing was changed'),
} as const;

export const jsonBody = <T extends ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T extends ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A router whose validation failures become 400 problem details. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
}
export type Router = ReturnType<typeof createRouter>;
