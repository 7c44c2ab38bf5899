import { describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, useApp } from '../test/app.js';
import { call, signIn } from '../test/http.js';

// Every route in the API document gets a few hundred malformed requests from
// a fixed seed, as each role. Whatever arrives, the answer is a 4xx problem,
// never a 500: bad input gets a clear refusal and loses nothing.
const h = useApp();

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const nasty: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER,
  '',
  ' ',
  'a'.repeat(5000),
  '💥🧨',
  "'; drop table client; --",
  '<script>alert(1)</script>',
  '2026-02-30',
  '1899-12-31',
  '9999-12-31T23:59:59Z',
  '00000000-0000-0000-0000-000000000000',
  '../../etc/passwd',
  '%00',
  [],
  [null],
  {},
  { __proto__: { admin: true } },
  { constructor: { prototype: { admin: true } } },
];

function mutate(rand: () => number, depth = 0): unknown {
  const pick = nasty[Math.floor(rand() * nasty.length)];
  if (depth < 2 && rand() < 0.3) {
    const keys = ['id', 'name', 'givenName', 'email', 'kind', 'status', 'items', 'answer', 'q', 'extra'];
    return Object.fromEntries(keys.filter(() => rand() < 0.4).map((k) => [k, mutate(rand, depth + 1)]));
  }
  return pick;
}

describe('fuzzing every route', () => {
  it('never answers 500, whatever the body, parameters or role', async () => {
    const org = await seedOrg(h.db, 'fuzz');
    const cookies = {
      none: '',
      chw: await signIn(h.app, org.chw, PASSWORD),
      supervisor: await signIn(h.app, org.supervisor, PASSWORD),
      admin: await signIn(h.app, org.admin, PASSWORD),
    };
    const doc = (await call(h.app, 'GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => m !== 'parameters')
        .map((m) => ({ method: m.toUpperCase(), path })),
    );
    expect(routes.length).toBeGreaterThan(20);
    const rand = seeded(20261126);
    const failures: string[] = [];
    for (const { method, path } of routes) {
      for (let i = 0; i < 12; i++) {
        const idLike = [
          '00000000-0000-7000-8000-000000000000',
          'not-a-uuid',
          '1',
          '%2e%2e',
          'x'.repeat(300),
          org.ids[org.chw] ?? '',
        ];
        const url = path.replace(/\{\w+\}/g, () =>
          encodeURIComponent(idLike[Math.floor(rand() * idLike.length)] ?? ''),
        );
        const query =
          rand() < 0.5
            ? `?limit=${encodeURIComponent(String(mutate(rand)))}&q=${encodeURIComponent(String(mutate(rand)))}`
            : '';
        const who = (['none', 'chw', 'supervisor', 'admin'] as const)[i % 4] ?? 'none';
        const body = method === 'GET' ? undefined : mutate(rand);
        const reply = await call(h.app, method, `${url}${query}`, {
          cookie: cookies[who],
          ...(body === undefined
            ? {}
            : { raw: JSON.stringify(body) ?? 'null', headers: { 'content-type': 'application/json' } }),
        });
        if (reply.status >= 500)
          failures.push(
            `${who} ${method} ${url}${query} → ${reply.status} ${JSON.stringify(body)?.slice(0, 80)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
