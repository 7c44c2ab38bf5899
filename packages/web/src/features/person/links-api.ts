import type { PrivateLink } from '@puente/core';
import { call } from '../../app/api-client';

// Only the server keeps a person's private links: these need signal.

/** Every private link given to the person, newest first. */
export const listLinks = (clientId: string): Promise<PrivateLink[]> =>
  call('get', '/api/clients/{id}/links', { path: { id: clientId } }).then((r) => r.links);

/** Revokes one link; the answer is the link as it is now. */
export const revokeLink = (clientId: string, link: Pick<PrivateLink, 'kind' | 'id'>): Promise<PrivateLink> =>
  call('post', '/api/clients/{id}/links/{kind}/{linkId}/revoke', {
    path: { id: clientId, kind: link.kind, linkId: link.id },
  });
