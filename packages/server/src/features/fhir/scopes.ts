// SMART v2 system scopes (`system/Observation.rs`): what an access token lets its client do,
// on top of, never instead of, the consent policy that decides which people and data kinds
// the client sees at all (consented.ts).

/** v2 permissions in the order a scope writes them: create, read, update, delete, search. */
const PERMS = ['c', 'r', 'u', 'd', 's'] as const;
export type Perm = (typeof PERMS)[number];

/** SMART v1 words, still sent by older clients, as v2 permissions. */
const V1: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };
const SCOPE = /^system\/(\*|[A-Z][A-Za-z]{1,63})\.([a-z*]+)$/;

export interface Scope {
  /** A resource type, or `*` for every type. */
  type: string;
  perms: ReadonlySet<Perm>;
}

/**
 * One scope, when it is a SMART system scope with permissions in v2 order (or v1's read, write, *)
 * naming a type of `types`; undefined otherwise. Scopes narrowed by search parameters are not taken.
 * @example parseScope('system/Patient.rs', ['Patient']) // { type: 'Patient', perms: Set { 'r', 's' } }
 */
export function parseScope(text: string, types: readonly string[]): Scope | undefined {
  const match = SCOPE.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  const [, type, written] = match;
  if (type !== '*' && !types.includes(type)) return undefined;
  const letters = V1[written] ?? written;
  // v2 letters appear at most once each, in the order c r u d s.
  if (!new RegExp(`^${PERMS.map((p) => `${p}?`).join('')}$`).test(letters) || letters === '')
    return undefined;
  return { type, perms: new Set(letters.split('') as Perm[]) };
}

const write = (type: string, perms: ReadonlySet<Perm>) =>
  `system/${type}.${PERMS.filter((p) => perms.has(p)).join('')}`;

/** The permissions `scopes` give on `type` (a `*` scope gives them on every type). */
function permsOn(scopes: readonly Scope[], type: string, exact = false): Set<Perm> {
  const out = new Set<Perm>();
  for (const s of scopes)
    if (s.type === type || (!exact && s.type === '*')) for (const p of s.perms) out.add(p);
  return out;
}

/** Whether the scopes let the client do `perm` on `type`. */
export const allows = (scopes: readonly string[], types: readonly string[], type: string, perm: Perm) =>
  permsOn(
    scopes.flatMap((s) => parseScope(s, types) ?? []),
    type,
  ).has(perm);

/**
 * What a token gets: each asked scope narrowed to what the registration allows, as scope strings,
 * a type's scope left out when a `*` scope already gives all it would.
 * @example grant(['system/*.rs', 'system/Task.cru'], ['system/Patient.rs', 'system/Task.rs'], types)
 * // ['system/Patient.rs', 'system/Task.rs']
 */
export function grant(
  asked: readonly Scope[],
  allowed: readonly Scope[],
  types: readonly string[],
): string[] {
  const given = new Map<string, Set<Perm>>();
  for (const a of asked) {
    for (const type of a.type === '*' ? ['*', ...types] : [a.type]) {
      const may = permsOn(allowed, type, type === '*');
      const perms = [...a.perms].filter((p) => may.has(p));
      if (perms.length === 0) continue;
      const have = given.get(type) ?? new Set<Perm>();
      for (const p of perms) have.add(p);
      given.set(type, have);
    }
  }
  const everyType = given.get('*') ?? new Set<Perm>();
  return [...given]
    .filter(([type, perms]) => type === '*' || [...perms].some((p) => !everyType.has(p)))
    .map(([type, perms]) => write(type, perms))
    .sort();
}

/** The scope a static-secret client has always had: reading and searching every type. */
export const SECRET_SCOPES: readonly string[] = ['system/*.rs'];

/** Reference lists that cite other resources as context (why, from what, with what). */
const CITING = ['supportingInfo', 'reasonReference', 'derivedFrom', 'hasMember', 'basedOn', 'partOf'];
const typeOf = (ref: unknown): string =>
  ref && typeof ref === 'object'
    ? (String((ref as { reference?: unknown }).reference ?? '').split('/')[0] ?? '')
    : '';

/**
 * The resource without the citations a reader may not open: entries of the citing lists and
 * extensions holding a reference (a goal the request pertains to) whose type the token cannot
 * read. Whose record it is (subject, patient, for) and what a Task is about (focus) stay.
 */
export function citingOnlyReadable<R extends { [field: string]: unknown }>(
  resource: R,
  scopes: readonly string[],
  types: readonly string[],
): R {
  const readable = (ref: unknown) => {
    const type = typeOf(ref);
    return type === '' || allows(scopes, types, type, 'r');
  };
  const out: { [field: string]: unknown } = { ...resource };
  for (const field of CITING) {
    const list = out[field];
    if (!Array.isArray(list)) continue;
    const kept = list.filter(readable);
    if (kept.length > 0) out[field] = kept;
    else delete out[field];
  }
  if (Array.isArray(out.extension)) {
    const kept = (out.extension as { valueReference?: unknown }[]).filter(
      (e) => e.valueReference === undefined || readable(e.valueReference),
    );
    if (kept.length > 0) out.extension = kept;
    else delete out.extension;
  }
  return out as R;
}
