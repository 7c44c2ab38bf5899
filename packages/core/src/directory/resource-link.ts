import { z } from 'zod';
import { CalendarDate } from '../caseload/fields.js';
import { PublicCrisisLine } from '../education/schemas.js';
import { locales } from '../i18n/locales.js';
import { OpeningSchema } from './schemas.js';

/** How many services one private page holds: enough for a visit, short enough to read on a phone. */
export const MAX_RESOURCES_PER_PAGE = 10;

/**
 * A private page of services for one person, in the language they read.
 * @example { resourceIds: ['sal-1'], language: 'es', expiresOn: '2026-07-31' }
 */
export const ResourceLinkRequest = z
  .strictObject({
    /** The `id` of each directory search result (one service at one place), in the order to show them. */
    resourceIds: z.array(z.string().trim().min(1).max(200)).min(1).max(MAX_RESOURCES_PER_PAGE),
    language: z.enum(locales),
    /** The last day the page works, in the program's time zone (at most 90 days ahead). */
    expiresOn: CalendarDate,
  })
  .meta({ id: 'ResourceLinkRequest' });
export type ResourceLinkRequest = z.infer<typeof ResourceLinkRequest>;

export const ResourceLink = z
  .object({
    /** Shown once: only the token's hash is kept. */
    url: z.string(),
    expiresOn: z.string(),
    language: z.enum(locales),
    /** The contact recorded on the person's record (a text with resource connection). */
    encounterId: z.uuid(),
  })
  .meta({ id: 'ResourceLink' });
export type ResourceLink = z.infer<typeof ResourceLink>;

/** One service as it was when it was shared: what a person needs to go there or call. */
export const SharedResource = z
  .object({
    name: z.string(),
    organizationName: z.string().nullable(),
    description: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    hours: z.array(OpeningSchema),
    hoursNote: z.string().nullable(),
    howToApply: z.string().nullable(),
    /** The service's website. */
    url: z.string().nullable(),
    languages: z.array(z.string()),
    cost: z.enum(['free', 'low']).nullable(),
  })
  .meta({ id: 'SharedResource' });
export type SharedResource = z.infer<typeof SharedResource>;

/** The page as the person opens it: no name, no ids, nothing about who shared it. */
export const PublicResourcePage = z
  .object({
    language: z.enum(locales),
    /** The last day the page works. */
    expiresOn: z.string(),
    resources: z.array(SharedResource),
    crisisLines: z.array(PublicCrisisLine),
  })
  .meta({ id: 'PublicResourcePage' });
export type PublicResourcePage = z.infer<typeof PublicResourcePage>;
