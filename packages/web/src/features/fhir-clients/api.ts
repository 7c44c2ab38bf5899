import { type Body, call } from '../../app/api-client';
import type { components } from '../../app/api-schema';

/** A connected clinic's system as the admin sees it: never its secret, which is shown once at registration. */
export type FhirClient = components['schemas']['FhirClient'];

export type NewFhirClient = Body<'post', '/api/fhir-clients'>;

export async function listFhirClients(): Promise<FhirClient[]> {
  return (await call('get', '/api/fhir-clients')).clients;
}

/** Needs a fresh step-up check (the server answers `stepUpRequired`); the answer's secret is the only copy. */
export const registerFhirClient = (body: NewFhirClient): Promise<FhirClient & { secret: string }> =>
  call('post', '/api/fhir-clients', { body });

export const revokeFhirClient = (id: string): Promise<undefined> =>
  call('post', '/api/fhir-clients/{id}/revoke', { path: { id } });

export type ClientKeys = Body<'put', '/api/fhir-clients/{id}/keys'>;

/** Needs a fresh step-up check; the client's static secret stops working once its keys are registered. */
export const registerClientKeys = (id: string, body: ClientKeys): Promise<FhirClient> =>
  call('put', '/api/fhir-clients/{id}/keys', { path: { id }, body });

/**
 * The scopes the FHIR API grants, from its own SMART configuration (public, the
 * same document a clinic's integrator reads), so the form offers exactly those.
 */
export async function supportedScopes(): Promise<string[]> {
  const reply = await fetch('/fhir/r4/.well-known/smart-configuration', {
    headers: { accept: 'application/json' },
  });
  if (!reply.ok) throw new Error(`smart-configuration answered ${reply.status}`);
  const { scopes_supported: scopes } = (await reply.json()) as { scopes_supported?: unknown };
  return Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
}
