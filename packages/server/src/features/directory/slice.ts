import { createHash } from 'node:crypto';
import { type DirectorySlice, type DirectorySliceEntry, SLICE_MAX_PLACES } from '@puente/core';
import type { Queryable } from '../../db/types.js';
import { programSettings } from '../settings/queries.js';
import type { Card } from './entry.js';
import { directorySettings } from './settings.js';
import { programSynonyms } from './synonyms.js';

interface Row {
  id: string;
  serviceId: string;
  locationId: string | null;
  card: Card;
  needs: string[];
  languageCodes: string[];
  latitude: number | null;
  longitude: number | null;
  postalCode: string | null;
  lastVerifiedAt: string | Date | null;
  lexemes: string[];
  openFlags: number;
}

/**
 * The program's directory as a phone keeps it for searching offline: every
 * place's card and the words the search matches, when the directory is small
 * enough to carry. Unchanged since the version the phone holds, only that is said.
 */
export async function directorySlice(
  db: Queryable,
  orgId: string,
  since: string | undefined,
): Promise<DirectorySlice> {
  const [count] = await db.query<{ places: number }>(
    'select count(*)::int as places from directory_entry where org_id = $1',
    [orgId],
  );
  const places = count?.places ?? 0;
  const [program, settings, synonyms] = await Promise.all([
    programSettings(db, orgId),
    directorySettings(db, orgId),
    programSynonyms(db, orgId),
  ]);
  const about = { places, staleAfterMonths: settings.staleAfterMonths, timeZone: program.timeZone, synonyms };
  if (places > SLICE_MAX_PLACES) {
    return { version: 'too-large', unchanged: since === 'too-large', tooLarge: true, ...about, entries: [] };
  }
  const rows = await db.query<Row>(
    `select e.id, e.service_id as "serviceId", e.location_id as "locationId", d.card, e.categories as needs,
            e.languages as "languageCodes", e.latitude, e.longitude, e.postal_code as "postalCode",
            e.last_verified_at as "lastVerifiedAt", tsvector_to_array(e.document) as lexemes,
            (select count(*)::int from directory_flag f
              where f.org_id = e.org_id and f.resolved_at is null and f.service_id = e.service_id) as "openFlags"
       from directory_entry e join directory_card d on d.org_id = e.org_id and d.id = e.id
      where e.org_id = $1 order by e.id`,
    [orgId],
  );
  const entries = rows.map(toEntry);
  // Whatever the phone would show or find differently makes a new version: cards, flags, settings, synonyms.
  const version = createHash('sha256')
    .update(JSON.stringify([about.staleAfterMonths, about.timeZone, entries, synonyms]))
    .digest('base64url')
    .slice(0, 32);
  if (since === version) return { version, unchanged: true, tooLarge: false, ...about, entries: [] };
  return { version, unchanged: false, tooLarge: false, ...about, entries };
}

function toEntry(r: Row): DirectorySliceEntry {
  const c = r.card;
  return {
    id: r.id,
    serviceId: r.serviceId,
    locationId: r.locationId,
    name: c.name,
    organizationName: c.organizationName,
    description: c.description,
    address: c.address,
    hours: c.hours,
    hoursNote: c.hoursNote,
    languages: c.languages,
    phone: c.phone,
    howToApply: c.howToApply,
    url: c.url,
    needs: r.needs,
    cost: c.cost,
    minimumAge: c.minimumAge,
    maximumAge: c.maximumAge,
    lastVerifiedAt: r.lastVerifiedAt ? new Date(r.lastVerifiedAt).toISOString() : null,
    openFlags: r.openFlags,
    lexemes: r.lexemes,
    languageCodes: r.languageCodes,
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    postalCode: r.postalCode,
  };
}
