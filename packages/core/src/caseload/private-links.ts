import { z } from 'zod';
import { shareChannels } from '../education/schemas.js';
import { locales } from '../i18n/locales.js';
import type { LinkPage } from '../policy/decide.js';

/** The pages a private link opens: a safety plan, a topic, a page of services. */
export const privateLinkKinds = ['safety-plan', 'topic', 'services'] as const satisfies readonly LinkPage[];
export type PrivateLinkKind = (typeof privateLinkKinds)[number];

/** Whether a link opens now: the policy's answer for the link (`decide` with actor type 'link'). */
export const privateLinkStates = ['active', 'expired', 'revoked'] as const;
export type PrivateLinkState = (typeof privateLinkStates)[number];

export const PrivateLinkParams = z.object({
  id: z.uuid(),
  kind: z.enum(privateLinkKinds),
  linkId: z.uuid(),
});

/**
 * One private link given to a person, as staff see it: what it shows and its
 * life, named by an id of its own. Never its token, nor the token's hash.
 */
export const PrivateLink = z
  .object({
    id: z.uuid(),
    kind: z.enum(privateLinkKinds),
    /** For a topic: its title as shared. */
    topicTitle: z.string().nullable(),
    /** For a safety plan: the version shared. */
    planVersion: z.number().int().nullable(),
    /** For a page of services: how many it lists. */
    serviceCount: z.number().int().nullable(),
    language: z.enum(locales),
    /** How it was sent, where Puente knows (topics). */
    channel: z.enum(shareChannels).nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    /** Who revoked it, by hand or by recording a withdrawal of consent. */
    revokedBy: z.string().nullable(),
    state: z.enum(privateLinkStates),
  })
  .meta({ id: 'PrivateLink' });
export type PrivateLink = z.infer<typeof PrivateLink>;

export const PrivateLinkList = z.object({ links: z.array(PrivateLink) }).meta({ id: 'PrivateLinkList' });
export type PrivateLinkList = z.infer<typeof PrivateLinkList>;
