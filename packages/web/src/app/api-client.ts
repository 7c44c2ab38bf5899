import { api } from './api';
import type { paths } from './api-schema';

// The server's routes as types (api-schema.d.ts, written from its OpenAPI document by
// `npm run docs:api`), so a path, a parameter or a body the server does not take fails
// `tsc`. The call itself is api()'s: the same headers, errors, problem details and
// offline behaviour.

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = Exclude<paths[P][M], undefined>;

/** The paths that answer `method`. */
export type PathOf<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends undefined ? never : P;
}[keyof paths];

type PathParams<O> = O extends { parameters: { path: infer X } } ? X : undefined;
type QueryParams<O> = O extends { parameters: { query?: infer Q } } ? Exclude<Q, undefined> : never;
type JsonBody<O> = O extends { requestBody?: infer R }
  ? [Exclude<R, undefined>] extends [never]
    ? never
    : Exclude<R, undefined> extends { content: { 'application/json': infer B } }
      ? B
      : never
  : never;
type Success<O> = O extends { responses: infer R }
  ? { [S in keyof R]: S extends 200 | 201 | 202 | 204 ? R[S] : never }[keyof R]
  : never;
/** What a call answers when it succeeds: its JSON, or `undefined` for an answer without a body. */
export type Reply<O> =
  Success<O> extends infer S
    ? S extends { content: { 'application/json': infer J } }
      ? J
      : undefined
    : never;

/** The JSON body a route takes, e.g. `Body<'post', '/api/directory/import'>`. */
export type Body<M extends Method, P extends PathOf<M>> = JsonBody<Operation<P, M>>;

type Options<O> = ([PathParams<O>] extends [undefined] ? { path?: undefined } : { path: PathParams<O> }) &
  ([QueryParams<O>] extends [never] ? { query?: undefined } : { query?: QueryParams<O> }) &
  ([JsonBody<O>] extends [never] ? { body?: undefined } : { body: JsonBody<O> });
/** The options are left out when the route needs none. */
type Args<O> = object extends Options<O> ? [options?: Options<O>] : [options: Options<O>];

type Query = Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>;

/**
 * The address of a route, its `{parameters}` filled in and its query added
 * (values left undefined are left out).
 * @example href('/api/alerts/{id}', { path: { id } }) // '/api/alerts/0190…'
 */
export function href(path: string, { path: params, query }: { path?: object; query?: object } = {}): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String((params as Record<string, unknown> | undefined)?.[name])),
  );
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries((query ?? {}) as Query)) {
    if (value === undefined || value === null) continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(key, String(one));
  }
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

/**
 * Calls one of the server's routes, typed by its OpenAPI document.
 * @example const alert = await call('get', '/api/alerts/{id}', { path: { id } });
 */
export function call<M extends Method, P extends PathOf<M>>(
  method: M,
  path: P,
  ...[options]: Args<Operation<P, M>>
): Promise<Reply<Operation<P, M>>> {
  const { path: params, query, body } = (options ?? {}) as { path?: object; query?: object; body?: unknown };
  return api(method.toUpperCase() as Uppercase<M>, href(path, { path: params, query }), body);
}
