import type { Queryable } from '../../db/types.js';
import { rankingOf, type Words } from '../directory/relevance.js';
import { programSynonyms } from '../directory/synonyms.js';
import { type HsdsPage, listOf, type Paging } from './api-queries.js';

// The HSDS API's lists, one query each, with the filters the API offers.

type Json = Record<string, unknown>;

/** The filters every list takes: free text over names (and, for services, the search index). */
interface Searched {
  search?: string | undefined;
}

/** Numbered parameters after $1 (the organization), added as the filters ask for them. */
function parameters(orgId: string) {
  const params: unknown[] = [orgId];
  return { params, p: (v: unknown) => `$${params.push(v)}` };
}

export interface ServiceFilter extends Searched {
  taxonomy_term_id?: string | undefined;
  taxonomy_id?: string | undefined;
  organization_id?: string | undefined;
  modified_after?: string | undefined;
}

/**
 * Services with their organization's one-to-one fields. With `search`, best match first, by the
 * CHW search's own ranking of directory entries (a service as well as its best place answers),
 * misspelt names included; without, in id order.
 */
export async function listServices(
  db: Queryable,
  orgId: string,
  q: ServiceFilter,
  paging: Paging,
): Promise<HsdsPage> {
  const ranking = q.search ? rankingOf(q.search, await programSynonyms(db, orgId)) : undefined;
  const list = (words: ((p: (v: unknown) => string) => Words) | undefined) => {
    const { params, p } = parameters(orgId);
    const where = ['s.org_id = $1'];
    let ranked = '';
    if (words) {
      const { match, relevance } = words(p);
      ranked = `join (select e.service_id, max(${relevance}) as score from directory_entry e
                  where e.org_id = $1 and ${match} group by e.service_id) r on r.service_id = s.id`;
    }
    if (q.taxonomy_term_id)
      where.push(
        `exists (select 1 from hsds_attribute a where a.org_id = $1 and a.link_id = s.id and a.taxonomy_term_id = ${p(q.taxonomy_term_id)})`,
      );
    if (q.taxonomy_id)
      where.push(`exists (select 1 from hsds_attribute a join hsds_taxonomy_term t on t.org_id = a.org_id and t.id = a.taxonomy_term_id
          where a.org_id = $1 and a.link_id = s.id and t.taxonomy_id = ${p(q.taxonomy_id)})`);
    if (q.organization_id) where.push(`s.organization_id = ${p(q.organization_id)}`);
    if (q.modified_after) where.push(`s.updated_at >= ${p(q.modified_after)}::timestamptz`);
    return listOf(
      db,
      `select s.data, o.data as org, count(*) over () as total from hsds_service s ${ranked}
           left join hsds_organization o on o.org_id = s.org_id and o.id = s.organization_id
          where ${where.join(' and ')} order by ${words ? 'r.score desc, ' : ''}s.id`,
      params,
      paging,
      (r) => (r.org ? { ...r.data, organization: r.org } : r.data),
    );
  };
  // Words with nothing to search by (only stop words, say) filter nothing, as in the CHW search.
  if (!ranking) return list(undefined);
  const found = await list(ranking.words);
  if (found.total_items > 0 || paging.page !== 1 || !ranking.letters) return found;
  return list(ranking.letters);
}

export interface ServiceAtLocationFilter extends Searched {
  taxonomy_term_id?: string | undefined;
  organization_id?: string | undefined;
  modified_after?: string | undefined;
  postcode?: string | undefined;
  /** km from the postcode's centre. */
  proximity?: number | undefined;
}

/** Services at locations, nested, by postcode and proximity; with `search`, ranked as services are. */
export async function listServicesAtLocations(
  db: Queryable,
  orgId: string,
  q: ServiceAtLocationFilter,
  paging: Paging,
): Promise<HsdsPage> {
  const ranking = q.search ? rankingOf(q.search, await programSynonyms(db, orgId)) : undefined;
  if (!ranking) return listSal(db, orgId, q, paging, undefined);
  const found = await listSal(db, orgId, q, paging, ranking.words);
  if (found.total_items > 0 || paging.page !== 1 || !ranking.letters) return found;
  return listSal(db, orgId, q, paging, ranking.letters);
}

function listSal(
  db: Queryable,
  orgId: string,
  q: ServiceAtLocationFilter,
  paging: Paging,
  words: ((p: (v: unknown) => string) => Words) | undefined,
): Promise<HsdsPage> {
  const { params, p } = parameters(orgId);
  const where = ['sal.org_id = $1'];
  const ranked = words?.(p);
  if (ranked) where.push(ranked.match);
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
  return listOf(
    db,
    `select sal.data, s.data as service, l.data as location, count(*) over () as total
           from hsds_service_at_location sal
           left join hsds_service s on s.org_id = sal.org_id and s.id = sal.service_id
           left join hsds_location l on l.org_id = sal.org_id and l.id = sal.location_id
           left join directory_entry e on e.org_id = sal.org_id and e.id = sal.id
          where ${where.join(' and ')} order by ${ranked ? `${ranked.relevance} desc, ` : ''}sal.id`,
    params,
    paging,
    (r) => ({
      ...r.data,
      ...(r.service ? { service: r.service } : {}),
      ...(r.location ? { location: r.location } : {}),
    }),
  );
}

/** Organizations, by name. */
export function listOrganizations(
  db: Queryable,
  orgId: string,
  q: Searched,
  paging: Paging,
): Promise<HsdsPage> {
  return listOf(
    db,
    `select data, count(*) over () as total from hsds_organization
        where org_id = $1 and ($2::text is null or data->>'name' ilike '%' || $2 || '%') order by id`,
    [orgId, q.search ?? null],
    paging,
  );
}

/** The services of one organization. */
export async function organizationServices(db: Queryable, orgId: string, id: string): Promise<Json[]> {
  const services = await db.query<{ data: Json }>(
    'select data from hsds_service where org_id = $1 and organization_id = $2 order by id',
    [orgId, id],
  );
  return services.map((s) => s.data);
}

/** Taxonomies, by name. */
export function listTaxonomies(db: Queryable, orgId: string, q: Searched, paging: Paging): Promise<HsdsPage> {
  return listOf(
    db,
    `select data, count(*) over () as total from hsds_taxonomy
        where org_id = $1 and ($2::text is null or data->>'name' ilike '%' || $2 || '%') order by id`,
    [orgId, q.search ?? null],
    paging,
  );
}

export interface TermFilter extends Searched {
  taxonomy_id?: string | undefined;
  parent_id?: string | undefined;
  top_only?: 'true' | 'false' | undefined;
}

/** Taxonomy terms, by name, taxonomy and parent (or the top of the tree only). */
export function listTaxonomyTerms(
  db: Queryable,
  orgId: string,
  q: TermFilter,
  paging: Paging,
): Promise<HsdsPage> {
  return listOf(
    db,
    `select data, count(*) over () as total from hsds_taxonomy_term
        where org_id = $1 and ($2::text is null or data->>'name' ilike '%' || $2 || '%')
          and ($3::text is null or taxonomy_id = $3) and ($4::text is null or parent_id = $4)
          and (not $5::boolean or parent_id is null) order by id`,
    [orgId, q.search ?? null, q.taxonomy_id ?? null, q.parent_id ?? null, q.top_only === 'true'],
    paging,
  );
}
