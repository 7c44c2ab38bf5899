import { uuidv7 } from '@puente/core';
import { compileErrors, validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { useApp } from '../test/app.js';
import { call } from '../test/http.js';
import { operationIdOf } from './api-document.js';
import { problems } from './openapi.js';
import { publicApiPaths } from './security.js';

const h = useApp();

interface Operation {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
}
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  tags?: { name: string; externalDocs?: { url: string } }[];
  components: {
    schemas: Record<string, { properties?: Record<string, { pattern?: string }> }>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

const methods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);
const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.has(method))
      .map(([method, op]) => ({ path, method, op })),
  );

async function served(): Promise<Doc> {
  const reply = await call(h.app, 'GET', '/api/openapi.json');
  expect(reply.status).toBe(200);
  return reply.body as unknown as Doc;
}

/** The maintained parser's verdict on a document (it dereferences in place, so it gets a copy). */
async function verdict(doc: Doc) {
  const result = await validate(structuredClone(doc) as never);
  return { valid: result.valid, errors: result.valid ? '' : compileErrors(result) };
}

describe('the API document', () => {
  it('is OpenAPI 3.1, public, and describes the request schemas that validate requests', async () => {
    const doc = await served();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/sign-in',
        '/api/users',
        '/api/users/{id}',
        '/api/teams',
      ]),
    );
    const signIn = doc.paths['/api/auth/sign-in']?.post;
    expect(JSON.stringify(signIn?.requestBody)).toContain('"additionalProperties":false');
    expect(Object.keys(signIn?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '423', '429']),
    );
    expect(doc.components.schemas).toHaveProperty('Problem');
  });

  // The whole document as served, so a route any feature adds later is held to the same.
  it('is valid OpenAPI 3.1 to @readme/openapi-parser', async () => {
    const { valid, errors } = await verdict(await served());
    expect(errors).toBe('');
    expect(valid).toBe(true);
  });

  it('would be refused by that parser with an optional path parameter, or one the path does not have', async () => {
    const doc = await served();
    const optional = structuredClone(doc);
    const slug = optional.paths['/hsds/o/{slug}/services']?.get?.parameters?.find((p) => p.name === 'slug');
    if (!slug) throw new Error('the public HSDS services path has no slug parameter');
    slug.required = false;
    expect((await verdict(optional)).valid).toBe(false);

    const stray = structuredClone(doc);
    stray.paths['/hsds/services']?.get?.parameters?.push({ name: 'slug', in: 'path', required: true });
    expect((await verdict(stray)).valid).toBe(false);
  });

  it('declares every path parameter its path names, required, and no other', async () => {
    for (const { path, method, op } of operations(await served())) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name).sort(), `${method} ${path}`).toEqual(inPath);
      for (const p of declared) expect(p.required, `${method} ${path} ${p.name}`).toBe(true);
    }
  });

  it('gives every operation a unique operationId made from its method and path', async () => {
    const ops = operations(await served());
    const ids = ops.map(({ op }) => op.operationId);
    for (const { path, method, op } of ops) expect(op.operationId, `${method} ${path}`).toBeTruthy();
    expect(new Set(ids).size).toBe(ids.length);
    // Derived, so stable while the route is: a client generated today still calls these names.
    const idOf = (method: string, path: string) =>
      ops.find((o) => o.method === method && o.path === path)?.op;
    expect(idOf('get', '/api/clients/{id}/screenings')?.operationId).toBe('getClientsByIdScreenings');
    expect(idOf('get', '/hsds/o/{slug}/services/{id}')?.operationId).toBe('getHsdsOBySlugServicesById');
    expect(idOf('post', '/api/auth/sign-in')?.operationId).toBe('postAuthSignIn');
    expect(operationIdOf('GET', '/api/reports/figures.csv')).toBe('getReportsFiguresCsv');
    expect(operationIdOf('get', '/fhir/r4/{type}/{id}')).toBe('getFhirR4ByTypeById');
  });

  it('says how callers authenticate: a session cookie for people, Bearer for API clients, per operation', async () => {
    const doc = await served();
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ops = operations(doc);
    for (const { path, method, op } of ops) expect(op.security, `${method} ${path}`).toBeDefined();
    const securityOf = (method: string, path: string) =>
      ops.find((o) => o.method === method && o.path === path)?.op.security;
    expect(securityOf('get', '/api/clients')).toEqual([{ session: [] }]);
    expect(securityOf('get', '/hsds/services')).toEqual([{ session: [] }]);
    expect(securityOf('post', '/api/auth/sign-in')).toEqual([]);
    expect(securityOf('get', '/api/health')).toEqual([]);
    expect(securityOf('get', '/hsds/o/{slug}/services')).toEqual([]);
    expect(securityOf('get', '/api/public/help/{slug}')).toEqual([]);
    expect(securityOf('post', '/api/auth/passkey/options')).toEqual([{}, { session: [] }]);
    // What the document calls public is what the server lets through without a session, and only that.
    const open = (security: Record<string, string[]>[] = []) =>
      security.length === 0 || security.some((r) => Object.keys(r).length === 0);
    for (const { path, method, op } of ops) {
      if (/^\/(api|hsds)\//.test(path))
        expect(open(op.security), `${method} ${path}`).toBe(publicApiPaths.has(path));
      // Outside them the server reads no session (a provider's callback, say): none is claimed.
      else
        expect(
          op.security?.some((r) => 'session' in r),
          `${method} ${path}`,
        ).toBe(false);
    }
    // Every scheme an operation names is defined.
    for (const { op } of ops)
      for (const requirement of op.security ?? [])
        for (const scheme of Object.keys(requirement))
          expect(doc.components.securitySchemes).toHaveProperty(scheme);
  });

  it('describes each refusal by its own status, never with another status’s words', async () => {
    const shared = Object.entries(problems).map(([status, p]) => [Number(status), p.description] as const);
    for (const { path, method, op } of operations(await served())) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (!response.content?.['application/problem+json']) continue;
        const borrowed = shared.find(
          ([other, words]) => other !== Number(status) && words === response.description,
        );
        expect(borrowed, `${method} ${path} ${status}: "${response.description}"`).toBeUndefined();
      }
    }
    const screen = (await served()).paths['/api/clients/{id}/screenings']?.post?.responses;
    expect(screen?.['404']?.description).toBe(problems[404].description);
    expect(screen?.['409']?.description).toBe(problems[409].description);
    expect(screen?.['422']?.description).toBe(problems[422].description);
  });

  it('requires a UUIDv7 where the server does: a screening’s id, an alert’s and a sync mutation’s', async () => {
    const { schemas } = (await served()).components;
    const pattern = schemas.ScreeningRequest?.properties?.id?.pattern;
    expect(pattern).toBeDefined();
    const v7 = new RegExp(pattern ?? '$^');
    expect(v7.test(uuidv7())).toBe(true);
    expect(v7.test(uuidv7().toUpperCase())).toBe(true);
    expect(v7.test('4b0c1e52-8f1e-4d0a-9a51-3c2f5a8f6e10')).toBe(false); // version 4
    expect(schemas.NewAlertRequest?.properties?.id?.pattern).toBe(pattern);
  });

  it('links the FHIR API to its CapabilityStatement, which answers there', async () => {
    const doc = await served();
    const fhir = doc.tags?.find((t) => t.name === 'FHIR R4');
    const link = new URL(fhir?.externalDocs?.url ?? 'about:blank');
    expect(link.pathname).toBe('/fhir/r4/metadata');
    const reply = await call(h.app, 'GET', link.pathname);
    expect(reply.status).toBe(200);
    expect(reply.body.resourceType).toBe('CapabilityStatement');
  });

  it('health says which database answers', async () => {
    const reply = await call(h.app, 'GET', '/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'ok', database: h.db.kind });
  });
});
