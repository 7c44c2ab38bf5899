import { createHash } from 'node:crypto';
import {
  type DirectoryRowProblem,
  type DirectoryRowWarning,
  foldText,
  readHours,
  type SheetField,
} from '@puente/core';
import { languageCode } from '../directory/languages.js';

/** One service as a sheet row or the form gives it: the template's fields as text. */
export type ServiceText = Record<SheetField, string>;

/** The HSDS records one service becomes, by entity, with what was wrong or left out. */
export interface ServiceRecords {
  serviceId: string;
  /** Name and address folded: the same service in the next sheet updates this one. */
  key: string;
  hasPlace: boolean;
  records: Map<string, Record<string, unknown>[]>;
  problems: DirectoryRowProblem[];
  warnings: DirectoryRowWarning[];
}

/**
 * A row the check found ready, kept for the import as its text only: the records it becomes are
 * made again batch by batch as they are written (the same text gives the same records and ids),
 * so 20,000 rows wait as a few MB of text rather than a hundred MB of records.
 */
export interface ReadyService {
  serviceId: string;
  hasPlace: boolean;
  text: ServiceText;
}

/**
 * An id that stays the same for the same input, in UUID form as HSDS wants its ids: a re-import
 * of the same row writes over the same records instead of adding new ones.
 */
export function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u001f')).digest('hex');
  const variant = ((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The key of a row: its name and address as people would compare them. */
export const serviceKey = (name: string, address: string) => `${foldText(name)}|${foldText(address)}`;

const limits: Partial<Record<SheetField, number>> = {
  name: 200,
  description: 4000,
  phone: 40,
  address: 300,
  hours: 300,
  categories: 300,
  languages: 200,
  cost: 300,
  eligibility: 1000,
  website: 500,
  email: 200,
};

/** A list in a cell: commas, semicolons, slashes or "and"/"y" between items. */
const items = (text: string) =>
  text
    .split(/\s*(?:[,;/]|\s(?:y|and)\s)\s*/i)
    .map((s) => s.trim())
    .filter(Boolean);

/** "123 Main St, Austin, TX 78701" as HSDS's fields, or undefined when it cannot be split so. */
function splitAddress(text: string) {
  const parts = text.split(',').map((p) => p.trim());
  const last = /^([A-Za-z]{2})\.?\s+(\d{5}(?:-\d{4})?)$/.exec(parts.at(-1) ?? '');
  if (parts.length < 3 || !last) return undefined;
  return {
    address_1: parts.slice(0, -2).join(', '),
    city: parts.at(-2) ?? '',
    state_province: (last[1] ?? '').toUpperCase(),
    postal_code: last[2] ?? '',
  };
}

const knownLanguage = (name: string) => {
  const code = languageCode(name);
  return /^[a-z]{2,3}$/.test(code) ? code : undefined;
};

/** A website as people write it ("clinic.org", "www.clinic.org"): https is assumed. */
function website(text: string): string | undefined {
  const url = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.')
      ? u.href
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One service's text read into HSDS records: the service, its place (location, address, the link
 * between them), phone, schedules from the hours in words, languages, and categories as taxonomy
 * terms. `id` keeps an existing service's id (the form); a sheet row's id comes from its key.
 */
export function serviceRecords(text: ServiceText, id?: string): ServiceRecords {
  const t = Object.fromEntries(Object.entries(text).map(([k, v]) => [k, v.trim()])) as ServiceText;
  const problems: DirectoryRowProblem[] = [];
  const warnings: DirectoryRowWarning[] = [];
  if (t.name === '') problems.push('missingName');
  if (Object.entries(limits).some(([f, max]) => (t[f as SheetField]?.length ?? 0) > (max ?? 0)))
    problems.push('tooLong');
  const digits = t.phone.replace(/\D/g, '');
  if (t.phone !== '' && (digits.length < 7 || digits.length > 15)) problems.push('badPhone');
  const url = t.website === '' ? undefined : website(t.website);
  if (t.website !== '' && !url) problems.push('badWebsite');
  if (t.email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t.email)) problems.push('badEmail');

  const key = serviceKey(t.name, t.address);
  const serviceId = id ?? stableId('service', key);
  const sid = (...parts: string[]) => stableId(serviceId, ...parts);
  const records = new Map<string, Record<string, unknown>[]>();
  const add = (entity: string, record: Record<string, unknown>) =>
    records.set(entity, [...(records.get(entity) ?? []), record]);
  const some = (field: SheetField, value: string | undefined = t[field]) => (value ? value : undefined);

  add('service', {
    id: serviceId,
    name: t.name,
    status: 'active',
    ...(some('description') ? { description: t.description } : {}),
    ...(url ? { url } : {}),
    ...(some('email') ? { email: t.email } : {}),
    ...(some('cost') ? { fees_description: t.cost } : {}),
    ...(some('eligibility') ? { eligibility_description: t.eligibility } : {}),
  });
  const hasPlace = t.address !== '';
  if (hasPlace) {
    const location = sid('location');
    const split = splitAddress(t.address);
    if (!split) warnings.push('addressNotUnderstood');
    add('location', { id: location, name: t.name, location_type: 'physical' });
    add('address', {
      id: sid('address'),
      location_id: location,
      address_type: 'physical',
      country: 'US',
      ...(split ?? { address_1: t.address, city: '', state_province: '', postal_code: '' }),
    });
    add('service_at_location', { id: sid('site'), service_id: serviceId, location_id: location });
  }
  if (t.phone !== '') add('phone', { id: sid('phone'), service_id: serviceId, number: t.phone });

  const hours = readHours(t.hours);
  if (hours === undefined) warnings.push('hoursNotUnderstood');
  if (hours?.kind === 'open') {
    for (const [i, s] of hours.schedules.entries())
      add('schedule', { id: sid('schedule', String(i)), service_id: serviceId, freq: 'WEEKLY', ...s });
  } else if (t.hours !== '') {
    // Closed, or words Puente cannot read: kept as written, so the card still says them.
    add('schedule', { id: sid('schedule', '0'), service_id: serviceId, description: t.hours });
  }

  for (const name of items(t.languages)) {
    const code = knownLanguage(name);
    if (!code) warnings.push('languageNotUnderstood');
    add('language', {
      id: sid('language', foldText(name)),
      service_id: serviceId,
      name,
      ...(code ? { code } : {}),
    });
  }
  for (const name of items(t.categories)) {
    const term = stableId('category', foldText(name));
    add('taxonomy_term', { id: term, name, description: name });
    add('attribute', {
      id: sid('category', foldText(name)),
      link_id: serviceId,
      link_entity: 'service',
      taxonomy_term_id: term,
    });
  }
  return { serviceId, key, hasPlace, records, problems, warnings: [...new Set(warnings)] };
}
