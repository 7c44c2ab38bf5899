import { readFileSync } from 'node:fs';
import { type HsdsReason, hasNul, isSafeUrl, minutesOf, scheduleProblem, spokenTime } from '@puente/core';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { entities, type SourcedRecord } from './entities.js';

// Resolved from the package root, so it works from src/ (tests, tsx) and dist/ alike.
export const schemaDir = new URL('../../../src/features/hsds/spec/schema/', import.meta.url);

/** A JSON schema as HSDS writes it: only the parts import reads. */
export interface EntitySchema {
  required?: string[];
  properties: Record<string, { type?: string; format?: string }>;
}

export const schemas = new Map<string, EntitySchema>(
  entities.map((e) => [e.name, JSON.parse(readFileSync(new URL(`${e.name}.json`, schemaDir), 'utf8'))]),
);

// HSDS schemas carry documentation keywords (title, constraints, core, ...) that are not JSON Schema.
const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS: under ESM its plugin function sits on `default`.
const addFormats = (addFormatsPlugin as unknown as { default: (a: Ajv) => Ajv }).default;
addFormats(ajv);
for (const [name, schema] of schemas) ajv.addSchema(schema, `${name}.json`);
const validators = new Map<string, ValidateFunction>();
function validatorOf(entity: string): ValidateFunction {
  let v = validators.get(entity);
  if (!v) {
    v = ajv.getSchema(`${entity}.json`);
    if (!v) throw new Error(`no schema for ${entity}`);
    validators.set(entity, v);
  }
  return v;
}

/** `reason` in English for the command line; `code` and `params` for the admin's screen, in their language. */
export interface Problem {
  field: string;
  reason: string;
  code: HsdsReason;
  params?: Record<string, string>;
}

const formatCodes: Record<string, HsdsReason> = {
  email: 'notEmail',
  uri: 'notUri',
  uuid: 'notUuid',
  date: 'notDate',
  'date-time': 'notDateTime',
};
const limitCodes: Record<string, HsdsReason> = {
  maxLength: 'tooLong',
  minLength: 'tooShort',
  minimum: 'belowMinimum',
  exclusiveMinimum: 'belowMinimum',
  maximum: 'aboveMaximum',
  exclusiveMaximum: 'aboveMaximum',
};

/**
 * One rule of the official schema a record broke, as the field and the rule: never the value,
 * which may be a person's phone or email. Rules the catalogs have no words for keep their name.
 */
function schemaProblem(e: ErrorObject): Problem {
  const params = e.params as Record<string, unknown>;
  const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
  const field = missing ?? (e.instancePath.replace(/^\//, '').split('/')[0] || '(record)');
  const reason = missing ? 'is required' : (e.message ?? 'is not valid');
  if (missing) return { field, reason, code: 'required' };
  if (e.keyword === 'format') {
    const format = String(params.format);
    const code = formatCodes[format];
    return code ? { field, reason, code } : { field, reason, code: 'badFormat', params: { format } };
  }
  if (e.keyword === 'type') {
    const type = String(params.type);
    return type === 'number' || type === 'integer'
      ? { field, reason, code: 'notNumber' }
      : { field, reason, code: 'wrongType', params: { type } };
  }
  const limitCode = limitCodes[e.keyword];
  if (limitCode) return { field, reason, code: limitCode, params: { limit: String(params.limit) } };
  if (e.keyword === 'enum')
    return {
      field,
      reason,
      code: 'notAllowed',
      params: { values: (params.allowedValues as unknown[]).join(', ') },
    };
  if (e.keyword === 'pattern') return { field, reason, code: 'badPattern' };
  return { field, reason, code: 'notValid' };
}

/**
 * What is wrong with one flat record: the official schema first, then the
 * sense checks the schema cannot express. Warnings are fixed in place.
 */
export function checkRecord(r: SourcedRecord): { errors: Problem[]; warnings: Problem[] } {
  const validate = validatorOf(r.entity);
  const errors: Problem[] = [];
  if (!validate(r.record)) {
    for (const e of validate.errors ?? []) errors.push(schemaProblem(e));
    return { errors, warnings: [] };
  }
  const props = schemas.get(r.entity)?.properties ?? {};
  for (const [field, value] of Object.entries(r.record)) {
    if (typeof value !== 'string') continue;
    // PostgreSQL text cannot hold a NUL: refused here, named, instead of failing the whole import.
    if (hasNul(value)) errors.push({ field, reason: 'contains a NUL character', code: 'nul' });
    // A link someone taps: http(s), tel or mailto only, never javascript: or data:.
    else if (props[field]?.format === 'uri' && !isSafeUrl(value))
      errors.push({ field, reason: 'is not an http(s), tel or mailto link', code: 'badLink' });
  }
  if (errors.length > 0) return { errors, warnings: [] };
  const warnings: Problem[] = [];
  if (r.entity === 'location') {
    // The official examples carry latitude 100: keep the place, drop coordinates no map can show.
    for (const [field, limit] of [
      ['latitude', 90],
      ['longitude', 180],
    ] as const) {
      const v = r.record[field];
      if (typeof v === 'number' && Math.abs(v) > limit) {
        warnings.push({
          field,
          reason: `${v} is outside ±${limit}; the location is kept without coordinates`,
          code: 'outsideRange',
          params: { value: String(v), limit: String(limit) },
        });
        delete r.record.latitude;
        delete r.record.longitude;
      }
    }
  }
  if (r.entity === 'schedule') {
    // "9am", "4:00 PM", "noon": the time it says, written HH:MM, and the row kept.
    for (const field of ['opens_at', 'closes_at'] as const) {
      const v = r.record[field];
      if (typeof v !== 'string' || minutesOf(v) !== undefined) continue;
      const time = spokenTime(v);
      if (time === undefined) continue;
      r.record[field] = time;
      warnings.push({
        field,
        reason: `"${v}" is read as ${time}`,
        code: 'readAs',
        params: { value: v, time },
      });
    }
    const problem = scheduleProblem(r.record as Record<string, string | undefined>);
    if (problem) errors.push(problem);
  }
  if (r.entity === 'service') {
    const [min, max] = [r.record.minimum_age, r.record.maximum_age];
    if (typeof min === 'number' && typeof max === 'number' && min > max)
      errors.push({
        field: 'maximum_age',
        reason: `is below minimum_age (${min})`,
        code: 'belowMinimumAge',
        params: { min: String(min) },
      });
  }
  // A refused record is refused whole: what would have been fixed in it is beside the point.
  return { errors, warnings: errors.length > 0 ? [] : warnings };
}

/**
 * CSV cells as the schema types them: numbers become numbers, empty cells
 * are absent. A cell that is not a number stays text so validation names it.
 */
export function typedRow(entity: string, row: Record<string, string>): Record<string, unknown> {
  const props = schemas.get(entity)?.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(row)) {
    const value = raw.trim();
    if (value === '') continue;
    const type = props[key]?.type;
    out[key] = type === 'number' && Number.isFinite(Number(value)) ? Number(value) : raw;
  }
  return out;
}

/**
 * Tabular JSON cells as CSV would give them: the tabular form is text, so a
 * number in a text column (the official tabular.json has some) is its digits.
 */
export function textCells(entity: string, row: unknown): unknown {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return row;
  const props = schemas.get(entity)?.properties ?? {};
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      props[k]?.type === 'string' && (typeof v === 'number' || typeof v === 'boolean') ? String(v) : v,
    ]),
  );
}
