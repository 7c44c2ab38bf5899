import type { PrivateLink, PrivateLinkList } from '@puente/core';
import { api } from '../../app/api';

// Only the server keeps a person's private links: these need signal.
const base = (id: string) => `/api/clients/${encodeURIComponent(id)}/links`;

/** Every private link given to the person, newest first. */
export const listLinks = (clientId: string): Promise<PrivateLink[]> =>
  api<PrivateLinkList>('GET', base(clientId)).then((r) => r.links);

/** Revokes one link; the answer is the link as it is now. */
export const revokeLink = (clientId: string, link: Pick<PrivateLink, 'kind' | 'id'>): Promise<PrivateLink> =>
  api<PrivateLink>(
    'POST',
    `${base(clientId)}/${encodeURIComponent(link.kind)}/${encodeURIComponent(link.id)}/revoke`,
  );
