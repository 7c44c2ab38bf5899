import { z } from 'zod';
import { PuenteError } from '../errors/problem.js';
import { isOpenAt } from './hours.js';
import { needsOfFilter } from './needs.js';
import { queryTerms, termLexemes } from './query.js';
import { DirectoryResult, type DirectorySearchResponse } from './schemas.js';
import { foldText, wordDistance } from './text.js';

/**
 * The directory a phone keeps for searching without signal: what each result
 * shows, and what the search reads (the server's own lexemes, so both sides
 * match the same words). Services only: nothing about any person.
 */
export const DirectorySliceEntry = DirectoryResult.omit({ distanceKm: true, openNow: true, stale: true })
  .extend({
    lexemes: z.array(z.string()),
    languageCodes: z.array(z.string()),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    postalCode: z.string().nullable(),
  })
  .meta({ id: 'DirectorySliceEntry' });
export type DirectorySliceEntry = z.infer<typeof DirectorySliceEntry>;

export const DirectorySlice = z
  .object({
    /** Changes whenever anything the phone keeps changes; send it back as `since`. */
    version: z.string(),
    /** `since` was this version: nothing else is sent. */
    unchanged: z.boolean(),
    /** The directory is larger than a phone keeps: no entries, and search needs the network. */
    tooLarge: z.boolean(),
    /** Places (a service at a location) in the program's directory. */
    places: z.number().int(),
    staleAfterMonths: z.number().int(),
    timeZone: z.string(),
    entries: z.array(DirectorySliceEntry),
    /** The program's own synonyms, searched as the server searches them (absent from older slices). */
    synonyms: z.array(z.object({ term: z.string(), means: z.string() })).optional(),
  })
  .meta({ id: 'DirectorySlice' });
export type DirectorySlice = z.infer<typeof DirectorySlice>;

export const DirectorySliceQuery = z.strictObject({ since: z.string().max(100).optional() });

/** At most this many places go to a phone; a larger directory is searched online only. */
export const SLICE_MAX_PLACES = 2000;

/** What the phone's search can be asked: the Find help form, as the server's search takes it. */
export interface SliceQuery {
  q?: string | undefined;
  need?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  postcode?: string | undefined;
  radiusKm?: number | undefined;
  language?: string | undefined;
  cost?: 'free' | 'low' | undefined;
  openNow?: boolean | undefined;
  age?: number | undefined;
  limit: number;
  offset: number;
}

const kmBetween = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
};

const normalPostcode = (p: string) => p.toUpperCase().replace(/\s+/g, '');
const languageOf = (v: string) => v.toLowerCase().trim().split(/[-_]/)[0] ?? '';

function pointOf(entries: readonly DirectorySliceEntry[], query: SliceQuery) {
  if (query.lat !== undefined && query.lng !== undefined) return { lat: query.lat, lng: query.lng };
  if (!query.postcode) return undefined;
  const code = normalPostcode(query.postcode);
  const here = entries.filter((e) => e.postalCode === code && e.latitude !== null && e.longitude !== null);
  if (here.length === 0) throw new PuenteError(400, 'errors.unknownPostcode', { postcode: query.postcode });
  const mean = (f: (e: DirectorySliceEntry) => number) => here.reduce((s, e) => s + f(e), 0) / here.length;
  return { lat: mean((e) => e.latitude ?? 0), lng: mean((e) => e.longitude ?? 0) };
}

/** Whether a typed word is a typo of one of the name's words (the server compares trigrams). */
function nameMatches(folded: string, name: string): boolean {
  const typed = folded.split(' ').filter((w) => w.length >= 3);
  const own = foldText(name).split(' ');
  return (
    typed.length > 0 &&
    typed.every((w) => own.some((o) => wordDistance(w, o) <= (w.length >= 6 ? 2 : 1) || o.startsWith(w)))
  );
}

/**
 * Searches the phone's copy of the directory the way the server searches the
 * whole: the same words (stems, needs, typos), filters and order (entries
 * holding more of the words first, discounted by distance, then nearest, then
 * by id). Misspelt names are matched letter by letter when no word matches.
 * @example searchSlice(slice, { q: 'despensa', limit: 10, offset: 0 }).results[0]?.name // 'Community Food Pantry'
 */
export function searchSlice(
  slice: Pick<DirectorySlice, 'entries' | 'staleAfterMonths' | 'timeZone' | 'synonyms'>,
  query: SliceQuery,
  now = new Date(),
): DirectorySearchResponse {
  const point = pointOf(slice.entries, query);
  const needs = query.need ? needsOfFilter(query.need) : undefined;
  const language = query.language ? languageOf(query.language) : undefined;
  const kept = slice.entries.flatMap((e) => {
    if (needs && !e.needs.some((n) => (needs as string[]).includes(n))) return [];
    if (language && !e.languageCodes.includes(language)) return [];
    if (query.cost === 'free' && e.cost !== 'free') return [];
    if (query.cost === 'low' && e.cost === null) return [];
    if (query.age !== undefined) {
      if (e.minimumAge !== null && e.minimumAge > query.age) return [];
      if (e.maximumAge !== null && e.maximumAge < query.age) return [];
    }
    if (query.openNow && isOpenAt(e.hours, now, slice.timeZone) !== true) return [];
    const km =
      point && e.latitude !== null && e.longitude !== null
        ? kmBetween(point, { lat: e.latitude, lng: e.longitude })
        : null;
    if (point && query.radiusKm !== undefined && (km === null || km > query.radiusKm)) return [];
    return [{ e, km }];
  });

  const terms = query.q ? queryTerms(query.q, slice.synonyms) : undefined;
  const lexemes = terms ? termLexemes(terms) : [];
  let scored = kept.map(({ e, km }) => {
    const held = new Set(e.lexemes);
    const relevance = lexemes.length === 0 ? 1 : lexemes.filter((l) => held.has(l)).length;
    return { e, km, relevance };
  });
  if (lexemes.length > 0) {
    const matched = scored.filter((s) => s.relevance > 0);
    const folded = terms?.folded ?? '';
    scored =
      matched.length > 0 || query.offset > 0 || folded.length < 3
        ? matched
        : scored.filter((s) => nameMatches(folded, `${s.e.name} ${s.e.organizationName ?? ''}`));
  }
  const score = (s: (typeof scored)[number]) =>
    point ? s.relevance / (1 + (s.km ?? 1000) / 10) : s.relevance;
  scored.sort(
    (a, b) =>
      score(b) - score(a) ||
      (a.km ?? Number.POSITIVE_INFINITY) - (b.km ?? Number.POSITIVE_INFINITY) ||
      (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0),
  );
  const staleBefore = now.getTime() - slice.staleAfterMonths * 30.44 * 86_400_000;
  const results = scored
    .slice(query.offset, query.offset + query.limit)
    .map(({ e, km }) => present(e, km, now, slice.timeZone, staleBefore));
  return { results, total: scored.length, totalAtLeast: false };
}

function present(
  e: DirectorySliceEntry,
  km: number | null,
  now: Date,
  timeZone: string,
  staleBefore: number,
): DirectoryResult {
  const { lexemes: _l, languageCodes: _c, latitude: _a, longitude: _o, postalCode: _p, ...shown } = e;
  return {
    ...shown,
    distanceKm: km === null ? null : Math.round(km * 10) / 10,
    openNow: isOpenAt(e.hours, now, timeZone) ?? null,
    stale: e.lastVerifiedAt === null || new Date(e.lastVerifiedAt).getTime() < staleBefore,
  };
}
