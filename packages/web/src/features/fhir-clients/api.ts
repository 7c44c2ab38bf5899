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
