import { PuenteError } from '@puente/core';
import { importJWK, type JWK } from 'jose';
import { sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { listApiClients } from './api-clients.js';
import { parseScope } from './scopes.js';
import { fetchableJwksUrl, JWKS_TIMEOUT_MS, SIGNING_ALGS, scopeTypes } from './smart.js';

/** Members that only a private or a symmetric key has: a JWKS holding one leaks the clinic's key. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const invalid = (
  path: string,
  message: 'fields.jwkPublicOnly' | 'fields.jwkNotUsable' | 'fields.smartScope' | 'fields.jwksUrl',
) => new PuenteError(400, 'errors.validation', {}, { errors: [{ path, message }] });

/** The key set published at `url`, read once now so a wrong address is refused at registration. */
async function publishedKeys(url: string): Promise<JWK[]> {
  if (!fetchableJwksUrl(url)) throw invalid('jwksUrl', 'fields.jwksUrl');
  try {
    const reply = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(JWKS_TIMEOUT_MS),
    });
    const body = (await reply.json()) as { keys?: unknown };
    if (!reply.ok || !Array.isArray(body.keys) || body.keys.length === 0) throw new Error('no keys');
    return body.keys as JWK[];
  } catch {
    throw invalid('jwksUrl', 'fields.jwksUrl');
  }
}

/** Each key must be public and usable for RS384 (RSA, 2048 bits or more) or ES384 (EC P-384). */
async function checkKeys(keys: readonly JWK[], at = 'jwks.keys'): Promise<void> {
  for (const [i, key] of keys.entries()) {
    const path = `${at}.${i}`;
    if (PRIVATE_MEMBERS.some((m) => m in key)) throw invalid(path, 'fields.jwkPublicOnly');
    const alg = key.kty === 'RSA' ? 'RS384' : key.kty === 'EC' && key.crv === 'P-384' ? 'ES384' : undefined;
    if (!alg || (key.alg !== undefined && key.alg !== alg) || !SIGNING_ALGS.includes(alg))
      throw invalid(path, 'fields.jwkNotUsable');
    try {
      const imported = await importJWK({ ...key, ext: true }, alg);
      // jose refuses RSA keys under 2048 bits only when verifying: check the modulus now.
      if (key.kty === 'RSA' && Buffer.from(String(key.n), 'base64url').length < 256)
        throw new Error('short RSA key');
      if (imported instanceof Uint8Array) throw new Error('symmetric key');
    } catch {
      throw invalid(path, 'fields.jwkNotUsable');
    }
  }
}

/**
 * Registers the public keys a clinic's system signs its token requests with (SMART Backend
 * Services), inline or as the URL where it publishes them, and the scopes its tokens may carry.
 * The static secret is retired at the same time: a client that moved to keys has one way in.
 */
export async function registerClientKeys(
  tx: Queryable,
  caller: Caller,
  id: string,
  request: {
    jwks?: { keys: JWK[] } | undefined;
    jwksUrl?: string | undefined;
    scopes?: string[] | undefined;
  },
) {
  if (request.jwks) await checkKeys(request.jwks.keys);
  if (request.jwksUrl) await checkKeys(await publishedKeys(request.jwksUrl), 'jwksUrl');
  const scopes = request.scopes ?? null;
  for (const [i, scope] of (scopes ?? []).entries())
    if (!parseScope(scope, scopeTypes)) throw invalid(`scopes.${i}`, 'fields.smartScope');
  const jwks = request.jwks ? JSON.stringify({ keys: request.jwks.keys }) : null;
  const rows = await tx.query(
    sql`update fhir_client set jwks = ${jwks}::jsonb, jwks_url = ${request.jwksUrl ?? null},
          scopes = ${scopes}::text[], secret_hash = null
         where org_id = ${caller.actor.orgId} and id = ${id} and revoked_at is null returning id`,
  );
  if (rows.length === 0) throw new PuenteError(404, 'errors.fhirClientNotFound');
  await recordAudit(tx, who(caller), {
    action: 'fhir.client-keys-registered',
    subjectType: 'fhir_client',
    subjectId: id,
    detail: { keys: request.jwks?.keys.length ?? null, published: Boolean(request.jwksUrl), scopes },
  });
  const view = (await listApiClients(tx, caller.actor)).find((c) => c.id === id);
  if (!view) throw new PuenteError(404, 'errors.fhirClientNotFound');
  return view;
}
