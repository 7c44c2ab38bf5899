import { createRoute } from '@hono/zod-openapi';
import { PuenteError } from '@puente/core';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../http/env.js';
import { commonProblems, createRouter, jsonResponse, problems } from '../../http/openapi.js';
import { authorize } from '../../policy/permissions.js';
import { publicDirectoryOrg } from '../directory/settings.js';
import {
  listOrganizations,
  listServices,
  listServicesAtLocations,
  listTaxonomies,
  listTaxonomyTerms,
  organizationServices,
} from './api-lists.js';
import { fullLocation, fullService, one, type Paging, termWithTaxonomy } from './api-queries.js';

/**
 * The HSDS 3.0 API. Signed-in callers read their own organization's
 * directory at /hsds/...; a directory made public is read without a session
 * at /hsds/o/{slug}/..., so an HSDS client takes either as its base URL.
 */
export const hsdsRoutes = createRouter();
const tags = ['HSDS 3.0'];
const bases = ['/hsds', '/hsds/o/{slug}'] as const;
const Json = z.record(z.string(), z.unknown());
const Page = z
  .object({
    total_items: z.number().int(),
    total_pages: z.number().int(),
    page_number: z.number().int(),
    size: z.number().int(),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(Json),
  })
  .meta({ id: 'HsdsPage' });
const Paged = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(50),
  // ndjson is not offered yet: a clear 400 beats a silently different format.
  format: z.enum(['json']).default('json'),
  search: z.string().max(200).optional().meta({
    description:
      'Words, in English or Spanish; services and services at locations come best match first, ranked as the CHW search ranks them',
  }),
};
const Id = z.string().min(1).max(200);
const Slug = z.string().max(64).meta({ description: 'The public directory’s name in its address' });
/**
 * Each base's own path parameters: /hsds has none (the session says whose directory),
 * /hsds/o/{slug} requires its slug. Typed alike so one loop registers both.
 */
type BaseParams = {
  slug: z.ZodObject<{ slug?: typeof Slug }>;
  id: z.ZodObject<{ slug?: typeof Slug; id: typeof Id }>;
};
const paramsOf = (base: (typeof bases)[number]): BaseParams =>
  base === '/hsds'
    ? { slug: z.object({}), id: z.object({ id: Id }) }
    : { slug: z.object({ slug: Slug }), id: z.object({ slug: Slug, id: Id }) };
const missing = () => new PuenteError(404, 'errors.notFound');

async function orgOf(c: Context<AppEnv>): Promise<string> {
  const slug = c.req.param('slug');
  if (slug) return publicDirectoryOrg(c.get('scope').db, slug);
  return authorize(c.get('scope').actor, 'directory.read').orgId;
}

const paging = (q: { page: number; per_page: number }): Paging => ({ page: q.page, perPage: q.per_page });

for (const base of bases) {
  const { slug: SlugParam, id: IdParam } = paramsOf(base);
  type Query = z.ZodObject;
  const listRoute = <Q extends Query>(path: string, summary: string, query: Q) =>
    createRoute({
      method: 'get',
      path: `${base}${path}`,
      tags,
      summary,
      request: { params: SlugParam, query },
      responses: { 200: jsonResponse(Page, summary), ...commonProblems },
    });
  const itemRoute = <P extends typeof IdParam | typeof SlugParam>(path: string, summary: string, params: P) =>
    createRoute({
      method: 'get',
      path: `${base}${path}`,
      tags,
      summary,
      request: { params },
      responses: { 200: jsonResponse(Json, summary), 404: problems[404], ...commonProblems },
    });

  hsdsRoutes.openapi(itemRoute('/', 'HSDS version and profile of this API', SlugParam), async (c) => {
    await orgOf(c);
    return c.json(
      {
        version: '3.0',
        profile: 'https://docs.openreferral.org/en/3.0/',
        openapi_url: 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json',
      },
      200,
    );
  });

  const ServicesQuery = z.strictObject({
    ...Paged,
    taxonomy_term_id: z.string().max(200).optional(),
    taxonomy_id: z.string().max(200).optional(),
    organization_id: z.string().max(200).optional(),
    modified_after: z.iso.datetime({ offset: true }).optional(),
    minimal: z.enum(['true', 'false']).optional(),
    full: z.enum(['true', 'false']).optional(),
  });
  hsdsRoutes.openapi(
    listRoute('/services', 'Services, one-to-one fields with their organization', ServicesQuery),
    async (c) => {
      const orgId = await orgOf(c);
      const q = c.req.valid('query');
      return c.json(await listServices(c.get('scope').db, orgId, q, paging(q)), 200);
    },
  );

  hsdsRoutes.openapi(
    itemRoute('/services/{id}', 'A service with all its related data', IdParam),
    async (c) => {
      const service = await fullService(c.get('scope').db, await orgOf(c), c.req.valid('param').id);
      if (!service) throw missing();
      return c.json(service, 200);
    },
  );

  const SalQuery = z.strictObject({
    ...Paged,
    taxonomy_term_id: z.string().max(200).optional(),
    taxonomy_id: z.string().max(200).optional(),
    organization_id: z.string().max(200).optional(),
    modified_after: z.iso.datetime({ offset: true }).optional(),
    full: z.enum(['true', 'false']).optional(),
    postcode: z.string().trim().min(2).max(12).optional(),
    proximity: z.coerce
      .number()
      .positive()
      .max(500)
      .optional()
      .meta({ description: 'km from the postcode’s centre' }),
  });
  hsdsRoutes.openapi(
    listRoute('/service_at_locations', 'Services at locations, by postcode and proximity', SalQuery),
    async (c) => {
      const orgId = await orgOf(c);
      const q = c.req.valid('query');
      return c.json(await listServicesAtLocations(c.get('scope').db, orgId, q, paging(q)), 200);
    },
  );

  hsdsRoutes.openapi(
    itemRoute('/service_at_locations/{id}', 'A service at a location, nested', IdParam),
    async (c) => {
      const orgId = await orgOf(c);
      const { db } = c.get('scope');
      const sal = await one(db, 'hsds_service_at_location', orgId, c.req.valid('param').id);
      if (!sal) throw missing();
      const service =
        typeof sal.service_id === 'string' ? await one(db, 'hsds_service', orgId, sal.service_id) : undefined;
      const location =
        typeof sal.location_id === 'string' ? await fullLocation(db, orgId, sal.location_id) : undefined;
      return c.json({ ...sal, ...(service ? { service } : {}), ...(location ? { location } : {}) }, 200);
    },
  );

  const OrgQuery = z.strictObject({
    ...Paged,
    full: z.enum(['true', 'false']).optional(),
    full_service: z.enum(['true', 'false']).optional(),
  });
  hsdsRoutes.openapi(listRoute('/organizations', 'Organizations', OrgQuery), async (c) => {
    const orgId = await orgOf(c);
    const q = c.req.valid('query');
    return c.json(await listOrganizations(c.get('scope').db, orgId, q, paging(q)), 200);
  });

  hsdsRoutes.openapi(
    itemRoute('/organizations/{id}', 'An organization with its services', IdParam),
    async (c) => {
      const orgId = await orgOf(c);
      const { db } = c.get('scope');
      const { id } = c.req.valid('param');
      const organization = await one(db, 'hsds_organization', orgId, id);
      if (!organization) throw missing();
      return c.json({ ...organization, services: await organizationServices(db, orgId, id) }, 200);
    },
  );

  hsdsRoutes.openapi(listRoute('/taxonomies', 'Taxonomies', z.strictObject(Paged)), async (c) => {
    const orgId = await orgOf(c);
    const q = c.req.valid('query');
    return c.json(await listTaxonomies(c.get('scope').db, orgId, q, paging(q)), 200);
  });

  hsdsRoutes.openapi(itemRoute('/taxonomies/{id}', 'A taxonomy', IdParam), async (c) => {
    const taxonomy = await one(c.get('scope').db, 'hsds_taxonomy', await orgOf(c), c.req.valid('param').id);
    if (!taxonomy) throw missing();
    return c.json(taxonomy, 200);
  });

  const TermQuery = z.strictObject({
    ...Paged,
    taxonomy_id: z.string().max(200).optional(),
    top_only: z.enum(['true', 'false']).optional(),
    parent_id: z.string().max(200).optional(),
  });
  hsdsRoutes.openapi(listRoute('/taxonomy_terms', 'Taxonomy terms', TermQuery), async (c) => {
    const orgId = await orgOf(c);
    const q = c.req.valid('query');
    const { db } = c.get('scope');
    const body = await listTaxonomyTerms(db, orgId, q, paging(q));
    body.contents = await Promise.all(body.contents.map((t) => termWithTaxonomy(db, orgId, t)));
    return c.json(body, 200);
  });

  hsdsRoutes.openapi(itemRoute('/taxonomy_terms/{id}', 'A taxonomy term', IdParam), async (c) => {
    const orgId = await orgOf(c);
    const term = await one(c.get('scope').db, 'hsds_taxonomy_term', orgId, c.req.valid('param').id);
    if (!term) throw missing();
    return c.json(await termWithTaxonomy(c.get('scope').db, orgId, term), 200);
  });
}
