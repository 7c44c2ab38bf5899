import { needsOfStem, needToken, phrasesIn } from './needs.js';
import { stem, words } from './text.js';

/** A CHW's search words as the index holds them: each word's stem, or the needs it names. */
export interface QueryTerms {
  /** One group per word: any lexeme in a group matches that word. */
  groups: string[][];
  /** The folded words without stop words, for typo-tolerant name matching. */
  folded: string;
}

/**
 * Turns free text in English or Spanish into search terms: accents folded,
 * stems, and the need each word names, typos allowed ("fod" → food).
 * @example queryTerms('despensa').groups // [['despensa', 'need_food']]
 */
export function queryTerms(text: string): QueryTerms {
  const stems = words(text).map(stem);
  const groups: string[][] = [];
  // A need phrase ("salud mental") is one need, not the needs of its words.
  const inPhrase = new Set<number>();
  for (const p of phrasesIn(stems)) {
    groups.push([needToken(p.need)]);
    for (let i = p.at; i < p.at + p.length; i++) inPhrase.add(i);
  }
  stems.forEach((s, i) => {
    if (!inPhrase.has(i)) groups.push([...new Set([s, ...needsOfStem(s).map(needToken)])]);
  });
  return { groups, folded: words(text).join(' ') };
}

/**
 * The PostgreSQL tsquery of the terms: words joined by OR so that a partly
 * matching entry still shows, ranked below fuller matches. Lexemes are
 * folded letters and digits only, so quoting them is safe.
 */
export function toTsquery(terms: QueryTerms): string | undefined {
  const parts = terms.groups.map((g) => `(${g.map((l) => `'${l}'`).join(' | ')})`);
  return parts.length > 0 ? parts.join(' | ') : undefined;
}

/**
 * The distinct lexemes of the terms. The search document holds lexemes without
 * positions or weights, so ts_rank gives each one found the same weight: an
 * entry ranks by how many of these lexemes it holds.
 * @example termLexemes(queryTerms('food pantry')) // ['food', 'need_food', 'pantry']
 */
export function termLexemes(terms: QueryTerms): string[] {
  return [...new Set(terms.groups.flat())];
}

const combinations = <T>(items: readonly T[], k: number): T[][] =>
  k === 0
    ? [[]]
    : items.flatMap((item, i) => combinations(items.slice(i + 1), k - 1).map((rest) => [item, ...rest]));

/** The tsquery of entries holding at least k of the lexemes. */
const atLeast = (lexemes: readonly string[], k: number) =>
  combinations(lexemes, k)
    .map((c) => (c.length === 1 ? `'${c[0]}'` : `(${c.map((l) => `'${l}'`).join(' & ')})`))
    .join(' | ');

/**
 * One tsquery per level, best first: entries holding all the lexemes, then
 * exactly one fewer, down to exactly one. Each level is small or dense, so
 * its first entries come cheaply from an index instead of ranking every match.
 * @example levelTsqueries(['a', 'b']) // ["('a' & 'b')", "('a' | 'b') & !(('a' & 'b'))"]
 */
export function levelTsqueries(lexemes: readonly string[]): string[] {
  return lexemes.map((_, i) => {
    const k = lexemes.length - i;
    return k === lexemes.length
      ? atLeast(lexemes, k)
      : `(${atLeast(lexemes, k)}) & !(${atLeast(lexemes, k + 1)})`;
  });
}
