import type { Queryable } from '../../db/types.js';

type Json = Record<string, unknown>;

export interface Paging {
  page: number;
  perPage: number;
}

export interface HsdsPage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Json[];
}

/** The paging fields of the HSDS API around one page of contents. */
export function page(contents: Json[], total: number, { page, perPage }: Paging): HsdsPage {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Runs a list query whose rows carry `data` and a windowed `total`. */
export async function listOf(
  db: Queryable,
  sql: string,
  params: unknown[],
  paging: Paging,
  shape: (row: Json & { data: Json }) => Json = (r) => r.data,
): Promise<HsdsPage> {
  const n = params.length;
  const rows = await db.query<Json & { data: Json; total: number }>(
    `${sql} limit $${n + 1} offset $${n + 2}`,
    [...params, paging.perPage, (paging.page - 1) * paging.perPage],
  );
  return page(rows.map(shape), Number(rows[0]?.total ?? 0), paging);
}

const rowsOf = async (db: Queryable, sql: string, params: unknown[]) =>
  (await db.query<{ data: Json }>(sql, params)).map((r) => r.data);

export const byLink = (db: Queryable, table: string, orgId: string, field: string, id: string) =>
  rowsOf(db, `select data from ${table} where org_id = $1 and ${field} = $2 order by id`, [orgId, id]);

export const extras = (db: Queryable, orgId: string, entity: string, field: string, id: string) =>
  rowsOf(
    db,
    `select data from hsds_extra where org_id = $1 and entity = $2 and data->>'${field}' = $3 order by id`,
    [orgId, entity, id],
  );

export async function one(
  db: Queryable,
  table: string,
  orgId: string,
  id: string,
): Promise<Json | undefined> {
  const [row] = await db.query<{ data: Json }>(`select data from ${table} where org_id = $1 and id = $2`, [
    orgId,
    id,
  ]);
  return row?.data;
}

/** A taxonomy term with its taxonomy nested, as the API shows terms. */
export async function termWithTaxonomy(db: Queryable, orgId: string, term: Json): Promise<Json> {
  const taxonomy =
    typeof term.taxonomy_id === 'string'
      ? await one(db, 'hsds_taxonomy', orgId, term.taxonomy_id)
      : undefined;
  return taxonomy ? { ...term, taxonomy_detail: taxonomy } : term;
}

/** A location with its addresses, phones, schedules, languages and accessibility. */
export async function fullLocation(db: Queryable, orgId: string, id: string): Promise<Json | undefined> {
  const location = await one(db, 'hsds_location', orgId, id);
  if (!location) return undefined;
  const [addresses, phones, schedules, languages, accessibility] = await Promise.all([
    byLink(db, 'hsds_address', orgId, 'location_id', id),
    byLink(db, 'hsds_phone', orgId, 'location_id', id),
    byLink(db, 'hsds_schedule', orgId, 'location_id', id),
    byLink(db, 'hsds_language', orgId, 'location_id', id),
    extras(db, orgId, 'accessibility', 'location_id', id),
  ]);
  return { ...location, addresses, phones, schedules, languages, accessibility };
}

/** A service with everything linked to it, nested as in the official service_full example. */
export async function fullService(db: Queryable, orgId: string, id: string): Promise<Json | undefined> {
  const service = await one(db, 'hsds_service', orgId, id);
  if (!service) return undefined;
  const link = (table: string) => byLink(db, table, orgId, 'service_id', id);
  const [phones, schedules, areas, sals, languages, costs, attributes, funding, documents, contacts] =
    await Promise.all([
      link('hsds_phone'),
      link('hsds_schedule'),
      link('hsds_service_area'),
      link('hsds_service_at_location'),
      link('hsds_language'),
      link('hsds_cost_option'),
      byLink(db, 'hsds_attribute', orgId, 'link_id', id),
      extras(db, orgId, 'funding', 'service_id', id),
      extras(db, orgId, 'required_document', 'service_id', id),
      extras(db, orgId, 'contact', 'service_id', id),
    ]);
  const organization =
    typeof service.organization_id === 'string'
      ? await one(db, 'hsds_organization', orgId, service.organization_id)
      : undefined;
  return {
    ...service,
    phones,
    schedules,
    service_areas: areas,
    service_at_locations: await Promise.all(
      sals.map(async (sal) => ({
        ...sal,
        phones: await byLink(db, 'hsds_phone', orgId, 'service_at_location_id', String(sal.id)),
        schedules: await byLink(db, 'hsds_schedule', orgId, 'service_at_location_id', String(sal.id)),
        ...(typeof sal.location_id === 'string'
          ? { location: await fullLocation(db, orgId, sal.location_id) }
          : {}),
      })),
    ),
    languages,
    cost_options: costs,
    attributes: await Promise.all(
      attributes.map(async (a) => {
        const term =
          typeof a.taxonomy_term_id === 'string'
            ? await one(db, 'hsds_taxonomy_term', orgId, a.taxonomy_term_id)
            : undefined;
        return term ? { ...a, taxonomy_term: await termWithTaxonomy(db, orgId, term) } : a;
      }),
    ),
    funding,
    required_documents: documents,
    contacts,
    ...(organization ? { organization } : {}),
  };
}
