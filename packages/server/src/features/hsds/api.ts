import { createRoute } from '@hono/zod-openapi';
import { PuenteError, queryTerms, toTsquery } from '@puente/core';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../http/env.js';
import { commonProblems, createRouter, jsonResponse } from '../../http/openapi.js';
import { authorize } from '../../policy/permissions.js';
import { publicDirectoryOrg } from '../directory/settings.js';
import { fullLocation, fullService, listOf, one, type Paging, termWithTaxonomy } from './api-queries.js';

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
  search: z.string().max(200).optional(),
};
const SlugParam = z.object({ slug: z.string().max(64).optional() });
const IdParam = SlugParam.extend({ id: z.string().min(1).max(200) });
const missing = () => new PuenteError(404, 'errors.notFound');

async function orgOf(c: Context<AppEnv>): Promise<string> {
  const slug = c.req.param('slug');
  if (slug) return publicDirectoryOrg(c.get('scope').db, slug);
  return authorize(c.get('scope').actor, 'directory.read').orgId;
}

const paging = (q: { page: number; per_page: number }): Paging => ({ page: q.page, perPage: q.per_page });
const tsq = (search: string | undefined) => (search ? toTsquery(queryTerms(search)) : undefined);

for (const base of bases) {
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
      responses: { 200: jsonResponse(Json, summary), 404: commonProblems[400], ...commonProblems },
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
      const params: unknown[] = [orgId];
      const p = (v: unknown) => `$${params.push(v)}`;
      const where = ['s.org_id = $1'];
      const search = tsq(q.search);
      if (search)
        where.push(
          `s.id in (select service_id from directory_entry where org_id = $1 and document @@ ${p(search)}::tsquery)`,
        );
      if (q.taxonomy_term_id)
        where.push(
          `exists (select 1 from hsds_attribute a where a.org_id = $1 and a.link_id = s.id and a.taxonomy_term_id = ${p(q.taxonomy_term_id)})`,
        );
      if (q.taxonomy_id)
        where.push(`exists (select 1 from hsds_attribute a join hsds_taxonomy_term t on t.org_id = a.org_id and t.id = a.taxonomy_term_id
        where a.org_id = $1 and a.link_id = s.id and t.taxonomy_id = ${p(q.taxonomy_id)})`);
      if (q.organization_id) where.push(`s.organization_id = ${p(q.organization_id)}`);
      if (q.modified_after) where.push(`s.updated_at >= ${p(q.modified_after)}::timestamptz`);
      const body = await listOf(
        c.get('scope').db,
        `select s.data, o.data as org, count(*) over () as total from hsds_service s
         left join hsds_organization o on o.org_id = s.org_id and o.id = s.organization_id
        where ${where.join(' and ')} order by s.id`,
        params,
        paging(q),
        (r) => (r.org ? { ...r.data, organization: r.org } : r.data),
      );
      return c.json(body, 200);
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
      const params: unknown[] = [orgId];
      const p = (v: unknown) => `$${params.push(v)}`;
      const where = ['sal.org_id = $1'];
      const search = tsq(q.search);
      if (search) where.push(`e.document @@ ${p(search)}::tsquery`);
      if (q.organization_id) where.push(`s.organization_id = ${p(q.organization_id)}`);
      if (q.taxonomy_term_id)
        where.push(
          `exists (select 1 from hsds_attribute a where a.org_id = $1 and a.link_id = sal.service_id and a.taxonomy_term_id = ${p(q.taxonomy_term_id)})`,
        );
      if (q.modified_after) where.push(`s.updated_at >= ${p(q.modified_after)}::timestamptz`);
      if (q.postcode) {
        const pc = p(q.postcode.toUpperCase().replace(/\s+/g, ''));
        if (q.proximity) {
          const centre = `(select avg(latitude) as lat, avg(longitude) as lng from directory_entry where org_id = $1 and postal_code = ${pc})`;
          where.push(`(select 12742 * asin(sqrt(power(sin(radians(e.latitude - c.lat) / 2), 2) + cos(radians(c.lat))
            * cos(radians(e.latitude)) * power(sin(radians(e.longitude - c.lng) / 2), 2))) from ${centre} c) <= ${p(q.proximity)}`);
        } else where.push(`e.postal_code = ${pc}`);
      }
      const body = await listOf(
        c.get('scope').db,
        `select sal.data, s.data as service, l.data as location, count(*) over () as total
           from hsds_service_at_location sal
           left join hsds_service s on s.org_id = sal.org_id and s.id = sal.service_id
           left join hsds_location l on l.org_id = sal.org_id and l.id = sal.location_id
           left join directory_entry e on e.org_id = sal.org_id and e.id = sal.id
          where ${where.join(' and ')} order by sal.id`,
        params,
        paging(q),
        (r) => ({
          ...r.data,
          ...(r.service ? { service: r.service } : {}),
          ...(r.location ? { location: r.location } : {}),
        }),
      );
      return c.json(body, 200);
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
    const body = await listOf(
      c.get('scope').db,
      `select data, count(*) over () as total from hsds_organization
        where org_id = $1 and ($2::text is null or data->>'name' ilike '%' || $2 || '%') order by id`,
      [orgId, q.search ?? null],
      paging(q),
    );
    return c.json(body, 200);
  });

  hsdsRoutes.openapi(
    itemRoute('/organizations/{id}', 'An organization with its services', IdParam),
    async (c) => {
      const orgId = await orgOf(c);
      const { db } = c.get('scope');
      const { id } = c.req.valid('param');
      const organization = await one(db, 'hsds_organization', orgId, id);
      if (!organization) throw missing();
      const services = await db.query<{ data: Record<string, unknown> }>(
        'select data from hsds_service where org_id = $1 and organization_id = $2 order by id',
        [orgId, id],
      );
      return c.json({ ...organization, services: services.map((s) => s.data) }, 200);
    },
  );

  hsdsRoutes.openapi(listRoute('/taxonomies', 'Taxonomies', z.strictObject(Paged)), async (c) => {
    const q = c.req.valid('query');
    const body = await listOf(
      c.get('scope').db,
      `select data, count(*) over () as total from hsds_taxonomy
        where org_id = $1 and ($2::text is null or data->>'name' ilike '%' || $2 || '%') order by id`,
      [await orgOf(c), q.search ?? null],
      paging(q),
    );
    return c.json(body, 200);
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
    const body = await listOf(
      db,
      `select data, count(*) over () as total from hsds_taxonomy_term
        where org_id = $1 and ($2::text is null or data->>'name' ilike '%' || $2 || '%')
          and ($3::text is null or taxonomy_id = $3) and ($4::text is null or parent_id = $4)
          and (not $5::boolean or parent_id is null) order by id`,
      [orgId, q.search ?? null, q.taxonomy_id ?? null, q.parent_id ?? null, q.top_only === 'true'],
      paging(q),
    );
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
