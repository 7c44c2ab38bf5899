import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Queryable } from '../../db/types.js';
import { spreadsheetSafe } from '../../http/spreadsheet.js';
import { entities } from './entities.js';
import { schemaDir, schemas } from './validate.js';

/** Tables as the tabular form names them: `{ "services.csv": [ {...} ] }`, the shape of the official tabular.json. */
export type TabularJson = Record<string, Record<string, unknown>[]>;

/** The whole directory of one organization in the tabular form, as JSON. */
export async function exportTabular(db: Queryable, orgId: string): Promise<TabularJson> {
  const out: TabularJson = {};
  for (const spec of entities) {
    const rows = spec.table
      ? await db.query<{ data: Record<string, unknown> }>(
          `select data from ${spec.table} where org_id = $1 order by id`,
          [orgId],
        )
      : await db.query<{ data: Record<string, unknown> }>(
          'select data from hsds_extra where org_id = $1 and entity = $2 order by id',
          [orgId, spec.name],
        );
    if (rows.length > 0) out[spec.file] = rows.map((r) => r.data);
  }
  return out;
}

/** The one-to-one fields of an entity: its CSV columns, in the schema's order. */
const columnsOf = (entity: string) =>
  Object.entries(schemas.get(entity)?.properties ?? {})
    .filter(([, p]) => p.type === 'string' || p.type === 'number' || p.type === undefined)
    .filter(
      ([name]) =>
        !['taxonomy_detail', 'taxonomy_term', 'location', 'organization', 'program', 'service'].includes(
          name,
        ),
    )
    .map(([name]) => name);

const cell = (v: unknown) => {
  if (v === undefined || v === null) return '';
  // Entered text can start with `=` or `@`: neutralised so a spreadsheet does not run it.
  const s = typeof v === 'string' ? spreadsheetSafe(v) : JSON.stringify(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

interface PackageField {
  name: string;
  type: string;
}
interface PackageResource {
  name: string;
  path: string;
  schema: {
    fields: PackageField[];
    foreignKeys?: { fields: string; reference: { resource: string } }[];
  } & Record<string, unknown>;
}
/** Open Referral's own datapackage.json for HSDS 3.0 (spec/schema/datapackage.json, unchanged). */
interface OfficialPackage {
  resources: PackageResource[];
}

const official = JSON.parse(readFileSync(new URL('datapackage.json', schemaDir), 'utf8')) as OfficialPackage;
const officialResources = new Map(official.resources.map((r) => [r.name, r]));

/**
 * The official resource of an entity, cut to the columns written: each field as HSDS declares it
 * (type date, time, datetime, number…, format, title, description, constraints), the foreign keys
 * whose field and resource the package holds.
 */
function resourceOf(entity: string, file: string, columns: string[], written: Set<string>): PackageResource {
  const resource = officialResources.get(entity);
  const fields = new Map(resource?.schema.fields.map((f) => [f.name, f]));
  const props = schemas.get(entity)?.properties ?? {};
  const foreignKeys = resource?.schema.foreignKeys?.filter(
    (k) => columns.includes(k.fields) && written.has(k.reference.resource),
  );
  return {
    ...resource,
    name: entity,
    path: file,
    schema: {
      ...resource?.schema,
      fields: columns.map((c) => fields.get(c) ?? { name: c, type: props[c]?.type ?? 'string' }),
      ...(foreignKeys ? { foreignKeys } : {}),
    },
  };
}

/** The CSV files and datapackage.json of the tabular form. */
export function toCsvFiles(tables: TabularJson): Map<string, string> {
  const files = new Map<string, string>();
  const present = entities.filter((spec) => tables[spec.file]);
  const written = new Set(present.map((spec) => spec.name));
  const resources = [];
  for (const spec of present) {
    const rows = tables[spec.file] ?? [];
    const columns = columnsOf(spec.name);
    files.set(
      spec.file,
      `${[columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n')}\r\n`,
    );
    resources.push(resourceOf(spec.name, spec.file, columns, written));
  }
  // The package's own metadata as Open Referral writes it: name, title, description, version, homepage, licence.
  const pkg = { ...official, resources };
  files.set('datapackage.json', `${JSON.stringify(pkg, null, 2)}\n`);
  return files;
}

export function toZip(files: Map<string, string>): Uint8Array {
  return zipSync(Object.fromEntries([...files].map(([name, text]) => [name, strToU8(text)])));
}

/** Writes the tabular form into a folder (the CLI's export). */
export async function writeCsvFolder(dir: string, files: Map<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of files) await writeFile(join(dir, name), text);
}
