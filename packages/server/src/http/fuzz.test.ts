import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, useApp } from '../test/app.js';
import { call, signIn } from '../test/http.js';

// Every operation in the API document gets requests shaped from its own
// schemas, with hostile values mixed in (NUL characters, 1,000-deep nesting,
// year 0001 and year 275760 dates, huge numbers, unknown fields), as a
// signed-in admin and as a CHW. Whatever arrives, the answer is never a 5xx.
// Fixed seed and a few cases per operation: a couple of minutes at most.
const h = useApp();
const SEED = 20261127;
const CASES = 12;

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const deep = (n: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const hostileText = fc.constantFrom(
  'a\u0000b',
  '\u0000',
  '',
  ' ',
  'x'.repeat(5000),
  '=HYPERLINK("https://evil.example")',
  'javascript:alert(1)',
  "'; drop table client; --",
  '<script>alert(1)</script>',
  '💥\uD800',
  '../../etc/passwd',
);
const hostileDate = fc.constantFrom(
  '0001-01-01',
  '0000-00-00',
  '9999-12-31',
  '275760-09-13',
  '2026-02-30',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '1969-12-31T23:59:59-25:00',
);
const hostileNumber = fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53, -(2 ** 31) - 1, 0.5);
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  hostileDate,
  hostileNumber,
  fc.constantFrom(null, true, [], {}, deep(1000), deep(40), { __proto__: { admin: true } }),
  fc.string(),
);

// A lone surrogate cannot travel in a URL: it becomes U+FFFD, as a browser would send it.
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDFFF]/g, (ch, i: number, all: string) => {
    const code = ch.charCodeAt(0);
    const pair = code < 0xdc00 ? all.charCodeAt(i + 1) : all.charCodeAt(i - 1);
    return (code < 0xdc00 ? pair >= 0xdc00 && pair <= 0xdfff : pair >= 0xd800 && pair < 0xdc00)
      ? ch
      : '\uFFFD';
  });
const encode = (text: string) => encodeURIComponent(wellFormed(text));

function generator(doc: Doc, ids: string[]) {
  const resolve = (s: Schema): Schema => {
    const name = s.$ref?.split('/').pop();
    return name ? (doc.components?.schemas?.[name] ?? {}) : s;
  };
  const real = fc.oneof(fc.constantFrom(...ids), fc.uuid());
  const arb = (input: Schema, depth: number): fc.Arbitrary<unknown> => {
    const s = resolve(input);
    if (depth > 6) return hostile;
    const variants = s.anyOf ?? s.oneOf ?? s.allOf;
    if (variants?.length) return fc.oneof(...variants.map((v) => arb(v, depth + 1)));
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
    if (type === 'object' || s.properties) {
      const props = Object.entries(s.properties ?? {});
      const shaped = fc.record(
        Object.fromEntries(
          props.map(([k, p]) => [k, fc.oneof({ weight: 3, arbitrary: arb(p, depth + 1) }, hostile)]),
        ),
        { requiredKeys: (s.required ?? []).filter((k) => s.properties?.[k]) },
      );
      return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: hostile });
    }
    if (type === 'array') return fc.array(s.items ? arb(s.items, depth + 1) : hostile, { maxLength: 3 });
    if (type === 'string') {
      if (s.format === 'uuid') return real;
      if (s.format === 'date' || s.format === 'date-time')
        return fc.oneof(hostileDate, fc.constant('2026-01-15'));
      return fc.oneof(
        { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
        { weight: 1, arbitrary: hostileText },
      );
    }
    if (type === 'integer' || type === 'number') return fc.oneof(fc.integer(), hostileNumber);
    if (type === 'boolean') return fc.boolean();
    return hostile;
  };
  return arb;
}

describe('fuzzing every operation of the API document', () => {
  it('never answers a 5xx, as an admin or a CHW, whatever the body and parameters', async () => {
    const org = await seedOrg(h.db, 'fuzz');
    const emails = { admin: org.admin, chw: org.chw } as const;
    const cookies = {
      admin: await signIn(h.app, org.admin, PASSWORD),
      chw: await signIn(h.app, org.chw, PASSWORD),
    };
    const doc = (await call(h.app, 'GET', '/api/openapi.json')).body as unknown as Doc;
    const arb = generator(doc, Object.values(org.ids));
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
    expect(operations.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let seed = SEED;
    for (const { method, path, op } of operations) {
      const params = op.parameters ?? [];
      const body = op.requestBody?.content?.['application/json']?.schema;
      const request = fc.record({
        path: fc.record(
          Object.fromEntries(
            params
              .filter((p) => p.in === 'path')
              .map((p) => [p.name, fc.oneof(arb(p.schema ?? {}, 0), hostileText)]),
          ),
        ),
        query: fc.record(
          Object.fromEntries(
            params.filter((p) => p.in === 'query').map((p) => [p.name, arb(p.schema ?? {}, 0)]),
          ),
          { requiredKeys: [] },
        ),
        body: body ? arb(body, 0) : fc.constant(undefined),
        who: fc.constantFrom('admin', 'chw') as fc.Arbitrary<'admin' | 'chw'>,
      });
      seed += 1;
      for (const r of fc.sample(request, { seed, numRuns: CASES })) {
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encode(String(r.path[name] ?? '')));
        const query = new URLSearchParams(
          Object.entries(r.query).map(([k, v]): [string, string] => [
            k,
            wellFormed(typeof v === 'string' ? v : (JSON.stringify(v) ?? '')),
          ]),
        ).toString();
        const target = `${url}${query ? `?${query}` : ''}`;
        const send = () =>
          call(h.app, method, target, {
            cookie: cookies[r.who],
            ...(r.body === undefined || method === 'GET'
              ? {}
              : { raw: JSON.stringify(r.body) ?? 'null', headers: { 'content-type': 'application/json' } }),
          });
        let reply = await send();
        // A fuzzed sign-out or password change ends the session: sign in again and carry on.
        if (reply.status === 401 && path !== '/api/auth/sign-in') {
          cookies[r.who] = await signIn(h.app, emails[r.who], PASSWORD).catch(() => cookies[r.who]);
          reply = await send();
        }
        if (reply.status >= 500)
          failures.push(
            `${r.who} ${method} ${target.slice(0, 120)} → ${reply.status} ${JSON.stringify(r.body)?.slice(0, 120)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
