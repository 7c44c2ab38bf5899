import type { Locale, Problem } from '@puente/core';
import { t } from './messages';

let requestLocale: Locale = 'en';
let onSessionEnded: () => void = () => {};

/** The language the server should answer in (Accept-Language). */
export function setRequestLocale(locale: Locale): void {
  requestLocale = locale;
}

/** Called when a request outside /api/auth/ gets a 401: the session is over. */
export function setSessionEndedHandler(handler: () => void): void {
  onSessionEnded = handler;
}

/** A refusal from the server (or the network), as problem details in the reader's language. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
  }
}

function localProblem(status: number, code: string, title: string): Problem {
  return { type: 'about:blank', title, status, code };
}

/** A refused response's problem details (or a message of our own when it has none). */
export async function readProblem(response: Response): Promise<Problem> {
  const problem = await problemOf(response);
  // "Come back in N seconds" may be said by the header alone (a proxy's 503).
  const retryAfter = Number(response.headers.get('retry-after'));
  if (problem.retryAfterSeconds === undefined && Number.isInteger(retryAfter) && retryAfter > 0)
    return { ...problem, retryAfterSeconds: retryAfter };
  return problem;
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      if (typeof body.title === 'string') {
        return {
          ...body,
          type: body.type ?? 'about:blank',
          status: response.status,
          code: body.code ?? '',
          title: body.title,
        };
      }
    } catch {
      // Fall through to a message of our own.
    }
  }
  return localProblem(response.status, 'unexpected', t(requestLocale, 'app.unexpectedError'));
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Calls the Puente API on the same origin and returns its JSON, or throws ApiError.
 * @example const me = await api<Me>('POST', '/api/auth/sign-in', { email, password });
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': requestLocale };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw networkProblem();
  }
  return answerOf<T>(response, path);
}

/** The language requests go out in, for calls made outside api() (a file upload). */
export const requestLanguage = (): Locale => requestLocale;

/** A network failure, in the reader's language. */
export const networkProblem = (): ApiError =>
  new ApiError(localProblem(0, 'network', t(requestLocale, 'app.networkError')));

/** An answer's JSON, or its refusal thrown as ApiError (a 401 outside /api/auth/ ends the session). */
export async function answerOf<T>(response: Response, path: string): Promise<T> {
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !path.startsWith('/api/auth/')) onSessionEnded();
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  // An acceptance (202) may carry no body at all.
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The problem behind any error, so screens can always show something useful. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return localProblem(0, 'unexpected', t(requestLocale, 'app.unexpectedError'));
}

/** Field messages by their first path segment, e.g. `{ email: '…' }`. */
export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const field = e.path.split(/[.[/]/).filter(Boolean)[0] ?? '';
    out[field] ??= e.message;
  }
  return out;
}
