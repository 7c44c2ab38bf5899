import { type Locale, type MessageKey, type Problem, PuenteError, t } from '@puente/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env.js';

const typeBase = 'https://puente.dev/problems/';

/** Turns a refusal into RFC 9457 problem details in the caller's language. */
export function toProblem(error: PuenteError, locale: Locale): Problem {
  const titleKey = `errors.${error.code}` as const;
  return {
    ...error.extra.members,
    type: `${typeBase}${error.code}`,
    title: t(locale, titleKey as Parameters<typeof t>[1], error.params),
    status: error.status,
    code: error.code,
    ...(error.extra.errors
      ? {
          errors: error.extra.errors.map(({ path, message, params }) => ({
            path,
            message: /^fields\.\w+$/.test(message) ? t(locale, message as MessageKey, params) : message,
          })),
        }
      : {}),
    ...(error.extra.retryAfterSeconds ? { retryAfterSeconds: error.extra.retryAfterSeconds } : {}),
  };
}

export function problemResponse(c: Context<AppEnv>, error: PuenteError): Response {
  const problem = toProblem(error, c.get('locale') ?? 'en');
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (error.extra.retryAfterSeconds) headers['retry-after'] = String(error.extra.retryAfterSeconds);
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}

/** Maps anything thrown to a PuenteError; unknown errors become a 500 without details. */
export function asPuenteError(error: unknown): PuenteError | undefined {
  if (error instanceof PuenteError) return error;
  if (error instanceof HTTPException) {
    if (error.status === 400 && /json/i.test(error.message))
      return new PuenteError(400, 'errors.malformedJson');
    if (error.status === 413) return new PuenteError(413, 'errors.tooLarge', { limit: '1 MB' });
    if (error.status === 401) return new PuenteError(401, 'errors.signInRequired');
    if (error.status < 500) return new PuenteError(error.status, 'errors.badRequest');
  }
  return undefined;
}
