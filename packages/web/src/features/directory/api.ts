import type {
  DirectoryFlag,
  DirectoryFlagRequest,
  DirectorySearchResponse,
  DirectorySettings,
  DirectorySynonym,
  DirectorySynonymRequest,
  ImportReport,
  ResourceLink,
  ResourceLinkRequest,
} from '@puente/core';
import { type Body, call } from '../../app/api-client';

/** What the Find help form asks for; empty values are left out of the request. */
export interface DirectoryQuery {
  q?: string;
  need?: string;
  lat?: number;
  lng?: number;
  postcode?: string;
  radiusKm?: number;
  language?: string;
  cost?: 'free' | 'low';
  openNow?: boolean;
  age?: number;
  limit: number;
  offset: number;
}

/**
 * One page of services, ranked by the server.
 * @example searchDirectory({ q: 'despensa', postcode: '93701', limit: 10, offset: 0 })
 */
export function searchDirectory(query: DirectoryQuery): Promise<DirectorySearchResponse> {
  const given = <T>(value: T | '') => (value === '' ? undefined : value);
  return call('get', '/api/directory/search', {
    query: {
      q: given(query.q),
      need: given(query.need),
      lat: query.lat,
      lng: query.lng,
      postcode: given(query.postcode),
      radiusKm: query.radiusKm,
      language: given(query.language),
      cost: query.cost,
      openNow: query.openNow ? 'true' : undefined,
      age: query.age,
      limit: query.limit,
      offset: query.offset,
    },
  });
}

export const flagService = (serviceId: string, body: DirectoryFlagRequest): Promise<DirectoryFlag> =>
  call('post', '/api/directory/services/{id}/flags', { path: { id: serviceId }, body });

/**
 * A private page of services for one person; the link is shown once.
 * @example makeResourcePage(clientId, { resourceIds: [result.id], language: 'es', expiresOn: '2026-08-01' })
 */
export const makeResourcePage = (clientId: string, body: ResourceLinkRequest): Promise<ResourceLink> =>
  call('post', '/api/clients/{id}/resource-links', { path: { id: clientId }, body });

export const verifyService = (serviceId: string): Promise<{ lastVerifiedAt: string }> =>
  call('post', '/api/directory/services/{id}/verify', { path: { id: serviceId } });

export const listFlags = (): Promise<DirectoryFlag[]> =>
  call('get', '/api/directory/flags', { query: { status: 'open' } }).then((r) => r.flags);

export const resolveFlag = async (flagId: string, resolution: 'fixed' | 'dismissed'): Promise<void> => {
  await call('post', '/api/directory/flags/{id}/resolve', { path: { id: flagId }, body: { resolution } });
};

/** Sends an HSDS JSON document, already parsed in the browser, to be imported. */
export const importDirectory = (document: unknown): Promise<ImportReport> =>
  call('post', '/api/directory/import', { body: document as Body<'post', '/api/directory/import'> });

export const getDirectorySettings = (): Promise<DirectorySettings> => call('get', '/api/directory/settings');
export const saveDirectorySettings = (body: DirectorySettings): Promise<DirectorySettings> =>
  call('put', '/api/directory/settings', { body });

export const listSynonyms = (): Promise<DirectorySynonym[]> =>
  call('get', '/api/directory/synonyms').then((r) => r.synonyms);
export const addSynonym = (body: DirectorySynonymRequest): Promise<DirectorySynonym> =>
  call('post', '/api/directory/synonyms', { body });
export const removeSynonym = async (id: string): Promise<void> => {
  await call('delete', '/api/directory/synonyms/{id}', { path: { id } });
};
