import {
  documentLexemes,
  foldText,
  type Need,
  needsOfFilter,
  needsOfText,
  needToken,
  type Opening,
  type ScheduleLike,
  weeklyOpenings,
  weekRanges,
} from '@puente/core';
import { languageCode } from './languages.js';

type Json = Record<string, unknown>;

/** One service with everything its search entries show, as loaded from the HSDS tables. */
export interface ServiceBundle {
  service: Json;
  organization: Json | null;
  lastVerifiedAt: string | Date | null;
  sites: { id: string; locationId: string | null; location: Json | null; address: Json | null }[];
  schedules: Json[];
  languages: Json[];
  phones: Json[];
  costs: Json[];
  terms: { name: string | null; code: string | null }[];
}

/** What a search result shows without another query. */
export interface Card {
  name: string;
  organizationName: string | null;
  description: string | null;
  address: string | null;
  hours: Opening[];
  hoursNote: string | null;
  languages: string[];
  phone: string | null;
  howToApply: string | null;
  url: string | null;
  cost: 'free' | 'low' | null;
  minimumAge: number | null;
  maximumAge: number | null;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const short = (v: string | null, max: number) => (v && v.length > max ? `${v.slice(0, max - 1)}…` : v);

/** Free when a cost option is 0 or the fees say so; low for a sliding scale or a small fee. */
function costOf(service: Json, costs: Json[]): 'free' | 'low' | null {
  const amounts = costs.flatMap((c) => (typeof c.amount === 'number' ? [c.amount] : []));
  const text = foldText(
    [service.fees_description, service.fees].filter((v) => typeof v === 'string').join(' '),
  );
  if (amounts.includes(0) || /\b(free|gratis|gratuito|no cost|sin costo|no charge)\b/.test(text))
    return 'free';
  if (/\b(sliding|low cost|bajo costo|escala|reduced|reducido)\b/.test(text) || amounts.some((a) => a <= 20))
    return 'low';
  return null;
}

function needsOf(service: Json, terms: ServiceBundle['terms']): Need[] {
  const fromTerms = new Set<Need>();
  for (const t of terms) {
    for (const v of [t.name, t.code]) {
      if (!v) continue;
      for (const n of [...needsOfFilter(v), ...needsOfText(v)]) fromTerms.add(n);
    }
  }
  if (fromTerms.size > 0) return [...fromTerms];
  // Without taxonomy terms, the service's own name says what it is; descriptions mention too much.
  return needsOfText([service.name, service.alternate_name].filter((v) => typeof v === 'string').join(' '));
}

const addressLine = (a: Json | null) =>
  a
    ? [a.address_1, a.address_2, a.city, a.state_province, a.postal_code].map(str).filter(Boolean).join(', ')
    : null;

/** Builds the search entries of services: one per place the service is given, or one without a place. */
export function buildEntries(bundles: ServiceBundle[]) {
  return bundles.flatMap((b) => {
    const s = b.service;
    const status = str(s.status);
    if (status === 'inactive' || status === 'defunct') return [];
    const needs = needsOf(s, b.terms);
    const orgName = str(b.organization?.name);
    // Beside its stems, each part holds the lexicon's concepts it names, so a search in
    // either language finds it ("desalojo" finds "eviction").
    const part = documentLexemes;
    const docA = [...new Set([...part(String(s.name ?? '')), ...needs.map(needToken)])];
    const docB = part([s.alternate_name, orgName, ...b.terms.map((t) => t.name)].filter(Boolean).join(' '));
    const docC = part(String(s.description ?? '').slice(0, 2000));
    const cost = costOf(s, b.costs);
    const sites =
      b.sites.length > 0 ? b.sites : [{ id: String(s.id), locationId: null, location: null, address: null }];
    return sites.map((site) => {
      const mine = (r: Json, links: [string, unknown][]) => links.some(([k, v]) => v !== null && r[k] === v);
      const pick = (rows: Json[], order: [string, unknown][]) => {
        for (const link of order) {
          const found = rows.filter((r) => mine(r, [link]));
          if (found.length > 0) return found;
        }
        return [];
      };
      const schedules = pick(b.schedules, [
        ['service_at_location_id', site.id],
        ['service_id', s.id],
        ['location_id', site.locationId],
      ]);
      const phones = pick(b.phones, [
        ['service_at_location_id', site.id],
        ['service_id', s.id],
        ['location_id', site.locationId],
        ['organization_id', s.organization_id],
      ]);
      const langs = b.languages.filter((l) =>
        mine(l, [
          ['service_id', s.id],
          ['location_id', site.locationId],
        ]),
      );
      const openings = weeklyOpenings(schedules as ScheduleLike[]);
      const ranges = weekRanges(openings);
      const lat = num(site.location?.latitude);
      const lng = num(site.location?.longitude);
      const card: Card = {
        name: String(s.name ?? ''),
        organizationName: orgName,
        description: short(str(s.description), 400),
        address: addressLine(site.address),
        hours: openings,
        hoursNote: str(schedules[0]?.description),
        languages: [...new Set(langs.map((l) => str(l.name) ?? str(l.code)).filter((v): v is string => !!v))],
        phone: str(phones[0]?.number),
        howToApply: str(s.application_process),
        url: str(s.url),
        cost,
        minimumAge: num(s.minimum_age),
        maximumAge: num(s.maximum_age),
      };
      const postal = str(site.address?.postal_code);
      return {
        id: site.id,
        serviceId: String(s.id),
        locationId: site.locationId,
        name: card.name,
        nameFolded: foldText(`${card.name} ${orgName ?? ''}`),
        docA: docA.join(' '),
        docB: docB.join(' '),
        docC: docC.join(' '),
        needs: needs.join(' '),
        languages: [
          ...new Set(
            langs.flatMap((l) =>
              [str(l.code), str(l.name)].filter((v): v is string => !!v).map(languageCode),
            ),
          ),
        ].join(' '),
        cost,
        minAge: card.minimumAge,
        maxAge: card.maximumAge,
        latitude: lat !== null && lng !== null ? lat : null,
        longitude: lat !== null && lng !== null ? lng : null,
        postalCode: postal ? postal.toUpperCase().replace(/\s+/g, '') : null,
        weekHours: ranges.length > 0 ? `{${ranges.map(([a, z]) => `[${a},${z})`).join(',')}}` : null,
        card: JSON.stringify(card),
        lastVerifiedAt: b.lastVerifiedAt ? new Date(b.lastVerifiedAt).toISOString() : null,
      };
    });
  });
}
