import { describe, expect, it } from 'vitest';
import { useApp } from '../test/app.js';
import { call } from '../test/http.js';

const h = useApp();

describe('the API document', () => {
  it('is OpenAPI 3.1, public, and describes the request schemas that validate requests', async () => {
    const reply = await call(h.app, 'GET', '/api/openapi.json');
    expect(reply.status).toBe(200);
    const doc = reply.body as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
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

  it('health says which database answers', async () => {
    const reply = await call(h.app, 'GET', '/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'ok', database: h.db.kind });
  });
});
