import { PuenteError, uuidv7 } from '@puente/core';
import { isoColumn, sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { hashToken, newToken } from '../../http/tokens.js';
import { recordAudit, who } from '../audit/record.js';
import { FhirProblem } from './outcome.js';
import { SECRET_SCOPES } from './scopes.js';
import { ACCESS_TOKEN_PREFIX, TOKEN_SECONDS } from './smart.js';

/** A connected clinic's system, as the FHIR API knows its caller. */
export interface ApiClient {
  id: string;
  orgId: string;
  name: string;
  partnerName: string | null;
  partnerCategory: string | null;
  /** The SMART v2 scopes of the request's credential (a static secret reads and searches every type). */
  scopes: readonly string[];
  /** How the request authenticated: a SMART access token, or the deprecated static secret. */
  via: 'access-token' | 'secret';
}

export interface ApiClientView extends Omit<ApiClient, 'scopes' | 'via'> {
  /** `private-key-jwt` once keys are registered (SMART Backend Services), else `secret`. */
  authentication: 'private-key-jwt' | 'secret';
  /** The most a token may carry: the registration's scopes, or every read scope. */
  scopes: string[];
  /** Where the client publishes its keys, when it registered a URL rather than the keys. */
  jwksUrl: string | null;
  createdAt: string;
  revokedAt: string | null;
}

// The secret is 32 random bytes, so a fast hash is enough: there is nothing to guess.

const columns = sql`id, org_id as "orgId", name, partner_name as "partnerName", partner_category as "partnerCategory"`;
const viewColumns = sql`${columns},
  case when jwks is null and jwks_url is null then 'secret' else 'private-key-jwt' end as authentication,
  jwks_url as "jwksUrl",
  coalesce(scopes, ${[...SECRET_SCOPES]}::text[]) as scopes,
  ${isoColumn('created_at')} as "createdAt", ${isoColumn('revoked_at')} as "revokedAt"`;

/** Registers a clinic's system; the secret is returned this once and only its hash is kept. */
export async function registerApiClient(
  tx: Queryable,
  caller: Caller,
  request: { name: string; partnerName?: string | undefined; partnerCategory?: string | undefined },
): Promise<ApiClientView & { secret: string }> {
  const { actor } = caller;
  const id = uuidv7();
  const secret = `pfc_${newToken()}`;
  await tx.query(
    `insert into fhir_client (id, org_id, name, partner_name, partner_category, secret_hash, created_by)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      actor.orgId,
      request.name,
      request.partnerName ?? null,
      request.partnerCategory ?? null,
      hashToken(secret),
      actor.userId,
    ],
  );
  await recordAudit(tx, who(caller), {
    action: 'fhir.client-registered',
    subjectType: 'fhir_client',
    subjectId: id,
  });
  const [view] = await tx.query<ApiClientView>(sql`select ${viewColumns} from fhir_client where id = ${id}`);
  if (!view) throw new PuenteError(404, 'errors.fhirClientNotFound');
  return { ...view, secret };
}

export async function listApiClients(db: Queryable, actor: Actor): Promise<ApiClientView[]> {
  return db.query<ApiClientView>(
    sql`select ${viewColumns} from fhir_client where org_id = ${actor.orgId} order by created_at`,
  );
}

export async function revokeApiClient(tx: Queryable, caller: Caller, id: string): Promise<void> {
  const { actor } = caller;
  const rows = await tx.query(
    'update fhir_client set revoked_at = coalesce(revoked_at, now()) where org_id = $1 and id = $2 returning id',
    [actor.orgId, id],
  );
  if (rows.length === 0) throw new PuenteError(404, 'errors.fhirClientNotFound');
  await recordAudit(tx, who(caller), {
    action: 'fhir.client-revoked',
    subjectType: 'fhir_client',
    subjectId: id,
  });
}

/**
 * The caller of a FHIR request, from `Authorization: Bearer <token>`: a SMART access token from
 * the token endpoint, or (deprecated) the client's static secret. Anything else is a 401.
 */
export async function authenticateApiClient(
  db: Queryable,
  authorization: string | undefined,
): Promise<ApiClient> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!bearer)
    throw new FhirProblem(
      401,
      'login',
      'Send an access token from the token endpoint (or, until it is retired, the client secret) as "Authorization: Bearer <token>".',
    );
  if (bearer.startsWith(ACCESS_TOKEN_PREFIX)) {
    const [client] = await db.query<ApiClient & { expired: boolean }>(
      sql`select c.id, c.org_id as "orgId", c.name, c.partner_name as "partnerName",
                 c.partner_category as "partnerCategory", t.scopes, t.expires_at <= now() as expired
            from fhir_access_token t join fhir_client c on c.id = t.fhir_client_id
           where t.token_hash = ${hashToken(bearer)} and c.revoked_at is null`,
    );
    if (!client)
      throw new FhirProblem(401, 'login', 'This access token is not valid, or the client was revoked.');
    if (client.expired)
      throw new FhirProblem(
        401,
        'login',
        `This access token has expired (tokens last ${TOKEN_SECONDS / 60} minutes): get a new one at the token endpoint.`,
      );
    const { expired: _e, ...caller } = client;
    return { ...caller, via: 'access-token' };
  }
  const [client] = await db.query<Omit<ApiClient, 'scopes' | 'via'>>(
    sql`select ${columns} from fhir_client where secret_hash = ${hashToken(bearer)} and revoked_at is null`,
  );
  if (!client)
    throw new FhirProblem(401, 'login', 'This API client secret is not valid, or the client was revoked.');
  return { ...client, scopes: SECRET_SCOPES, via: 'secret' };
}
