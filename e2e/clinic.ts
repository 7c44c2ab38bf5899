import { randomUUID } from 'node:crypto';
import { type CryptoKey, SignJWT } from 'jose';

/**
 * A clinic's system asking for an access token as SMART Backend Services says,
 * the way its integration engineer would write it: discovery from
 * .well-known/smart-configuration, a signed ES384 assertion, plain fetch.
 * The token endpoint's answer, whatever it is.
 */
export async function clinicToken(
  base: string,
  clinic: { clientId: string; kid: string; key: CryptoKey },
  scope: string,
): Promise<{ status: number; body: { access_token?: string; scope?: string; error?: string } }> {
  const config = (await (await fetch(`${base}/fhir/r4/.well-known/smart-configuration`)).json()) as {
    token_endpoint: string;
  };
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES384', kid: clinic.kid, typ: 'JWT' })
    .setIssuer(clinic.clientId)
    .setSubject(clinic.clientId)
    .setAudience(config.token_endpoint)
    .setExpirationTime('5m')
    .setJti(randomUUID())
    .sign(clinic.key);
  const reply = await fetch(config.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope,
    }),
  });
  return { status: reply.status, body: (await reply.json()) as { scope?: string; error?: string } };
}
