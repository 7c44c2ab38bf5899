import type { App } from '../app.js';

export interface CallOptions {
  body?: unknown;
  /** Sent as is, for malformed bodies and wrong content types. */
  raw?: string;
  /** A file posted as its own bytes (an upload route), with its content type. */
  file?: { bytes: Uint8Array; type: string };
  cookie?: string;
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Headers;
  /** The parsed JSON body (problem details on refusals). */
  body: Record<string, unknown>;
}

/** The body as the given type, for reading nested fields. */
export const bodyAs = <T>(reply: Reply) => reply.body as T;

/** One request to the app, as a browser on the same origin would send it. */
export async function call(
  app: App,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply> {
  // A browser says where a request came from; Puente refuses changes that do not say so.
  const headers: Record<string, string> = { 'sec-fetch-site': 'same-origin', ...options.headers };
  let body: string | Uint8Array | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.file !== undefined) {
    body = options.file.bytes;
    headers['content-type'] ??= options.file.type;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (options.cookie) headers.cookie = options.cookie;
  const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Signs in and returns the session cookie to send back. */
export async function signIn(app: App, email: string, password: string): Promise<string> {
  const reply = await call(app, 'POST', '/api/auth/sign-in', { body: { email, password } });
  if (reply.status !== 200)
    throw new Error(`sign-in of ${email} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  const cookie = reply.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] ?? '';
}
