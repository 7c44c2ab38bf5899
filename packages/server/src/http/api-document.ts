import { version } from '../version.js';
import { anyone, problems, type Router, securitySchemes, signedIn } from './openapi.js';
import { publicApiPaths } from './security.js';

type OpenAPIObject = ReturnType<Router['getOpenAPI31Document']>;
type OperationObject = NonNullable<NonNullable<OpenAPIObject['paths']>[string]['get']>;

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * An operation's id, from its method and path alone, so it stays the same while the route does
 * and two routes cannot share one: `GET /api/clients/{id}/screenings` → `getClientsByIdScreenings`.
 * The `/api` prefix every session route shares is left out.
 */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((segment, i) => segment !== '' && !(i === 1 && segment === 'api'))
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      return param ? ['by', ...param.split(/[^A-Za-z0-9]+/)] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
}

/** Where the server reads sessions (app.ts: loadSession on /api and /hsds); elsewhere a route says what it takes. */
const sessionGuarded = (path: string) => /^\/(api|hsds)\//.test(path);

/** A generic problem description that names another status than the one it is given for. */
const genericByDescription = new Map<string, number>(
  Object.entries(problems).map(([status, p]) => [p.description, Number(status)]),
);

/**
 * Every operation gets an operationId; its security, where the route does not say, from the same
 * list of public paths the server enforces (deny by default: under /api and /hsds a session unless
 * the path is public; outside them no session is read, so none is claimed); and, for a refusal
 * that borrowed another status's shared wording, the wording of its own status. Done over the
 * whole document, so a route added later is held to the same.
 */
function completeOperation(method: string, path: string, op: OperationObject): void {
  op.operationId ??= operationIdOf(method, path);
  op.security ??= sessionGuarded(path) && !publicApiPaths.has(path) ? signedIn : anyone;
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    if (!('description' in response)) continue;
    const borrowed = genericByDescription.get(response.description);
    const own = problems[Number(status) as keyof typeof problems];
    if (borrowed !== undefined && borrowed !== Number(status) && own) response.description = own.description;
  }
}

const fhirTag = 'FHIR R4';

/**
 * The API document GET /api/openapi.json serves: every route of `app`, completed as above.
 * The FHIR API for clinics is its own standard API, described by its CapabilityStatement
 * (resource types, search parameters, operations such as bulk $export, how to authenticate):
 * the document links there rather than keep a second, drifting description.
 */
export function apiDocument(app: Router, publicUrl: string): OpenAPIObject {
  const capabilityStatement = `${publicUrl}/fhir/r4/metadata`;
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Puente API',
      version,
      description:
        'The API of Puente, the field platform for community health workers. People’s apps call /api with ' +
        'a session; HSDS 3.0 clients read the resource directory at /hsds (signed in) or /hsds/o/{slug} ' +
        '(a public directory). Every refusal is RFC 9457 problem details. Connected clinics use the FHIR R4 ' +
        `API at /fhir/r4 with a Bearer token, described by its CapabilityStatement (${capabilityStatement}).`,
      license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    security: signedIn,
    tags: [
      {
        name: fhirTag,
        description:
          'The FHIR R4 API for connected clinics at /fhir/r4 (HL7 FHIR R4 RESTful API, ' +
          'https://hl7.org/fhir/R4/http.html; refusals are OperationOutcomes). Its CapabilityStatement, ' +
          'GET /fhir/r4/metadata without a token, is the full description: resource types, search ' +
          'parameters, interactions (a referral’s sender cancels its Task by update or JSON Patch), operations ' +
          'such as bulk $export, and how API clients authenticate.',
        externalDocs: { description: 'The FHIR API’s CapabilityStatement', url: capabilityStatement },
      },
    ],
  });
  doc.components = {
    ...doc.components,
    securitySchemes: { ...doc.components?.securitySchemes, ...securitySchemes },
  };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of methods) {
      const op = item[method];
      if (op) completeOperation(method, path, op);
    }
  }
  return doc;
}
