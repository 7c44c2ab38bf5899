import { api } from '../../app/api';

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
  return (await api<{ clients: FhirClient[] }>('GET', '/api/fhir-clients')).clients;
}

/** Needs a fresh step-up check (the server answers `stepUpRequired`); the answer's secret is the only copy. */
export const registerFhirClient = (body: NewFhirClient) =>
  api<FhirClient & { secret: string }>('POST', '/api/fhir-clients', body);

export const revokeFhirClient = (id: string) =>
  api<undefined>('POST', `/api/fhir-clients/${encodeURIComponent(id)}/revoke`, {});
