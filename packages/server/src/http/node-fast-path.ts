// Keeping @hono/node-server on its fast path. The adapter hands the app a lightweight
// Request that reads the socket itself, and takes back a lightweight Response whose
// string body it writes at once; either becomes a full Web Request or Response, built
// and streamed, the moment something touches `request.body`, `response.body` or
// `response.bodyUsed`. Hono's body limit touched the first on every /api request, each
// `c.header()` after `next()` the second (rebuilding the answer once per header), and
// its compression streamed every JSON answer, however small, since none declared its
// length: together some 15 % of the server's thread. The helpers below keep every
// guarantee (the same limits, headers and compression) without those rebuilds.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import type { AppEnv } from './env.js';

type LimitOptions = Parameters<typeof bodyLimit>[0];

const noBody = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Hono's body limit, read from the declared length when there is one: Node's parser
 * never hands the app more bytes than Content-Length says, so the header is the size.
 * A body without one (chunked) is counted as it streams, by Hono's own middleware.
 */
export function bodyLimitByLength(options: LimitOptions): MiddlewareHandler {
  const streamed = bodyLimit(options);
  return async (c, next) => {
    // A Web Request of these methods has no body: Hono's limit lets them through too.
    if (noBody.has(c.req.method)) return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    if (!/^\d+$/.test(length)) return streamed(c, next);
    if (Number(length) <= options.maxSize) return next();
    return options.onError ? options.onError(c) : streamed(c, next);
  };
}

/**
 * Sets a header on the answer a handler already made (after `next()`), in place:
 * `c.header()` at that point copies the whole answer into a new one. Answers whose
 * headers cannot change (none of Puente's own) still go through `c.header()`.
 */
export function setAnswerHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}

/**
 * Headers every answer to this request carries, given before the handler runs (the request id,
 * the security headers): the JSON answer sizedJson makes is born with them, so nothing sets
 * a header on it afterwards. Any other answer gets them afterwards, from the same middleware.
 */
export function answerHeaders(c: Context<AppEnv>): Record<string, string> {
  let fields = c.get('answerHeaders');
  if (!fields) {
    fields = {};
    c.set('answerHeaders', fields);
  }
  return fields;
}

/**
 * The length of the answer when it is sizedJson's plain one, made with every answerHeaders()
 * entry already in it; undefined for any other answer (one a middleware replaced, a page, a file).
 */
export function plainAnswerLength(c: Context<AppEnv>): number | undefined {
  const plain = c.get('plainAnswer');
  return plain && plain.response === c.res ? plain.length : undefined;
}

/**
 * JSON answers say their length, as a fixed body should: the compression's 1 KB
 * threshold then leaves small answers (a recorded visit, a problem) as they are, and
 * the adapter writes them in one piece instead of streaming them through gzip.
 *
 * An answer with nothing but a status (`c.json(x)`, `c.json(x, 201)`), when the handler set no
 * header or status before it, is made with a plain object of headers, answerHeaders() included:
 * the adapter writes such an object as it is, where Hono's way builds a Web Headers (each name
 * and value checked, then sorted back out) and every header set afterwards touched it again.
 */
export const sizedJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  // c.body takes a status or an init, as c.json does; one signature stands for both here.
  const body = c.body as unknown as (
    text: string,
    arg: unknown,
    headers: Record<string, unknown>,
  ) => Response;
  // A header or status given before the answer is Hono's to merge: such answers go its way.
  let prepared = false;
  const { header, status } = c;
  c.header = ((...args: Parameters<typeof header>) => {
    prepared = true;
    return header(...args);
  }) as typeof header;
  c.status = (code) => {
    prepared = true;
    status(code);
  };
  const json = (object: unknown, arg?: unknown, headers?: Record<string, unknown>) => {
    const text = JSON.stringify(object);
    const length = Buffer.byteLength(text);
    if (!prepared && headers === undefined && (arg === undefined || typeof arg === 'number')) {
      const fields = {
        ...c.get('answerHeaders'),
        'content-type': 'application/json',
        'content-length': String(length),
      };
      const response = new Response(text, { status: arg ?? 200, headers: fields });
      c.set('plainAnswer', { response, length });
      return response;
    }
    const answer = body(text, arg, { 'content-type': 'application/json', ...headers });
    answer.headers.set('content-length', String(length));
    return answer;
  };
  c.json = json as unknown as typeof c.json;
  await next();
};

/**
 * Hono's compression, left out for sizedJson's plain answers under its threshold (their length
 * is known: reading it from the answer would build the Web Headers the plain answer avoids).
 */
export function compressOver(threshold: number): MiddlewareHandler<AppEnv> {
  const gzip = compress({ threshold });
  const done = async () => {};
  return async (c, next) => {
    await next();
    const plain = plainAnswerLength(c);
    if (plain !== undefined && plain < threshold) return;
    await gzip(c, done);
  };
}
