import {
  type DirectoryResult,
  type DirectorySearchQuery,
  type DirectorySearchResponse,
  isOpenAt,
  minuteOfWeek,
  needsOfFilter,
  PuenteError,
  queryTerms,
  toTsquery,
} from '@puente/core';
import type { Queryable } from '../../db/types.js';
import { programSettings } from '../settings/queries.js';
import type { Card } from './entry.js';
import { languageCode } from './languages.js';
import { directorySettings } from './settings.js';

const KM_PER_DEGREE = 111.2;

/** Great-circle distance in km from ($lat, $lng) to the entry, in SQL. */
const distanceSql = (lat: string, lng: string) =>
  `(12742 * asin(sqrt(power(sin(radians(e.latitude - ${lat}) / 2), 2) +
     cos(radians(${lat})) * cos(radians(e.latitude)) * power(sin(radians(e.longitude - ${lng}) / 2), 2))))`;

/** The middle of the places in the directory that carry this postcode. */
async function postcodePoint(db: Queryable, orgId: string, postcode: string) {
  const [row] = await db.query<{ lat: number | null; lng: number | null }>(
    `select avg(latitude) as lat, avg(longitude) as lng from directory_entry
      where org_id = $1 and postal_code = $2 and latitude is not null`,
    [orgId, postcode.toUpperCase().replace(/\s+/g, '')],
  );
  if (row?.lat == null || row.lng == null) throw new PuenteError(400, 'errors.unknownPostcode', { postcode });
  return { lat: Number(row.lat), lng: Number(row.lng) };
}

interface Row {
  id: string;
  service_id: string;
  location_id: string | null;
  card: Card;
  categories: string[];
  km: number | null;
  last_verified_at: string | Date | null;
  stale: boolean;
  total: number;
}

/**
 * Search for CHWs: free text (stems, needs, typos), need, distance from a
 * point or postcode, language, cost, open now, age. Ranked by how well the
 * words match, discounted by distance when a point is given.
 */
export async function searchDirectory(
  db: Queryable,
  orgId: string,
  query: DirectorySearchQuery,
  now = new Date(),
): Promise<DirectorySearchResponse> {
  const [program, settings] = await Promise.all([programSettings(db, orgId), directorySettings(db, orgId)]);
  const at = query.at ? new Date(query.at) : now;
  const params: unknown[] = [orgId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = ['e.org_id = $1'];
  const point =
    query.lat !== undefined && query.lng !== undefined
      ? { lat: query.lat, lng: query.lng }
      : query.postcode
        ? await postcodePoint(db, orgId, query.postcode)
        : undefined;
  let km = 'null::float8';
  if (point) {
    const [lat, lng] = [p(point.lat), p(point.lng)];
    km = distanceSql(`${lat}::float8`, `${lng}::float8`);
    if (query.radiusKm) {
      const dLat = query.radiusKm / KM_PER_DEGREE;
      const dLng = dLat / Math.max(0.05, Math.cos((point.lat * Math.PI) / 180));
      where.push(`e.latitude between ${p(point.lat - dLat)} and ${p(point.lat + dLat)}`);
      where.push(`e.longitude between ${p(point.lng - dLng)} and ${p(point.lng + dLng)}`);
      where.push(`${km} <= ${p(query.radiusKm)}`);
    }
  }
  if (query.need) where.push(`e.categories && ${p(needsOfFilter(query.need))}::text[]`);
  if (query.language) where.push(`e.languages @> array[${p(languageCode(query.language))}::text]`);
  if (query.cost === 'free') where.push(`e.cost = 'free'`);
  if (query.cost === 'low') where.push(`e.cost in ('free', 'low')`);
  if (query.age !== undefined) {
    const age = p(query.age);
    where.push(`(e.min_age is null or e.min_age <= ${age}) and (e.max_age is null or e.max_age >= ${age})`);
  }
  if (query.openNow) where.push(`e.week_hours @> ${p(minuteOfWeek(at, program.timeZone))}::int4`);
  const staleBefore = p(
    new Date(at.getTime() - settings.staleAfterMonths * 30.44 * 86_400_000).toISOString(),
  );
  const [limit, offset] = [p(query.limit), p(query.offset)];
  const run = (match: string[], relevance: string, extra: unknown[] = []) => {
    // Twice as far away counts about as much as a weaker word match.
    const score = point ? `${relevance} / (1 + coalesce(${km}, 1000) / 10)` : relevance;
    // Rank narrow rows first and read the wide cards of one page only.
    return db.query<Row>(
      `with hits as materialized (
         select e.id, ${score} as score, ${km} as km from directory_entry e
          where ${[...where, ...match].join(' and ')}),
       top as (select * from hits order by score desc, km asc nulls last, id limit ${limit} offset ${offset})
       select e.id, e.service_id, e.location_id, d.card, e.categories, e.last_verified_at, top.km,
              coalesce(e.last_verified_at < ${staleBefore}::timestamptz, true) as stale,
              (select count(*) from hits) as total
         from top join directory_entry e on e.org_id = $1 and e.id = top.id
         join directory_card d on d.org_id = $1 and d.id = top.id
        order by top.score desc, top.km asc nulls last, top.id`,
      [...params, ...extra],
    );
  };
  const terms = query.q ? queryTerms(query.q) : undefined;
  const tsquery = terms ? toTsquery(terms) : undefined;
  let rows: Row[];
  if (terms && tsquery) {
    const n = params.length;
    rows = await run([`e.document @@ $${n + 1}::tsquery`], `ts_rank(e.document, $${n + 1}::tsquery)`, [
      tsquery,
    ]);
    // Misspelt names ("esperansa") match no stem: only then compare letters, which costs more.
    if (rows.length === 0 && query.offset === 0 && terms.folded.length >= 3) {
      rows = await run([`$${n + 1} <% e.name_folded`], `word_similarity($${n + 1}, e.name_folded)`, [
        terms.folded,
      ]);
    }
  } else {
    // A cast, not a bare constant: PostgreSQL reads a constant in ORDER BY as a column number.
    rows = await run([], '1.0::float8');
  }
  const flags = await openFlagCounts(
    db,
    orgId,
    rows.map((r) => r.service_id),
  );
  return {
    total: rows[0]?.total ?? 0,
    results: rows.map((r) => present(r, flags.get(r.service_id) ?? 0, at, program.timeZone)),
  };
}

async function openFlagCounts(db: Queryable, orgId: string, serviceIds: string[]) {
  if (serviceIds.length === 0) return new Map<string, number>();
  const rows = await db.query<{ service_id: string; n: number }>(
    `select service_id, count(*)::int as n from directory_flag
      where org_id = $1 and resolved_at is null and service_id = any($2::text[]) group by service_id`,
    [orgId, serviceIds],
  );
  return new Map(rows.map((r) => [r.service_id, r.n]));
}

function present(r: Row, openFlags: number, at: Date, timeZone: string): DirectoryResult {
  const c = r.card;
  return {
    id: r.id,
    serviceId: r.service_id,
    locationId: r.location_id,
    name: c.name,
    organizationName: c.organizationName,
    description: c.description,
    address: c.address,
    distanceKm: r.km === null ? null : Math.round(Number(r.km) * 10) / 10,
    hours: c.hours,
    hoursNote: c.hoursNote,
    openNow: isOpenAt(c.hours, at, timeZone) ?? null,
    languages: c.languages,
    phone: c.phone,
    howToApply: c.howToApply,
    url: c.url,
    needs: r.categories,
    cost: c.cost,
    minimumAge: c.minimumAge,
    maximumAge: c.maximumAge,
    lastVerifiedAt: r.last_verified_at ? new Date(r.last_verified_at).toISOString() : null,
    stale: r.stale,
    openFlags,
  };
}
