import { type Body, call } from '../../app/api-client';

/** A connected clinic's system as the admin sees it: never its secret, which is shown once at registration. */
export interface FhirClient {
  id: string;
  name: string;
  partnerName: string | null;
  partnerCategory: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewFhirClient {
  name: string;
  partnerName?: string;
  partnerCategory?: string;
}

export async function listFhirClients(): Promise<FhirClient[]> {
  return (await call('get', '/api/fhir-clients')).clients;
}

/** Needs a fresh step-up check (the server answers `stepUpRequired`); the answer's secret is the only copy. */
export const registerFhirClient = (body: NewFhirClient): Promise<FhirClient & { secret: string }> =>
  // The form's category comes from the partner categories; the server refuses any other in words.
  call('post', '/api/fhir-clients', { body: body as Body<'post', '/api/fhir-clients'> });

export const revokeFhirClient = (id: string): Promise<undefined> =>
  call('post', '/api/fhir-clients/{id}/revoke', { path: { id } });
