import type {
  DirectoryFlag,
  DirectoryFlagRequest,
  DirectorySearchResponse,
  DirectorySettings,
  ImportReport,
  ResourceLink,
  ResourceLinkRequest,
} from '@puente/core';
import { api } from '../../app/api';

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

const service = (id: string) => `/api/directory/services/${encodeURIComponent(id)}`;

/**
 * One page of services, ranked by the server.
 * @example searchDirectory({ q: 'despensa', postcode: '93701', limit: 10, offset: 0 })
 */
export function searchDirectory(query: DirectoryQuery): Promise<DirectorySearchResponse> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '' && value !== false) params.set(key, String(value));
  }
  return api<DirectorySearchResponse>('GET', `/api/directory/search?${params}`);
}

export const flagService = (serviceId: string, body: DirectoryFlagRequest) =>
  api<DirectoryFlag>('POST', `${service(serviceId)}/flags`, body);

/**
 * A private page of services for one person; the link is shown once.
 * @example makeResourcePage(clientId, { resourceIds: [result.id], language: 'es', expiresOn: '2026-08-01' })
 */
export const makeResourcePage = (clientId: string, body: ResourceLinkRequest) =>
  api<ResourceLink>('POST', `/api/clients/${encodeURIComponent(clientId)}/resource-links`, body);

export const verifyService = (serviceId: string) =>
  api<{ lastVerifiedAt: string }>('POST', `${service(serviceId)}/verify`);

export const listFlags = () =>
  api<{ flags: DirectoryFlag[] }>('GET', '/api/directory/flags?status=open').then((r) => r.flags);

export const resolveFlag = (flagId: string, resolution: 'fixed' | 'dismissed') =>
  api<void>('POST', `/api/directory/flags/${encodeURIComponent(flagId)}/resolve`, { resolution });

/** Sends an HSDS JSON document, already parsed in the browser, to be imported. */
export const importDirectory = (document: unknown) =>
  api<ImportReport>('POST', '/api/directory/import', document);

export const getDirectorySettings = () => api<DirectorySettings>('GET', '/api/directory/settings');
export const saveDirectorySettings = (body: DirectorySettings) =>
  api<DirectorySettings>('PUT', '/api/directory/settings', body);
