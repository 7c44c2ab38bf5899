import { type Coding, type FhirResource, instantOrDay } from './mappers/common.js';
import { FhirProblem } from './outcome.js';
import type { ResourceKind, RowFilter } from './resources.js';

const COMMON = ['_id', '_count', '_offset', '_format'];
const MAX_COUNT = 1000;
const DEFAULT_COUNT = 100;

type Test = (r: FhirResource) => boolean;

export interface Search extends RowFilter {
  tests: Test[];
  count: number;
  offset: number;
}

const get = (r: FhirResource, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    r,
  );

/** The facts search parameters compare against, read from the resource itself. */
export const facets = {
  patient: (r: FhirResource) =>
    r.resourceType === 'Patient'
      ? `Patient/${r.id}`
      : String(
          get(r, 'subject', 'reference') ??
            get(r, 'patient', 'reference') ??
            get(r, 'for', 'reference') ??
            '',
        ),
  date: (r: FhirResource) =>
    String(
      get(r, 'authored') ??
        get(r, 'effectiveDateTime') ??
        get(r, 'dateTime') ??
        get(r, 'startDate') ??
        get(r, 'period', 'start') ??
        '',
    ),
  status: (r: FhirResource) => String(get(r, 'status') ?? get(r, 'lifecycleStatus') ?? ''),
  code: (r: FhirResource) => (get(r, 'code', 'coding') as Coding[] | undefined) ?? [],
  category: (r: FhirResource) =>
    ((get(r, 'category') as { coding?: Coding[] }[] | undefined) ?? []).flatMap((c) => c.coding ?? []),
  businessStatus: (r: FhirResource) => (get(r, 'businessStatus', 'coding') as Coding[] | undefined) ?? [],
};

/** Each date parameter and the moment it compares against (ServiceRequest `authored`, Task `authored-on`, `modified`). */
const dateFacets: Record<string, (r: FhirResource) => string> = {
  date: facets.date,
  authored: (r) => String(get(r, 'authoredOn') ?? ''),
  'authored-on': (r) => String(get(r, 'authoredOn') ?? ''),
  modified: (r) => String(get(r, 'lastModified') ?? ''),
};

/** A token (`system|code`, `|code`, `system|` or `code`) against codings. */
function tokenMatches(token: string, codings: Coding[]): boolean {
  const bar = token.indexOf('|');
  if (bar < 0) return codings.some((c) => c.code === token);
  const [system, code] = [token.slice(0, bar), token.slice(bar + 1)];
  return codings.some(
    (c) => (system === '' ? !c.system : c.system === system) && (code === '' || c.code === code),
  );
}

/** A date parameter (`ge2026-01-01`, `2026-02`, `lt2026-03-01T00:00:00Z`) as a test on a moment. */
function dateTest(value: string): (ms: number) => boolean {
  const match = /^(eq|gt|lt|ge|le)?(\d{4}(-\d{2}(-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?)?)?)$/.exec(value);
  if (!match?.[2]) {
    throw new FhirProblem(
      400,
      'value',
      `The date "${value}" is not understood: use a prefix eq, gt, lt, ge or le and YYYY, YYYY-MM, YYYY-MM-DD or a full date-time.`,
    );
  }
  const range = instantOrDay(match[2]);
  if (!range) throw new FhirProblem(400, 'value', `The date "${value}" does not exist.`);
  const [lo, hi] = range;
  switch (match[1] ?? 'eq') {
    case 'gt':
      return (t) => t >= hi;
    case 'lt':
      return (t) => t < lo;
    case 'ge':
      return (t) => t >= lo;
    case 'le':
      return (t) => t < hi;
    default:
      return (t) => t >= lo && t < hi;
  }
}

function whole(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > max)
    throw new FhirProblem(400, 'value', `${name} must be a whole number from 0 to ${max}.`);
  return n;
}

/**
 * Reads a search's query parameters for one resource type. A parameter the
 * type does not support (or a modifier such as `code:text`) is refused with an
 * OperationOutcome naming it: a clinic must never think a filter applied when it did not.
 */
export function parseSearch(type: string, kind: ResourceKind, query: Record<string, string[]>): Search {
  const allowed = new Set([...COMMON, ...kind.params]);
  const unknown = Object.keys(query).filter((p) => !allowed.has(p));
  if (unknown.length > 0) {
    throw new FhirProblem(
      400,
      'not-supported',
      `The search parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((p) => `"${p}"`).join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not supported for ${type}. Supported: ${[...allowed].join(', ')}.`,
    );
  }
  const one = (p: string) => query[p]?.at(-1);
  const list = (p: string) => query[p]?.flatMap((v) => v.split(',')).filter(Boolean);
  const format = one('_format');
  if (format !== undefined && !['json', 'application/json', 'application/fhir+json'].includes(format))
    throw new FhirProblem(400, 'not-supported', `Only JSON is served; _format "${format}" is not supported.`);
  const tests: Test[] = [];
  const people = [...(list('patient') ?? []), ...(list('subject') ?? [])].map((p) =>
    p.replace(/^Patient\//, ''),
  );
  const ids = list('_id');
  if (ids) tests.push((r) => ids.includes(r.id));
  for (const [param, moment] of Object.entries(dateFacets)) {
    for (const value of query[param] ?? []) {
      const test = dateTest(value);
      tests.push((r) => {
        const at = moment(r);
        return at !== '' && test(Date.parse(at));
      });
    }
  }
  const statuses = list('status') ?? list('lifecycle-status');
  if (statuses) tests.push((r) => statuses.includes(facets.status(r)));
  for (const token of list('code') ?? []) tests.push((r) => tokenMatches(token, facets.code(r)));
  for (const token of list('category') ?? []) tests.push((r) => tokenMatches(token, facets.category(r)));
  const business = list('business-status');
  if (business) tests.push((r) => business.some((token) => tokenMatches(token, facets.businessStatus(r))));
  const priorities = list('priority');
  if (priorities) tests.push((r) => priorities.includes(String(r.priority)));
  const focus = list('focus')?.map((f) => (f.includes('/') ? f : `ServiceRequest/${f}`));
  if (focus) tests.push((r) => focus.includes(String(get(r, 'focus', 'reference'))));
  const questionnaire = one('questionnaire');
  if (questionnaire) tests.push((r) => String(r.questionnaire).split('|')[0] === questionnaire.split('|')[0]);
  const url = one('url');
  if (url) tests.push((r) => r.url === url);
  return {
    patientIds: people.length > 0 ? people : null,
    ids: ids ?? null,
    tests,
    count: whole('_count', one('_count'), DEFAULT_COUNT, MAX_COUNT),
    offset: whole('_offset', one('_offset'), 0, Number.MAX_SAFE_INTEGER),
  };
}

/** A searchset Bundle of one page of matches, with self and next links. */
export function searchBundle(base: string, selfUrl: URL, matches: FhirResource[], s: Search) {
  const page = matches.slice(s.offset, s.offset + s.count);
  const link = [{ relation: 'self', url: selfUrl.toString() }];
  if (s.offset + s.count < matches.length) {
    const next = new URL(selfUrl);
    next.searchParams.set('_offset', String(s.offset + s.count));
    next.searchParams.set('_count', String(s.count));
    link.push({ relation: 'next', url: next.toString() });
  }
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    link,
    entry: page.map((resource) => ({
      fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}
