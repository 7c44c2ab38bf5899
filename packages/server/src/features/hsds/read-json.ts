import type { SourcedRecord } from './entities.js';
import { type ReadResult, readTabularJson } from './read-tabular.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * How nested HSDS JSON hangs together: for a parent entity, each array or
 * object field names the child entity and the child field that points back.
 * `up` marks a child the parent points to instead (service.organization_id).
 */
const children: Record<string, Record<string, { entity: string; link?: string; up?: string }>> = {
  service: {
    phones: { entity: 'phone', link: 'service_id' },
    schedules: { entity: 'schedule', link: 'service_id' },
    service_areas: { entity: 'service_area', link: 'service_id' },
    service_at_locations: { entity: 'service_at_location', link: 'service_id' },
    languages: { entity: 'language', link: 'service_id' },
    organization: { entity: 'organization', up: 'organization_id' },
    funding: { entity: 'funding', link: 'service_id' },
    cost_options: { entity: 'cost_option', link: 'service_id' },
    program: { entity: 'program', up: 'program_id' },
    required_documents: { entity: 'required_document', link: 'service_id' },
    contacts: { entity: 'contact', link: 'service_id' },
  },
  organization: {
    funding: { entity: 'funding', link: 'organization_id' },
    contacts: { entity: 'contact', link: 'organization_id' },
    phones: { entity: 'phone', link: 'organization_id' },
    locations: { entity: 'location', link: 'organization_id' },
    programs: { entity: 'program', link: 'organization_id' },
    organization_identifiers: { entity: 'organization_identifier', link: 'organization_id' },
    services: { entity: 'service', link: 'organization_id' },
  },
  location: {
    languages: { entity: 'language', link: 'location_id' },
    addresses: { entity: 'address', link: 'location_id' },
    contacts: { entity: 'contact', link: 'location_id' },
    accessibility: { entity: 'accessibility', link: 'location_id' },
    phones: { entity: 'phone', link: 'location_id' },
    schedules: { entity: 'schedule', link: 'location_id' },
  },
  service_at_location: {
    contacts: { entity: 'contact', link: 'service_at_location_id' },
    phones: { entity: 'phone', link: 'service_at_location_id' },
    schedules: { entity: 'schedule', link: 'service_at_location_id' },
    location: { entity: 'location', up: 'location_id' },
    service: { entity: 'service', up: 'service_id' },
  },
  contact: { phones: { entity: 'phone', link: 'contact_id' } },
  phone: { languages: { entity: 'language', link: 'phone_id' } },
  attribute: { taxonomy_term: { entity: 'taxonomy_term', up: 'taxonomy_term_id' } },
  taxonomy_term: { taxonomy_detail: { entity: 'taxonomy', up: 'taxonomy_id' } },
};

/** Which entity a top-level object is, from the fields only it has. */
function kindOf(o: Json): string | undefined {
  if ('location_type' in o) return 'location';
  if ('service' in o || ('location' in o && !('status' in o))) return 'service_at_location';
  if ('status' in o) return 'service';
  if ('services' in o || 'website' in o || 'organization_identifiers' in o || 'year_incorporated' in o)
    return 'organization';
  if ('taxonomy_detail' in o || 'parent_id' in o || 'term_uri' in o || 'taxonomy_id' in o || 'code' in o)
    return 'taxonomy_term';
  if ('name' in o && 'description' in o) return 'taxonomy';
  return undefined;
}

function flatten(entity: string, o: Json, path: string, file: string, out: SourcedRecord[]): void {
  const record: Json = {};
  const rules = children[entity] ?? {};
  const later: (() => void)[] = [];
  for (const [key, value] of Object.entries(o)) {
    const rule = rules[key];
    if (key === 'attributes' && Array.isArray(value)) {
      value.forEach((a, i) => {
        if (!isObject(a)) return;
        later.push(() =>
          flatten(
            'attribute',
            { link_id: o.id, link_entity: entity, ...a },
            `${path}.attributes[${i}]`,
            file,
            out,
          ),
        );
      });
    } else if (key === 'metadata' && Array.isArray(value)) {
      value.forEach((m, i) => {
        if (!isObject(m)) return;
        later.push(() =>
          flatten(
            'metadata',
            { resource_id: o.id, resource_type: entity, ...m },
            `${path}.metadata[${i}]`,
            file,
            out,
          ),
        );
      });
    } else if (rule && Array.isArray(value)) {
      value.forEach((child, i) => {
        if (!isObject(child)) return;
        const linked = rule.link ? { [rule.link]: o.id, ...child } : child;
        later.push(() => flatten(rule.entity, linked, `${path}.${key}[${i}]`, file, out));
      });
    } else if (rule && isObject(value)) {
      if (rule.up && value.id !== undefined) record[rule.up] ??= value.id;
      later.push(() => flatten(rule.entity, value, `${path}.${key}`, file, out));
    } else if (!Array.isArray(value) && !isObject(value)) {
      record[key] = value;
    }
  }
  // A nested parent's own value wins over the link a child implied.
  for (const [k, v] of Object.entries(o)) if (!Array.isArray(v) && !isObject(v)) record[k] = v;
  out.push({ entity, record, source: { file, row: path } });
  for (const run of later) run();
}

/**
 * Reads HSDS JSON in any of the official example shapes: one entity, a page
 * (`contents`), an array, or the tabular form as JSON. The API's root
 * document (`version`, `openapi_url`) holds no records and gives none.
 */
export function readJson(value: unknown, file: string): ReadResult {
  const out: SourcedRecord[] = [];
  const result = (): ReadResult => ({ records: out, rejected: [], merge: true });
  if (isObject(value) && Object.keys(value).some((k) => k.endsWith('.csv')))
    return readTabularJson(value, file);
  const items = Array.isArray(value)
    ? value
    : isObject(value) && Array.isArray(value.contents)
      ? value.contents
      : [value];
  const base = Array.isArray(value) ? '' : isObject(value) && 'contents' in value ? 'contents' : '';
  items.forEach((item, i) => {
    const path = base || Array.isArray(value) ? `${base}[${i}]` : '(root)';
    if (!isObject(item)) {
      out.push({ entity: 'service', record: { value: item }, source: { file, row: path } });
      return;
    }
    if ('openapi_url' in item && 'version' in item) return;
    const kind = kindOf(item);
    if (!kind) {
      out.push({ entity: 'service', record: item, source: { file, row: path } });
      return;
    }
    flatten(kind, item, path, file, out);
  });
  return result();
}
