import type { Client, NewClientRequest } from '@puente/core';
import { type CaseloadPage, type CaseloadQuery, data } from '../../offline/data';

export type { CaseloadPage };

/** One page of the caller's caseload, optionally searched by name or phone digits, sorted and filtered. */
export function listClients(query: CaseloadQuery): Promise<CaseloadPage> {
  return data().listClients(query);
}

/** Registers a person; refuses with `possibleDuplicate` (409) unless `notADuplicate` is set. */
export function registerClient(body: NewClientRequest): Promise<Client> {
  return data().registerClient(body);
}

/** A possible duplicate, as the 409 problem lists it. */
export interface DuplicateMatch {
  id?: string;
  displayName?: string;
  match: 'phone' | 'birthDate';
}
