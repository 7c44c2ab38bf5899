import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type TabularJson, toCsvFiles } from './export.js';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
/** Open Referral's example directory in the tabular form: every entity, dates and times among them. */
const tabular = read('./fixtures/examples/tabular.json') as TabularJson;
const files = toCsvFiles(tabular);
const pkg = JSON.parse(files.get('datapackage.json') ?? '{}') as {
  resources: { name: string; path: string; description?: string; schema: { fields: Field[] } }[];
} & Record<string, unknown>;
interface Field {
  name: string;
  type: string;
  format?: string;
  title?: string;
}
/** An entity's official JSON schema: `datapackage_type` is the field's type in HSDS's tabular form. */
const jsonSchema = (entity: string) =>
  read(`./spec/schema/${entity}.json`) as {
    properties: Record<string, { datapackage_type?: string; title?: string; type?: string }>;
  };

describe('the exported datapackage.json', () => {
  it('keeps the official package metadata: title, description, licence, homepage, version', () => {
    expect(pkg).toMatchObject({
      name: 'human_services_data',
      title: 'Human Services Data Specification',
      description: expect.stringContaining('organizations, the services they provide'),
      profile: 'tabular-data-package',
      version: '3.0.0',
      homepage: 'http://docs.openreferral.org',
      license: { type: 'CC-BY-SA-4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
    });
  });

  it('types every field as the official schema does (date, time, datetime, number …), with its title', () => {
    expect(pkg.resources.map((r) => r.path).sort()).toEqual(Object.keys(tabular).sort());
    const checked: Record<string, number> = {};
    for (const resource of pkg.resources) {
      const official = jsonSchema(resource.name).properties;
      expect(resource.description, resource.name).toBeTruthy();
      for (const field of resource.schema.fields) {
        const want = official[field.name];
        expect(want, `${resource.name}.${field.name} is an HSDS field`).toBeDefined();
        expect(field.type, `${resource.name}.${field.name}`).toBe(want?.datapackage_type ?? want?.type);
        expect(field.title, `${resource.name}.${field.name}`).toBe(want?.title);
        checked[field.type] = (checked[field.type] ?? 0) + 1;
      }
    }
    // The example holds dates, times and a datetime: the test sees each kind, not only strings.
    expect(checked).toMatchObject({
      date: expect.any(Number),
      time: 2,
      datetime: 1,
      number: expect.any(Number),
    });
    const schedule = pkg.resources.find((r) => r.name === 'schedule')?.schema.fields;
    expect(schedule?.find((f) => f.name === 'opens_at')?.type).toBe('time');
    expect(schedule?.find((f) => f.name === 'valid_from')?.type).toBe('date');
  });

  it('lists each CSV’s columns in the file’s order, and the CSV values fit their declared types', () => {
    const patterns: Record<string, RegExp> = {
      date: /^\d{4}-\d{2}-\d{2}$/,
      time: /^\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/,
      datetime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/,
      number: /^-?\d+(\.\d+)?$/,
    };
    for (const resource of pkg.resources) {
      const [header = '', ...lines] = (files.get(resource.path) ?? '').trimEnd().split('\r\n');
      const names = resource.schema.fields.map((f) => f.name);
      expect(header.split(','), resource.path).toEqual(names);
      const rows = tabular[resource.path] ?? [];
      expect(lines.length).toBe(rows.length);
      for (const row of rows)
        for (const field of resource.schema.fields) {
          const value = row[field.name];
          const pattern = patterns[field.type];
          if (pattern && value !== undefined && value !== null && value !== '')
            expect(String(value), `${resource.name}.${field.name}`).toMatch(pattern);
        }
    }
  });
});
