import {
  type DirectoryResult,
  type DirectorySearchQuery,
  type DirectorySearchResponse,
  isOpenAt,
  minuteOfWeek,
  needsOfFilter,
  PuenteError,
} from '@puente/core';
import type { Database, Queryable } from '../../db/types.js';
import { programSettings } from '../settings/queries.js';
import type { Card } from './entry.js';
import { languageCode } from './languages.js';
import { LEVELS_DEPTH, pageSql, RING_KM, TOTAL_CAP } from './ranking.js';
import { type Words as RankedWords, rankingOf } from './relevance.js';
import { directorySettings } from './settings.js';
import { programSynonyms } from './synonyms.js';

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
  open_flags: number;
  total: number;
}

type Point = { lat: number; lng: number };

/** "Within RING_KM of the point" as an index can use it, or undefined where a box cannot hold the circle. */
function ringConditions(point: Point, km: string, p: (v: unknown) => string): string[] | undefined {
  // Generous on purpose: every entry within RING_KM must fall inside the box.
  const dLat = RING_KM / 111;
  const cosMin = Math.cos((Math.min(90, Math.abs(point.lat) + dLat) * Math.PI) / 180);
  if (cosMin < 0.05) return undefined;
  const dLng = dLat / cosMin;
  if (Math.abs(point.lng) + dLng > 180) return undefined;
  return [
    `e.latitude between ${p(point.lat - dLat)} and ${p(point.lat + dLat)}`,
    `e.longitude between ${p(point.lng - dLng)} and ${p(point.lng + dLng)}`,
    `${km} <= ${p(RING_KM)}`,
  ];
}

/**
 * PGlite reads a large table's pages from its files again on every sequential scan (a small
 * bulk-read ring, not its buffer cache): there, the indexes always answer faster. On
 * PostgreSQL, a page that may look beyond the ring is planned the same way, without parallel
 * workers: the search document's lexemes come together (a concept's word brings its need's
 * token) but the planner reckons each on its own, and for a level such as "exactly one of
 * c_food_pantry, c_groceries, need_food" expected 18,406 of 100,000 entries where there are
 * none, so it read every entry in parallel (240-410 ms) where the GIN index answers in 3 ms.
 * Other pages are one round trip, as the settings cost three.
 */
function readPage(db: Database, sql: string, params: unknown[], mayLookFar: boolean): Promise<Row[]> {
  if (db.kind !== 'pglite' && !mayLookFar) return db.query<Row>(sql, params);
  return db.transaction(async (tx) => {
    await tx.query(
      `select set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`,
    );
    return tx.query<Row>(sql, params);
  });
}

/**
 * Search for CHWs: free text (stems, needs, typos), need, distance from a
 * point or postcode, language, cost, open now, age. Ranked by how well the
 * words match, discounted by distance when a point is given.
 */
export async function searchDirectory(
  db: Database,
  orgId: string,
  query: DirectorySearchQuery,
  now = new Date(),
): Promise<DirectorySearchResponse> {
  const [program, settings, synonyms, point] = await Promise.all([
    programSettings(db, orgId),
    directorySettings(db, orgId),
    query.q ? programSynonyms(db, orgId) : [],
    query.lat !== undefined && query.lng !== undefined
      ? { lat: query.lat, lng: query.lng }
      : query.postcode
        ? postcodePoint(db, orgId, query.postcode)
        : undefined,
  ]);
  const at = query.at ? new Date(query.at) : now;
  // Counted exactly up to TOTAL_CAP and always one past this page, so "show more" stays right.
  const cap = Math.max(TOTAL_CAP, query.offset + query.limit + 1);
  const staleBefore = new Date(at.getTime() - settings.staleAfterMonths * 30.44 * 86_400_000).toISOString();
  /** One query's SQL and parameters: the filters, then what `words` adds. */
  const run = (words: (p: (v: unknown) => string) => Words) => {
    const params: unknown[] = [orgId];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = ['e.org_id = $1'];
    let km: string | undefined;
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
    const w = words(p);
    const byLevel = w.levels && query.offset + query.limit <= LEVELS_DEPTH;
    // Within a small radius every match is near: ranking them all costs little.
    const wide = !query.radiusKm || query.radiusKm > RING_KM;
    const ring = point && km && byLevel && wide ? ringConditions(point, km, p) : undefined;
    const sql = pageSql({
      where,
      match: w.match,
      relevance: w.relevance,
      levels: w.levels && byLevel && (!km || ring) ? w.levels(p) : undefined,
      km,
      ring,
      limit: p(query.limit),
      offset: p(query.offset),
      depth: query.offset + query.limit,
      cap: p(cap),
      staleBefore: p(staleBefore),
    });
    return readPage(db, sql, params, ring !== undefined);
  };
  const ranking = query.q ? rankingOf(query.q, synonyms) : undefined;
  let rows: Row[];
  if (ranking) {
    rows = await run(ranking.words);
    if (rows.length === 0 && query.offset === 0 && ranking.letters) rows = await run(ranking.letters);
  } else {
    // A cast, not a bare constant: PostgreSQL reads a constant in ORDER BY as a column number.
    rows = await run(() => ({
      match: undefined,
      relevance: '1.0::float8',
      levels: () => ['true'],
    }));
  }
  const total = rows[0]?.total ?? 0;
  return {
    total,
    totalAtLeast: total >= cap,
    results: rows.map((r) => present(r, at, program.timeZone)),
  };
}

/** What the words add to a search (none: every entry, alike); levels are bound only when the page is found level by level. */
type Words = Omit<RankedWords, 'match'> & { match: string | undefined };

function present(r: Row, at: Date, timeZone: string): DirectoryResult {
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
    openFlags: r.open_flags,
  };
}
