import type { Queryable } from '../../db/types.js';
import { buildEntries, type ServiceBundle } from './entry.js';

type Accepted = Map<string, Map<string, Record<string, unknown>>>;
const CHUNK = 1000;

/** The services whose search entries an import may have changed. */
export async function servicesTouchedBy(tx: Queryable, orgId: string, accepted: Accepted): Promise<string[]> {
  const ids = (entity: string, field = 'id') =>
    [...(accepted.get(entity)?.values() ?? [])].flatMap((r) =>
      typeof r[field] === 'string' ? [r[field]] : [],
    );
  const services = [
    ...ids('service'),
    ...['service_at_location', 'phone', 'schedule', 'language', 'cost_option', 'service_area'].flatMap((e) =>
      ids(e, 'service_id'),
    ),
    ...ids('attribute', 'link_id'),
  ];
  const locations = [
    ...ids('location'),
    ...['address', 'phone', 'schedule', 'language'].flatMap((e) => ids(e, 'location_id')),
  ];
  const sals = [
    ...ids('service_at_location'),
    ...ids('phone', 'service_at_location_id'),
    ...ids('schedule', 'service_at_location_id'),
  ];
  const orgs = [...ids('organization'), ...ids('phone', 'organization_id')];
  const rows = await tx.query<{ id: string }>(
    `select id from hsds_service where org_id = $1 and (id = any($2::text[]) or organization_id = any($5::text[]))
     union select service_id from hsds_service_at_location
      where org_id = $1 and service_id is not null and (location_id = any($3::text[]) or id = any($4::text[]))
     union select link_id from hsds_attribute where org_id = $1 and link_id is not null and taxonomy_term_id = any($6::text[])`,
    [orgId, services, locations, sals, orgs, ids('taxonomy_term')],
  );
  return rows.map((r) => r.id);
}

/** Rebuilds the search entries of some services (all of the organization's when omitted). */
export async function rebuildEntries(
  tx: Queryable,
  orgId: string,
  serviceIds?: string[],
  progress: (done: number, total: number) => void = () => {},
): Promise<void> {
  const ids =
    serviceIds ??
    (await tx.query<{ id: string }>('select id from hsds_service where org_id = $1', [orgId])).map(
      (r) => r.id,
    );
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const entries = buildEntries(await loadBundles(tx, orgId, chunk));
    // A place that moved to another service keeps its id: clear it by id as well as by service.
    for (const table of ['directory_entry', 'directory_card']) {
      await tx.query(
        `delete from ${table} where org_id = $1 and (service_id = any($2::text[]) or id = any($3::text[]))`,
        [orgId, chunk, entries.map((e) => e.id)],
      );
    }
    if (entries.length > 0) await insertEntries(tx, orgId, entries);
    progress(Math.min(i + CHUNK, ids.length), ids.length);
  }
}

type Row = Record<string, unknown> & { data: Record<string, unknown> };

async function loadBundles(tx: Queryable, orgId: string, ids: string[]): Promise<ServiceBundle[]> {
  const services = await tx.query<
    Row & { id: string; last_verified_at: string | null; org: Record<string, unknown> | null }
  >(
    `select s.id, s.data, s.last_verified_at, o.data as org from hsds_service s
       left join hsds_organization o on o.org_id = s.org_id and o.id = s.organization_id
      where s.org_id = $1 and s.id = any($2::text[])`,
    [orgId, ids],
  );
  const sals = await tx.query<
    Row & {
      id: string;
      service_id: string;
      location_id: string | null;
      location: Record<string, unknown> | null;
      address: Record<string, unknown> | null;
    }
  >(
    `select sal.id, sal.service_id, sal.location_id, sal.data, l.data as location,
            (select a.data from hsds_address a where a.org_id = sal.org_id and a.location_id = sal.location_id
              order by (a.data->>'address_type' = 'physical') desc, a.id limit 1) as address
       from hsds_service_at_location sal
       left join hsds_location l on l.org_id = sal.org_id and l.id = sal.location_id
      where sal.org_id = $1 and sal.service_id = any($2::text[])`,
    [orgId, ids],
  );
  const salIds = sals.map((s) => s.id);
  const locIds = sals.flatMap((s) => (s.location_id ? [s.location_id] : []));
  const orgIds = services.flatMap((s) =>
    typeof s.data.organization_id === 'string' ? [s.data.organization_id] : [],
  );
  const q = (sql: string, params: unknown[]) => tx.query<Row>(sql, [orgId, ids, ...params]);
  const [schedules, languages, phones, costs, terms] = await Promise.all([
    q(
      `select data from hsds_schedule where org_id = $1 and (service_id = any($2::text[])
         or service_at_location_id = any($3::text[]) or location_id = any($4::text[]))`,
      [salIds, locIds],
    ),
    q(
      'select data from hsds_language where org_id = $1 and (service_id = any($2::text[]) or location_id = any($3::text[]))',
      [locIds],
    ),
    q(
      `select data from hsds_phone where org_id = $1 and (service_id = any($2::text[])
         or service_at_location_id = any($3::text[]) or location_id = any($4::text[]) or organization_id = any($5::text[]))`,
      [salIds, locIds, orgIds],
    ),
    tx.query<Row>('select data from hsds_cost_option where org_id = $1 and service_id = any($2::text[])', [
      orgId,
      ids,
    ]),
    tx.query<{ link_id: string; name: string | null; code: string | null }>(
      `select a.link_id, t.data->>'name' as name, t.data->>'code' as code from hsds_attribute a
         join hsds_taxonomy_term t on t.org_id = a.org_id and t.id = a.taxonomy_term_id
        where a.org_id = $1 and a.link_id = any($2::text[])`,
      [orgId, ids],
    ),
  ]);
  // Index every linked row by each id it links to, so a service picks its own rows without a scan.
  const index = (rows: Row[], fields: string[]) => {
    const map = new Map<string, Row['data'][]>();
    for (const r of rows) {
      for (const f of fields) {
        const k = r.data[f];
        if (typeof k === 'string') map.set(`${f}:${k}`, [...(map.get(`${f}:${k}`) ?? []), r.data]);
      }
    }
    return (links: [string, unknown][]) => [
      ...new Set(links.flatMap(([f, v]) => (typeof v === 'string' ? (map.get(`${f}:${v}`) ?? []) : []))),
    ];
  };
  const scheduleOf = index(schedules, ['service_id', 'service_at_location_id', 'location_id']);
  const languageOf = index(languages, ['service_id', 'location_id']);
  const phoneOf = index(phones, ['service_id', 'service_at_location_id', 'location_id', 'organization_id']);
  const costOf = index(costs, ['service_id']);
  const salsBy = new Map<string, typeof sals>();
  for (const sal of sals) salsBy.set(sal.service_id, [...(salsBy.get(sal.service_id) ?? []), sal]);
  const termsBy = new Map<string, typeof terms>();
  for (const t of terms) termsBy.set(t.link_id, [...(termsBy.get(t.link_id) ?? []), t]);
  return services.map((s) => {
    const mine = salsBy.get(s.id) ?? [];
    const links: [string, unknown][] = [
      ['service_id', s.id],
      ['organization_id', s.data.organization_id],
      ...mine.flatMap((sal): [string, unknown][] => [
        ['service_at_location_id', sal.id],
        ['location_id', sal.location_id],
      ]),
    ];
    return {
      service: s.data,
      organization: s.org,
      lastVerifiedAt: s.last_verified_at,
      sites: mine.map((sal) => ({
        id: sal.id,
        locationId: sal.location_id,
        location: sal.location,
        address: sal.address,
      })),
      schedules: scheduleOf(links),
      languages: languageOf(links),
      phones: phoneOf(links),
      costs: costOf(links),
      terms: termsBy.get(s.id) ?? [],
    };
  });
}

// The document's lexemes carry no positions, so no weights either: ts_rank counts the lexemes
// an entry holds, which is what ranking.ts relies on to find a page level by level.
async function insertEntries(
  tx: Queryable,
  orgId: string,
  entries: ReturnType<typeof buildEntries>,
): Promise<void> {
  const col = <K extends keyof (typeof entries)[number]>(k: K) => entries.map((e) => e[k]);
  await tx.query(
    `insert into directory_entry (org_id, id, service_id, location_id, name_folded, document, categories,
        languages, cost, min_age, max_age, latitude, longitude, postal_code, week_hours, last_verified_at)
     select $1, id, sid, lid, folded,
            setweight(array_to_tsvector(string_to_array(da, ' ')), 'A') ||
            setweight(array_to_tsvector(string_to_array(db, ' ')), 'B') ||
            setweight(array_to_tsvector(string_to_array(dc, ' ')), 'C'),
            string_to_array(cats, ' '), string_to_array(langs, ' '), cost, mina, maxa, lat, lng, pc,
            wh::int4multirange, lv::timestamptz
       from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::numeric[], $13::numeric[], $14::float8[], $15::float8[],
                   $16::text[], $17::text[], $18::text[])
         as t(id, sid, lid, folded, da, db, dc, cats, langs, cost, mina, maxa, lat, lng, pc, wh, lv)`,
    [
      orgId,
      col('id'),
      col('serviceId'),
      col('locationId'),
      col('nameFolded'),
      col('docA'),
      col('docB'),
      col('docC'),
      col('needs'),
      col('languages'),
      col('cost'),
      col('minAge'),
      col('maxAge'),
      col('latitude'),
      col('longitude'),
      col('postalCode'),
      col('weekHours'),
      col('lastVerifiedAt'),
    ],
  );
  await tx.query(
    `insert into directory_card (org_id, id, service_id, card)
     select $1, id, sid, card::jsonb from unnest($2::text[], $3::text[], $4::text[]) as t(id, sid, card)`,
    [orgId, col('id'), col('serviceId'), col('card')],
  );
}
