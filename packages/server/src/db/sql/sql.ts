/**
 * SQL composed by name. A value written into the template becomes a `$n`
 * parameter, numbered in order over the whole statement; a fragment written
 * into it is inlined with its own values renumbered, so a shared fragment
 * (a caller's scope, a timestamp column) fits any query at any position.
 *
 * The text depends only on the template's shape, never on the values, so the
 * same query is always the same text and PostgreSQL's prepared-statement
 * naming (db/postgres.ts) keeps working.
 *
 * @example
 * const q = sql`select id from client c where c.org_id = ${orgId} and ${clientScope(actor)}`;
 * await db.query<{ id: string }>(q);
 */
export class Sql {
  #compiled: { text: string; values: unknown[] } | undefined;

  /** @internal Built by `sql`, `identifier` and `join`; never from a string a caller chose. */
  constructor(
    readonly strings: readonly string[],
    readonly parts: readonly unknown[],
  ) {}

  /** The statement's text, with `$1…$n` in place of the values. */
  get text(): string {
    return this.#compile().text;
  }

  /** The parameters, in the order of their numbers. */
  get values(): unknown[] {
    return this.#compile().values;
  }

  /** Refused: a fragment in a plain template string would lose its values. */
  toString(): never {
    throw new TypeError('sql: a fragment was written into a plain string; compose it with sql`…`');
  }

  #compile() {
    if (!this.#compiled) {
      const state: Compiling = { text: '', values: [], bound: new Map() };
      place(this, state);
      this.#compiled = { text: state.text, values: state.values };
    }
    return this.#compiled;
  }
}

/**
 * One value given one number however often the statement names it, as `$1`
 * is named three times in a hand-written query. Made by `bind`.
 */
export class Bound {
  /** @internal */
  constructor(readonly value: unknown) {}
}

interface Compiling {
  text: string;
  values: unknown[];
  bound: Map<Bound, number>;
}

function place(fragment: Sql, state: Compiling): void {
  fragment.strings.forEach((text, i) => {
    state.text += text;
    if (i < fragment.parts.length) placeValue(fragment.parts[i], state);
  });
}

function placeValue(value: unknown, state: Compiling): void {
  if (value instanceof Sql) {
    place(value, state);
    return;
  }
  if (value instanceof Bound) {
    let n = state.bound.get(value);
    if (n === undefined) {
      state.values.push(value.value);
      n = state.values.length;
      state.bound.set(value, n);
    }
    state.text += `$${n}`;
    return;
  }
  if (value === undefined) {
    throw new TypeError('sql: a value is undefined; write null for SQL NULL');
  }
  if (Array.isArray(value) && value.some((v) => v instanceof Sql || v instanceof Bound)) {
    throw new TypeError('sql: an array holds fragments; put them together with join()');
  }
  // Anything else, strings and arrays included, is one parameter: never SQL text.
  state.values.push(value);
  state.text += `$${state.values.length}`;
}

/** Templates already checked (a statement's whole text was scanned on every call). */
const checked = new WeakSet<TemplateStringsArray>();

/**
 * The tag. Only a template written in the code is SQL; `sql(someString)` is
 * refused, and so is a hand-numbered `$1` inside the template (it would collide
 * with the numbers the tag gives).
 */
export function sql(strings: TemplateStringsArray, ...parts: unknown[]): Sql {
  if (!checked.has(strings)) {
    if (!Array.isArray(strings) || !('raw' in strings)) {
      throw new TypeError('sql: call it as a tag, sql`…`, so a string is never taken as SQL');
    }
    if (strings.some((s) => /\$\d/.test(s))) {
      throw new TypeError('sql: write a value in the template instead of a numbered $n');
    }
    // A template written in the code is one frozen object, the same at every call: checked once.
    if (Object.isFrozen(strings)) checked.add(strings);
  }
  return new Sql(strings, parts);
}

/** A value that keeps one parameter number wherever the statement names it. */
export function bind(value: unknown): Bound {
  if (value === undefined) throw new TypeError('sql: a value is undefined; write null for SQL NULL');
  return new Bound(value);
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/**
 * A column or table name written into SQL as it is, e.g. `c.created_at`.
 * Only plain lower-case names (optionally `alias.name`) pass; anything else is refused.
 */
/** Any SQL identifier, quoted, as text: for names from the catalog or the code, never from a person. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function identifier(name: string): Sql {
  if (!IDENTIFIER.test(name)) throw new TypeError(`sql: not a plain column name: ${JSON.stringify(name)}`);
  return new Sql([name], []);
}

/** Fragments one after another, with `separator` (a fragment, `, ` by default) between them. */
export function join(fragments: readonly Sql[], separator: Sql = new Sql([', '], [])): Sql {
  if (fragments.length === 0) return new Sql([''], []);
  const strings = [''];
  const parts: unknown[] = [];
  fragments.forEach((fragment, i) => {
    if (i > 0) {
      parts.push(separator);
      strings.push('');
    }
    parts.push(fragment);
    strings.push('');
  });
  return new Sql(strings, parts);
}

/** A statement as the engines take it: hand-written text with its parameters, or a composed one. */
export function statement(
  query: string | Sql,
  params?: readonly unknown[],
): { text: string; values: unknown[] } {
  if (typeof query === 'string') return { text: query, values: (params ?? []) as unknown[] };
  if (params !== undefined) throw new TypeError('sql: a composed statement carries its own values');
  return { text: query.text, values: query.values };
}
