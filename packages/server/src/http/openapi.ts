import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { z } from 'zod';
import { SESSION_COOKIE } from '../features/auth/sessions.js';
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

/**
 * What each refusal means, written once: a route lists the statuses it can give as
 * `problems[404]`, never another status's entry, so the document says the truth per status.
 */
export const problems = {
  400: problem(
    'The request does not validate: malformed JSON, wrong types, or unknown fields or query parameters (`errors` names each)',
  ),
  401: problem('No session, or the session has ended: sign in again'),
  403: problem(
    'The caller’s role does not allow this, or a change did not come from Puente’s own pages (Sec-Fetch-Site or Origin)',
  ),
  404: problem('No such record in the caller’s organization, or none the caller may see'),
  409: problem(
    'Conflicts with the record as it is now (already exists, already changed, or not in a state that allows this)',
  ),
  410: problem('Gone: the link expired or was revoked, or the device was disabled'),
  413: problem('Body over 1 MB'),
  415: problem('Body is not JSON'),
  422: problem('Well-formed, but the content cannot be used (an unknown form or code, or answers missing)'),
  423: problem('The account is locked for a while after too many failed tries'),
  429: problem('Too many tries: wait `retryAfterSeconds` (also in the Retry-After header)'),
  500: problem('Unexpected failure; nothing was changed'),
  503: problem('Not ready to answer (database unreachable or not migrated); try again later'),
} as const;

/** The refusals every route may give, added to each route's responses. */
export const commonProblems = {
  400: problems[400],
  401: problems[401],
  403: problems[403],
  413: problems[413],
  415: problems[415],
  500: problems[500],
} as const;

/**
 * How callers prove who they are. People use the session cookie that sign-in sets;
 * connected clinics' systems (API clients) send a Bearer token to the FHIR API.
 */
export const securitySchemes = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'The session cookie set by POST /api/auth/sign-in (named `__Host-puente_session` over TLS). ' +
      'A request that changes something must also come from Puente’s own pages: ' +
      '`Sec-Fetch-Site: same-origin` or an `Origin` naming this host.',
  },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API client’s token for the FHIR API (`Authorization: Bearer …`), issued to a connected clinic; ' +
      'the CapabilityStatement at /fhir/r4/metadata says how to get one.',
  },
} as const;

/** Operation security (OpenAPI): a signed-in session, no one in particular, or either. */
type Security = Record<string, string[]>[];
export const signedIn: Security = [{ session: [] }];
export const anyone: Security = [];
export const anyoneOrSignedIn: Security = [{}, { session: [] }];

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
