import { version } from '../../version.js';
import { resourceKinds } from './resources.js';

const paramTypes: Record<string, string> = {
  patient: 'reference',
  subject: 'reference',
  date: 'date',
  status: 'token',
  'lifecycle-status': 'token',
  code: 'token',
  category: 'token',
  questionnaire: 'reference',
  url: 'uri',
  authored: 'date',
  'authored-on': 'date',
  modified: 'date',
  priority: 'token',
  focus: 'reference',
  'business-status': 'token',
};

const BULK =
  'Send "Prefer: respond-async"; _type, _since and _outputFormat (application/fhir+ndjson, application/ndjson, ndjson) are supported, and only the types the token may read are exported. Poll the Content-Location: 202 with Retry-After and X-Progress while another poll writes the files, then the manifest (the first poll writes them), with an Expires header: files are kept 24 hours. DELETE on the status URL cancels the export and deletes its files.';

/** What a referral's sender may do to its Task besides reading it: withdraw it. */
const TASK_UPDATES = [
  {
    code: 'update',
    documentation:
      'The sender of a referral to the program cancels it: PUT the Task as read with status "cancelled" and, if it likes, statusReason (system/Task.u). Only while received, accepted or in-progress (else 409); any other change is refused (422); another client’s Task or an unknown id is 404. If-Match: W/"<versionId>" is honoured (412 when the Task moved since the read).',
  },
  {
    code: 'patch',
    documentation:
      'The same cancellation as a JSON Patch (application/json-patch+json): replace /status with "cancelled", add or replace /statusReason, test /status. If-Match as for update.',
  },
];

/** What the FHIR API serves, as the CapabilityStatement at `/fhir/r4/metadata`. */
export function capabilityStatement(base: string, tokenUrl: string) {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-26',
    publisher: 'Puente',
    kind: 'instance',
    software: { name: 'Puente', version },
    implementation: { description: 'Puente FHIR R4 API for connected clinics', url: base },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Read-only, but for referrals to the program: a transaction Bundle (Patient, Consent, ServiceRequest, Task; Gravity SDOHCC) POSTed to the base with system/ServiceRequest.c and system/Task.c, whose Task the sender then reads back and may cancel (update or patch with system/Task.u). A resource type or search parameter not listed here is refused with an OperationOutcome.',
        security: {
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: tokenUrl }],
            },
          ],
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'SMART-on-FHIR',
                },
              ],
              text: 'SMART Backend Services (client_credentials with a private_key_jwt assertion, RS384 or ES384)',
            },
          ],
          description: `Each clinic system is an API client registered by an administrator of the program, with its public keys (JWKS) and the SMART v2 system scopes it may be given. It signs a JWT assertion, trades it at ${tokenUrl} for an access token that lasts five minutes, and sends it as "Authorization: Bearer <token>" (see ${base}/.well-known/smart-configuration). A static client secret sent the same way still works but is deprecated (answers carry a Deprecation header); registering keys retires it. Scopes say which types a token may read (r) and search (s); within them, a client sees a person only through the referrals addressed to it (by its partner name, or the need’s category) whose consent to share names it, and of that person only the data kinds those consents name.`,
        },
        resource: [
          ...Object.entries(resourceKinds).map(([type, kind]) => ({
            type,
            documentation: kind.documentation,
            interaction: [
              { code: 'read' },
              { code: 'search-type' },
              ...(type === 'Task' ? TASK_UPDATES : []),
            ],
            // The Tasks of referrals sent to the program carry a version; an update may name it (If-Match).
            ...(type === 'Task' ? { versioning: 'versioned-update' } : {}),
            ...(type === 'Patient'
              ? {
                  operation: [
                    {
                      name: 'export',
                      definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export',
                      documentation: `Bulk export of the data of every patient the client sees. ${BULK}`,
                    },
                  ],
                }
              : {}),
            searchParam: [
              { name: '_id', type: 'token' },
              ...kind.params.map((name) => ({ name, type: paramTypes[name] ?? 'string' })),
              { name: '_count', type: 'number', documentation: 'Page size, at most 1000 (default 100).' },
              { name: '_offset', type: 'number', documentation: 'Matches to skip: the next link sets it.' },
            ],
          })),
          {
            type: 'Group',
            documentation: 'One group per API client (its id is the client id): the people it sees.',
            interaction: [{ code: 'read' }],
            operation: [
              {
                name: 'export',
                definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export',
                documentation: `Bulk export of the group’s data. ${BULK}`,
              },
            ],
          },
        ],
        interaction: [
          {
            code: 'transaction',
            documentation:
              'A referral from the clinic to the program: one Patient, Consent, ServiceRequest and Task, each POSTed under a urn:uuid: fullUrl and referring to one another by it. Taken whole or refused with an OperationOutcome; sending the same ServiceRequest.identifier again answers with the first Task.',
          },
        ],
        operation: [
          {
            name: 'export',
            definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export',
            documentation: `System-level bulk export: the patients’ data and the Questionnaires. ${BULK}`,
          },
        ],
      },
    ],
  };
}
