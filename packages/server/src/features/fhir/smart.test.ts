import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uuidv7 } from '@puente/core';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  generateSecret,
  type JWK,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { call, type Reply } from '../../test/http.js';
import { type Person, type PolicyWorld, personWithEverything, policyWorld } from './policy-world.js';
import { r4Validator } from './testing.js';

// SMART Backend Services as a clinic's integration uses it: keys made by the clinic, the public
// half registered by the program's administrator, assertions signed by the clinic's system.
const h = useApp();
const fhir = r4Validator();
const TOKEN_URL = 'http://localhost/fhir/auth/token';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
let w: PolicyWorld;
/** Consented to share screening totals (no answers) with food help. */
let berta: Person;

interface Key {
  alg: 'RS384' | 'ES384';
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}
let rsa: Key;
let ec: Key;
/** A key the clinic never registered, with the registered RSA key's kid. */
let stranger: Key;

async function makeKey(alg: Key['alg'], kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg } };
}

/** An assertion signed the way a clinic's system signs it; `change` bends one part for an attack. */
function assertion(
  key: Key,
  change: { iss?: string; sub?: string; aud?: string; exp?: number; jti?: string } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(change.iss ?? w.clientId)
    .setSubject(change.sub ?? w.clientId)
    .setAudience(change.aud ?? TOKEN_URL)
    .setExpirationTime(change.exp ?? now + 240)
    .setJti(change.jti ?? uuidv7())
    .sign(key.privateKey);
}

async function token(signed: string, scope = 'system/Patient.rs system/Observation.rs', extra = {}) {
  const response = await h.app.request('/fhir/auth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: ASSERTION_TYPE,
      client_assertion: signed,
      scope,
      ...extra,
    }).toString(),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, string | number>,
  };
}

const read = (path: string, bearer: string): Promise<Reply> =>
  call(h.app, 'GET', path, { headers: { authorization: `Bearer ${bearer}` } });

async function accessToken(scope?: string): Promise<string> {
  const reply = await token(await assertion(rsa), scope);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return String(reply.body.access_token);
}

const registerKeys = (body: unknown, cookie = w.cookie.admin) =>
  call(h.app, 'PUT', `/api/fhir-clients/${w.clientId}/keys`, { cookie, body });

beforeAll(async () => {
  w = await policyWorld(h, 'smart');
  berta = await personWithEverything(h, w, 'Berta', ['screening-total']);
  [rsa, ec, stranger] = await Promise.all([
    makeKey('RS384', 'clinic-rsa-1'),
    makeKey('ES384', 'clinic-ec-1'),
    makeKey('RS384', 'clinic-rsa-1'),
  ]);
});

describe('discovery', () => {
  it('advertises the token endpoint and what it takes in .well-known/smart-configuration', async () => {
    for (const path of [
      '/fhir/.well-known/smart-configuration',
      '/fhir/r4/.well-known/smart-configuration',
    ]) {
      const reply = await call(h.app, 'GET', path);
      expect(reply.status, path).toBe(200);
      expect(reply.body).toMatchObject({
        token_endpoint: TOKEN_URL,
        grant_types_supported: ['client_credentials'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
      });
      expect(reply.body.capabilities).toContain('client-confidential-asymmetric');
      expect(reply.body.scopes_supported).toEqual(
        expect.arrayContaining(['system/Patient.rs', 'system/Observation.rs']),
      );
    }
  });

  it('names the token endpoint in the CapabilityStatement, which stays valid R4', async () => {
    const reply = await call(h.app, 'GET', '/fhir/r4/metadata');
    expect(fhir.validate(reply.body)).toEqual([]);
    expect(JSON.stringify(reply.body)).toContain(`"valueUri":"${TOKEN_URL}"`);
    expect(JSON.stringify(reply.body)).toContain('SMART-on-FHIR');
  });
});

describe('registering a clinic’s keys', () => {
  it('the static secret works meanwhile, and says it is deprecated', async () => {
    const reply = await read(`/fhir/r4/Patient/${berta.id}`, w.secret);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('deprecation')).toMatch(/^@\d+$/);
  });

  it('is for an admin only, and refuses a private key, an unusable key and an unknown scope in words', async () => {
    expect((await registerKeys({ jwks: { keys: [rsa.publicJwk] } }, w.cookie.manager)).status).toBe(403);
    const privateJwk = { ...(await exportJWK(rsa.privateKey)), kid: 'oops' };
    const leaked = await registerKeys({ jwks: { keys: [privateJwk] } });
    expect(leaked.status).toBe(400);
    expect(leaked.body.errors).toEqual([
      { path: 'jwks.keys.0', message: 'Register the public key only: this key holds its private part.' },
    ]);
    const p256 = await generateKeyPair('ES256', { extractable: true });
    const wrongCurve = await registerKeys({ jwks: { keys: [await exportJWK(p256.publicKey)] } });
    expect(wrongCurve.status).toBe(400);
    expect(JSON.stringify(wrongCurve.body.errors)).toContain('P-384');
    const shared = await registerKeys({ jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } });
    expect(shared.status).toBe(400);
    const scope = await registerKeys({ jwks: { keys: [rsa.publicJwk] }, scopes: ['patient/Patient.rs'] });
    expect(scope.status).toBe(400);
    expect(scope.body.errors).toEqual([
      { path: 'scopes.0', message: expect.stringContaining('system/Patient.rs') },
    ]);
  });

  it('registers the JWKS and scopes, after which the static secret no longer opens the API', async () => {
    const reply = await registerKeys({
      jwks: { keys: [rsa.publicJwk, ec.publicJwk] },
      scopes: ['system/Patient.rs', 'system/Observation.rs', 'system/ServiceRequest.cru', 'system/Task.cru'],
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ id: w.clientId, authentication: 'private-key-jwt' });
    expect(reply.body.scopes).toContain('system/Task.cru');
    expect(JSON.stringify(reply.body)).not.toContain(rsa.publicJwk.n);
    expect((await read(`/fhir/r4/Patient/${berta.id}`, w.secret)).status).toBe(401);
  });
});

describe('the token endpoint', () => {
  // Each test starts with no failed assertions counted against the test's address.
  beforeEach(async () => {
    await h.db.query(`delete from auth_limit where key like 'fhir-token:%'`);
  });

  it('trades an RS384 or ES384 assertion for a five-minute token with the scopes asked for', async () => {
    for (const key of [rsa, ec]) {
      const reply = await token(await assertion(key));
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      expect(reply.body).toMatchObject({
        token_type: 'bearer',
        expires_in: 300,
        scope: 'system/Observation.rs system/Patient.rs',
      });
      expect(reply.headers.get('cache-control')).toBe('no-store');
      const bearer = String(reply.body.access_token);
      const patient = await read(`/fhir/r4/Patient/${berta.id}`, bearer);
      expect(patient.status).toBe(200);
      expect(fhir.validate(patient.body)).toEqual([]);
      expect(patient.headers.get('deprecation')).toBeNull();
    }
  });

  it('gives what was asked and registered together: beyond the registration is narrowed, or refused', async () => {
    const wide = await token(await assertion(rsa), 'system/*.rs');
    expect(wide.body.scope).toBe(
      'system/Observation.rs system/Patient.rs system/ServiceRequest.r system/Task.r',
    );
    const some = await token(await assertion(rsa), 'system/Patient.rs system/Encounter.rs');
    expect(some.body.scope).toBe('system/Patient.rs');
    const bearer = String(some.body.access_token);
    const encounters = await read(`/fhir/r4/Encounter?patient=${berta.id}`, bearer);
    expect(encounters.status).toBe(403);
    expect(encounters.body.resourceType).toBe('OperationOutcome');
    expect(fhir.validate(encounters.body)).toEqual([]);
    expect((await read(`/fhir/r4/Observation?patient=${berta.id}`, bearer)).status).toBe(403);
    for (const scope of [
      'system/Encounter.rs',
      'system/Goal.read',
      'patient/Patient.rs',
      'system/Patient.sr',
      '',
    ]) {
      const refused = await token(await assertion(rsa), scope);
      expect(refused.status, scope).toBe(400);
      expect(refused.body.error, scope).toBe('invalid_scope');
    }
  });

  it('keeps the consent policy: a token reads of a person what the consents name, nothing more', async () => {
    const bearer = await accessToken('system/*.rs');
    const found = await read(`/fhir/r4/Observation?patient=${berta.id}`, bearer);
    expect(found.status).toBe(200);
    const ids = (found.body.entry as { resource: { id: string } }[]).map((e) => e.resource.id);
    expect(ids).toContain(`${berta.phq9}-total`);
    expect(ids.every((id) => id.endsWith('-total'))).toBe(true);
    for (const path of [
      `Observation/${berta.phq9}-item9`,
      `ServiceRequest/${berta.legalReferral}`,
      `Task/${berta.legalReferral}`,
    ])
      expect((await read(`/fhir/r4/${path}`, bearer)).status, path).toBe(404);
    expect((await read(`/fhir/r4/ServiceRequest/${berta.foodReferral}`, bearer)).status).toBe(200);
    // Not registered for QuestionnaireResponse: refused by scope before any consent is asked.
    expect((await read(`/fhir/r4/QuestionnaireResponse/${berta.phq9}`, bearer)).status).toBe(403);
  });

  it('refuses forged, stale, replayed and misaddressed assertions as invalid_client', async () => {
    const now = Math.floor(Date.now() / 1000);
    const hmac = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(w.clientId)
      .setSubject(w.clientId)
      .setAudience(TOKEN_URL)
      .setExpirationTime(now + 240)
      .setJti(uuidv7())
      .sign(new TextEncoder().encode(w.secret));
    const unsigned = new UnsecuredJWT({ jti: uuidv7() })
      .setIssuer(w.clientId)
      .setSubject(w.clientId)
      .setAudience(TOKEN_URL)
      .setExpirationTime(now + 240)
      .encode();
    const hs384 = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS384', kid: rsa.kid })
      .setIssuer(w.clientId)
      .setSubject(w.clientId)
      .setAudience(TOKEN_URL)
      .setExpirationTime(now + 240)
      .setJti(uuidv7())
      .sign(await generateSecret('HS384'));
    const nobody = uuidv7();
    const attacks: Record<string, string> = {
      'a key that was never registered': await assertion(stranger),
      expired: await assertion(rsa, { exp: now - 120 }),
      'valid for ten minutes': await assertion(rsa, { exp: now + 600 }),
      'for another audience': await assertion(rsa, { aud: 'https://other.example/token' }),
      'for the FHIR base instead of the token URL': await assertion(rsa, { aud: 'http://localhost/fhir/r4' }),
      'iss and sub differ': await assertion(rsa, { sub: uuidv7() }),
      'an unknown client': await assertion(rsa, { iss: nobody, sub: nobody }),
      'alg none': unsigned,
      'HS256 with the old secret': hmac,
      HS384: hs384,
      'not a JWT': 'not.a.jwt',
    };
    for (const [attack, signed] of Object.entries(attacks)) {
      const reply = await token(signed);
      expect(reply.status, attack).toBe(401);
      expect(reply.body.error, attack).toBe('invalid_client');
      expect(String(reply.body.error_description), attack).not.toBe('');
    }
    const once = await assertion(rsa);
    expect((await token(once)).status).toBe(200);
    const replayed = await token(once);
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatchObject({ error: 'invalid_client' });
    expect(String(replayed.body.error_description)).toContain('jti');
  });

  it('makes an address whose assertions keep failing wait: 429 after 20, before any signature is checked', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await token(await assertion(stranger))).status).toBe(401);
    }
    const blocked = await token(await assertion(stranger));
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe('invalid_request');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await token(await assertion(rsa))).status).toBe(429);
    // A passing assertion gives its attempt back: a clinic asking often is never counted.
    await h.db.query(`delete from auth_limit where key like 'fhir-token:%'`);
    for (let i = 0; i < 25; i++) expect((await token(await assertion(rsa))).status).toBe(200);
  });

  it('answers a malformed request with invalid_request or unsupported_grant_type', async () => {
    const signed = await assertion(rsa);
    expect((await token(signed, undefined, { grant_type: 'password' })).body.error).toBe(
      'unsupported_grant_type',
    );
    expect((await token(signed, undefined, { client_assertion_type: 'jwt' })).body.error).toBe(
      'invalid_request',
    );
    const json = await h.app.request('/fhir/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('ends a token when it expires or the client is revoked, and audits each token issued', async () => {
    const bearer = await accessToken();
    await h.db.query(
      `update fhir_access_token set expires_at = now() - interval '1 second' where fhir_client_id = $1`,
      [w.clientId],
    );
    const expired = await read(`/fhir/r4/Patient/${berta.id}`, bearer);
    expect(expired.status).toBe(401);
    expect(JSON.stringify(expired.body)).toContain('expired');
    const [issued] = await h.db.query<{ n: number }>(
      `select count(*)::int as n from audit_event where actor_id = $1 and action = 'fhir.token-issued'`,
      [w.clientId],
    );
    expect(issued?.n).toBeGreaterThan(3);
    const fresh = await accessToken();
    await call(h.app, 'POST', `/api/fhir-clients/${w.clientId}/revoke`, { cookie: w.cookie.admin, body: {} });
    expect((await read(`/fhir/r4/Patient/${berta.id}`, fresh)).status).toBe(401);
    expect((await token(await assertion(rsa))).status).toBe(401);
  });
});

describe('keys published at a JWKS URL', () => {
  // The clinic's own server, publishing its key set.
  let published: JWK[] = [];
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: published }));
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('registers the URL, reads the keys from it, and gives a token for an assertion they verify', async () => {
    const made = await call(h.app, 'POST', '/api/fhir-clients', {
      cookie: w.cookie.admin,
      body: { name: 'Food bank, keys by URL', partnerCategory: 'food' },
    });
    const id = String(made.body.id);
    const publisher = await makeKey('ES384', 'published-1');
    published = [publisher.publicJwk];
    const both = await call(h.app, 'PUT', `/api/fhir-clients/${id}/keys`, {
      cookie: w.cookie.admin,
      body: { jwks: { keys: [publisher.publicJwk] }, jwksUrl: url },
    });
    expect(both.status).toBe(400);
    // Plain http beyond this machine, and an address where nothing answers.
    for (const wrong of ['http://example.org/jwks.json', 'http://127.0.0.1:1/jwks.json']) {
      const refused = await call(h.app, 'PUT', `/api/fhir-clients/${id}/keys`, {
        cookie: w.cookie.admin,
        body: { jwksUrl: wrong },
      });
      expect(refused.status, wrong).toBe(400);
      expect(JSON.stringify(refused.body.errors), wrong).toContain('jwksUrl');
    }
    const registered = await call(h.app, 'PUT', `/api/fhir-clients/${id}/keys`, {
      cookie: w.cookie.admin,
      body: { jwksUrl: url, scopes: ['system/Patient.rs'] },
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    expect(registered.body).toMatchObject({ authentication: 'private-key-jwt', jwksUrl: url });
    const signed = await assertion(publisher, { iss: id, sub: id });
    const reply = await token(signed, 'system/Patient.rs');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect((await read(`/fhir/r4/Patient/${berta.id}`, String(reply.body.access_token))).status).toBe(200);
    // A key the clinic does not publish does not verify.
    const forged = await token(await assertion(stranger, { iss: id, sub: id }), 'system/Patient.rs');
    expect(forged.status).toBe(401);
    expect(forged.body.error).toBe('invalid_client');
  });
});
