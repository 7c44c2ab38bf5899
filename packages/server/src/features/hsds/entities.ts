/**
 * The HSDS 3.0 entities Puente keeps: which table holds each, which of its
 * fields are link ids the directory joins on, and its file in the tabular form.
 */
export interface EntitySpec {
  /** The HSDS name, also its schema file `spec/schema/<name>.json`. */
  name: string;
  /** Its file in the tabular (CSV) form. */
  file: string;
  /** Its own table, or undefined when it is kept whole in `hsds_extra`. */
  table?: string;
  /** Link fields copied into columns of the same name. */
  links: readonly string[];
}

const e = (name: string, file: string, table: string | undefined, links: readonly string[] = []) => ({
  name,
  file,
  ...(table ? { table } : {}),
  links,
});

/** In dependency order, the order of the official datapackage. */
export const entities: readonly EntitySpec[] = [
  e('organization', 'organizations.csv', 'hsds_organization'),
  e('program', 'programs.csv', undefined),
  e('service', 'services.csv', 'hsds_service', ['organization_id']),
  e('location', 'locations.csv', 'hsds_location', ['organization_id']),
  e('service_at_location', 'service_at_location.csv', 'hsds_service_at_location', [
    'service_id',
    'location_id',
  ]),
  e('address', 'addresses.csv', 'hsds_address', ['location_id', 'postal_code']),
  e('contact', 'contacts.csv', undefined),
  e('phone', 'phones.csv', 'hsds_phone', [
    'service_id',
    'location_id',
    'organization_id',
    'contact_id',
    'service_at_location_id',
  ]),
  e('schedule', 'schedules.csv', 'hsds_schedule', ['service_id', 'location_id', 'service_at_location_id']),
  e('service_area', 'service_areas.csv', 'hsds_service_area', ['service_id']),
  e('language', 'languages.csv', 'hsds_language', ['service_id', 'location_id', 'phone_id']),
  e('funding', 'funding.csv', undefined),
  e('cost_option', 'cost_options.csv', 'hsds_cost_option', ['service_id']),
  e('required_document', 'required_documents.csv', undefined),
  e('accessibility', 'accessibility.csv', undefined),
  e('taxonomy', 'taxonomies.csv', 'hsds_taxonomy'),
  e('taxonomy_term', 'taxonomy_terms.csv', 'hsds_taxonomy_term', ['taxonomy_id', 'parent_id']),
  e('attribute', 'attributes.csv', 'hsds_attribute', ['link_id', 'taxonomy_term_id']),
  e('organization_identifier', 'organization_identifiers.csv', undefined),
  e('metadata', 'metadata.csv', undefined),
  e('meta_table_description', 'meta_table_descriptions.csv', undefined),
];

export const entityByName = new Map(entities.map((x) => [x.name, x]));
export const entityByFile = new Map(entities.map((x) => [x.file, x]));

/** A flat HSDS record: one-to-one fields only, nested arrays and objects removed. */
export type HsdsRecord = Record<string, unknown> & { id: string };

/** Where a record came from, for the import report. */
export interface Source {
  file: string;
  row: string;
}

export interface SourcedRecord {
  entity: string;
  record: Record<string, unknown>;
  source: Source;
}
