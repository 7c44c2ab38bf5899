import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Queryable } from '../../db/types.js';
import { spreadsheetSafe } from '../../http/spreadsheet.js';
import { entities } from './entities.js';
import { schemas } from './validate.js';

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

/** The CSV files and datapackage.json of the tabular form. */
export function toCsvFiles(tables: TabularJson): Map<string, string> {
  const files = new Map<string, string>();
  const resources = [];
  for (const spec of entities) {
    const rows = tables[spec.file];
    if (!rows) continue;
    const columns = columnsOf(spec.name);
    files.set(
      spec.file,
      `${[columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n')}\r\n`,
    );
    const props = schemas.get(spec.name)?.properties ?? {};
    resources.push({
      name: spec.name,
      path: spec.file,
      profile: 'tabular-data-resource',
      schema: {
        primaryKey: 'id',
        fields: columns.map((c) => ({ name: c, type: props[c]?.type ?? 'string' })),
      },
    });
  }
  const pkg = { name: 'hsds', profile: 'tabular-data-package', version: '3.0', resources };
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
