import type { Client, ClientSummary, NewClientRequest } from '@puente/core';
import { api } from '../../app/api';

export interface CaseloadPage {
  clients: ClientSummary[];
  total: number;
}

/** One page of the caller's caseload, optionally searched by name or phone digits. */
export function listClients(query: {
  q?: string;
  chwId?: string;
  limit: number;
  offset: number;
}): Promise<CaseloadPage> {
  const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset) });
  if (query.q) params.set('q', query.q);
  if (query.chwId) params.set('chwId', query.chwId);
  return api<CaseloadPage>('GET', `/api/clients?${params}`);
}

/** Registers a person; refuses with `possibleDuplicate` (409) unless `notADuplicate` is set. */
export function registerClient(body: NewClientRequest): Promise<Client> {
  return api<Client>('POST', '/api/clients', body);
}

/** A possible duplicate, as the 409 problem lists it. */
export interface DuplicateMatch {
  id?: string;
  displayName?: string;
  match: 'phone' | 'birthDate';
}
