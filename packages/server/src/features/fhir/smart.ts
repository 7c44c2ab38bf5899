import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JSONWebKeySet,
  jwtVerify,
} from 'jose';
import { sql } from '../../db/sql/index.js';
import type { Database, Queryable } from '../../db/types.js';
import { hashToken, newToken } from '../../http/tokens.js';
import { recordAudit } from '../audit/record.js';
import { createLimiter, limitKeys } from '../auth/limits.js';
import { resourceKinds } from './resources.js';
import { grant, parseScope, type Scope } from './scopes.js';

// SMART Backend Services (SMART App Launch v2, "Backend Services"): a clinic's system signs a
// JWT with a private key whose public half an administrator registered, and trades it for an
// access token at the token endpoint. https://hl7.org/fhir/smart-app-launch/backend-services.html

/** The algorithms SMART asks every server to support; `none` and shared-secret HMACs never pass. */
export const SIGNING_ALGS = ['RS384', 'ES384'] as const;
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Access tokens live five minutes (SMART: "SHOULD NOT exceed five minutes"). */
export const TOKEN_SECONDS = 300;
/** An assertion may be valid for at most five minutes; a minute more for clocks that disagree. */
const MAX_ASSERTION_SECONDS = 300;
const CLOCK_SKEW_SECONDS = 60;
export const ACCESS_TOKEN_PREFIX = 'pfa_';

/** How long Puente waits for a clinic's published key set, at registration and at the token endpoint. */
export const JWKS_TIMEOUT_MS = 5000;

/**
 * Whether keys may be fetched from `url`: https, or plain http to this machine's own loopback
 * address (a clinic system running beside Puente), as OAuth allows for loopback redirects.
 */
export function fetchableJwksUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return (
      protocol === 'https:' ||
      (protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(hostname))
    );
  } catch {
    return false;
  }
}

/** Every type a scope may name: the types served, and the client's Group. */
export const scopeTypes: readonly string[] = [...Object.keys(resourceKinds), 'Group'];

/** An OAuth 2.0 error answer (RFC 6749 §5.2). The description names the problem, never a person. */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401 | 429,
    readonly error:
      | 'invalid_request'
      | 'invalid_client'
      | 'invalid_grant'
      | 'invalid_scope'
      | 'unsupported_grant_type',
    readonly description: string,
    /** With 429: the seconds to wait, also sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

const refuseClient = (description: string) => new OAuthError(401, 'invalid_client', description);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What `/.well-known/smart-configuration` says (SMART App Launch v2 §2.1). */
export function smartConfiguration(tokenUrl: string) {
  return {
    token_endpoint: tokenUrl,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: [...SIGNING_ALGS],
    // Referrals to the program are created (and their Tasks read back) with these two.
    scopes_supported: [
      'system/*.rs',
      ...scopeTypes.map((t) => `system/${t}.rs`),
      'system/ServiceRequest.cru',
      'system/Task.cru',
    ],
    capabilities: ['client-confidential-asymmetric', 'permission-v2', 'permission-v1'],
  };
}

/** Why an assertion jose refused was refused, in words for the clinic's integrator. */
function joseReason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The assertion has expired (exp is in the past).';
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claims: Record<string, string> = {
      aud: 'The assertion’s aud must be this token endpoint’s URL.',
      iss: 'The assertion’s iss must be the client id.',
      sub: 'The assertion’s sub must be the client id.',
      jti: 'The assertion needs a jti.',
      exp: 'The assertion needs an exp.',
      nbf: 'The assertion is not valid yet (nbf).',
      iat: 'The assertion’s iat is not valid.',
    };
    return claims[error.claim] ?? `The assertion’s ${error.claim} is not valid.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed)
    return `Sign the assertion with ${SIGNING_ALGS.join(' or ')}.`;
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'No key registered for this client matches the assertion’s kid and alg.';
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
    return 'The key set at the client’s JWKS URL could not be read in time.';
  if (error instanceof errors.JWKSMultipleMatchingKeys)
    return 'Several registered keys match the assertion: send the kid of the one that signed it.';
  return 'The assertion’s signature does not verify with the keys registered for this client.';
}

interface KeyClient {
  id: string;
  orgId: string;
  jwks: JSONWebKeySet | null;
  jwksUrl: string | null;
  scopes: string[] | null;
}

// One remote key set per URL, kept by jose: fetched again after ten minutes, or sooner (at most
// every 30 s) when an assertion names a kid it does not hold, so a clinic can rotate its keys.
const published = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function keysOf(client: KeyClient) {
  if (!client.jwksUrl) return createLocalJWKSet(client.jwks ?? { keys: [] });
  if (!fetchableJwksUrl(client.jwksUrl)) throw refuseClient('The client’s JWKS URL cannot be fetched.');
  let set = published.get(client.jwksUrl);
  if (!set) {
    set = createRemoteJWKSet(new URL(client.jwksUrl), {
      timeoutDuration: JWKS_TIMEOUT_MS,
      cooldownDuration: 30_000,
      cacheMaxAge: 600_000,
    });
    published.set(client.jwksUrl, set);
  }
  return set;
}

/**
 * Checks a client's signed assertion (RFC 7523 as SMART profiles it) and records its jti:
 * signed with a registered key by RS384 or ES384, iss = sub = the client id, aud = this token
 * endpoint, exp at most five minutes ahead, and a jti not seen before.
 */
async function authenticateAssertion(
  db: Queryable,
  assertion: string,
  tokenUrl: string,
): Promise<{ client: KeyClient; jti: string; exp: number }> {
  let alg: unknown;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    alg = decodeProtectedHeader(assertion).alg;
    claims = decodeJwt(assertion);
  } catch {
    throw refuseClient('client_assertion is not a signed JWT.');
  }
  if (!SIGNING_ALGS.includes(alg as (typeof SIGNING_ALGS)[number]))
    throw refuseClient(`Sign the assertion with ${SIGNING_ALGS.join(' or ')}, not ${String(alg)}.`);
  const id = claims.iss;
  if (typeof id !== 'string' || !UUID.test(id) || claims.sub !== id)
    throw refuseClient('The assertion’s iss and sub must both be the client id.');
  const [client] = await db.query<KeyClient>(
    sql`select id, org_id as "orgId", jwks, jwks_url as "jwksUrl", scopes from fhir_client
         where id = ${id} and revoked_at is null and (jwks is not null or jwks_url is not null)`,
  );
  if (!client) throw refuseClient('No client with registered keys has this id, or it was revoked.');
  let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
  try {
    ({ payload } = await jwtVerify(assertion, keysOf(client), {
      algorithms: [...SIGNING_ALGS],
      issuer: id,
      subject: id,
      audience: tokenUrl,
      requiredClaims: ['exp', 'jti'],
      clockTolerance: CLOCK_SKEW_SECONDS,
    }));
  } catch (error) {
    throw refuseClient(joseReason(error));
  }
  const exp = Number(payload.exp);
  if (exp - Date.now() / 1000 > MAX_ASSERTION_SECONDS + CLOCK_SKEW_SECONDS)
    throw refuseClient('The assertion’s exp must be no more than five minutes ahead.');
  const jti = String(payload.jti);
  if (jti.length > 200) throw refuseClient('The assertion’s jti is longer than 200 characters.');
  return { client, jti, exp };
}

/** Records an assertion's jti, kept while the assertion could still pass, so a replay within its life is caught. */
async function useJti(tx: Queryable, client: KeyClient, jti: string, exp: number): Promise<void> {
  await tx.query("delete from fhir_assertion_jti where expires_at < now() - interval '5 minutes'");
  const fresh = await tx.query(
    sql`insert into fhir_assertion_jti (org_id, fhir_client_id, jti, expires_at)
        values (${client.orgId}, ${client.id}, ${jti}, to_timestamp(${exp + CLOCK_SKEW_SECONDS}))
        on conflict do nothing returning jti`,
  );
  if (fresh.length === 0) throw refuseClient('This assertion’s jti was used already: sign a new assertion.');
}

/** The scopes asked for, each a SMART system scope of a type served. */
function askedScopes(text: string | undefined): Scope[] {
  const words = (text ?? '').split(' ').filter(Boolean);
  if (words.length === 0)
    throw new OAuthError(
      400,
      'invalid_scope',
      'Ask for scopes such as "system/Patient.rs system/Observation.rs".',
    );
  const bad = words.filter((w) => !parseScope(w, scopeTypes));
  if (bad.length > 0)
    throw new OAuthError(
      400,
      'invalid_scope',
      `Not a system scope of a type served here: ${bad.slice(0, 5).join(' ')}. Scopes look like system/Patient.rs (search-narrowed scopes are not supported).`,
    );
  return words.flatMap((w) => parseScope(w, scopeTypes) ?? []);
}

/** Failed assertions per address: 20 in 15 minutes, then 429 until the window ends. */
const assertionGuesses = createLimiter({ limit: 20, windowSeconds: 15 * 60 });

/**
 * The client_credentials grant of SMART Backend Services: a short-lived access token carrying
 * the scopes asked for, narrowed to those the client's registration allows.
 */
export async function issueAccessToken(
  db: Database,
  form: Record<string, string | undefined>,
  tokenUrl: string,
  ip: string,
) {
  if (!form.grant_type) throw new OAuthError(400, 'invalid_request', 'grant_type is missing.');
  if (form.grant_type !== 'client_credentials')
    throw new OAuthError(400, 'unsupported_grant_type', 'Only the client_credentials grant is supported.');
  if (form.client_assertion_type !== ASSERTION_TYPE)
    throw new OAuthError(400, 'invalid_request', `client_assertion_type must be ${ASSERTION_TYPE}.`);
  if (!form.client_assertion) throw new OAuthError(400, 'invalid_request', 'client_assertion is missing.');
  const asked = askedScopes(form.scope);
  // An assertion is checked like a password: an address whose assertions keep failing waits,
  // before any key is fetched or signature checked; one that passes gives its attempt back.
  const guessKey = limitKeys.address('fhir-token', ip);
  const slot = await assertionGuesses.reserve(db, guessKey);
  if (!slot.allowed)
    throw new OAuthError(
      429,
      'invalid_request',
      `Too many failed token requests from this address: try again in ${slot.retryAfterSeconds} s.`,
      slot.retryAfterSeconds,
    );
  // Verified outside the transaction: a published key set may take seconds to fetch.
  const { client, jti, exp } = await authenticateAssertion(db, form.client_assertion, tokenUrl);
  await assertionGuesses.refund(db, guessKey);
  const allowed = (client.scopes ?? ['system/*.rs']).flatMap((s) => parseScope(s, scopeTypes) ?? []);
  const scopes = grant(asked, allowed, scopeTypes);
  if (scopes.length === 0)
    throw new OAuthError(
      400,
      'invalid_scope',
      `None of the scopes asked for is allowed to this client. It may be given: ${(client.scopes ?? ['system/*.rs']).join(' ')}.`,
    );
  const token = `${ACCESS_TOKEN_PREFIX}${newToken()}`;
  await db.transaction(async (tx) => {
    await useJti(tx, client, jti, exp);
    await tx.query(
      sql`insert into fhir_access_token (token_hash, org_id, fhir_client_id, scopes, expires_at)
          values (${hashToken(token)}, ${client.orgId}, ${client.id}, ${scopes}::text[], now() + make_interval(secs => ${TOKEN_SECONDS}))`,
    );
    await tx.query(sql`delete from fhir_access_token where expires_at < now() - interval '1 day'`);
    await tx.query(sql`update fhir_client set last_used_at = now() where id = ${client.id}`);
    await recordAudit(
      tx,
      { orgId: client.orgId, actorId: client.id, actorRole: 'api-client', ip },
      { action: 'fhir.token-issued', subjectType: 'fhir_client', subjectId: client.id, detail: { scopes } },
    );
  });
  return { access_token: token, token_type: 'bearer', expires_in: TOKEN_SECONDS, scope: scopes.join(' ') };
}
