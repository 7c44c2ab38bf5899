import {
  type Concept,
  conceptPhrasesIn,
  conceptsOfStem,
  conceptsOfText,
  type Synonym,
  synonymStems,
} from './lexicon/index.js';
import { needToken } from './needs.js';
import { stem, stems, words } from './text.js';

/** A CHW's search words as the index holds them: each word's stem, or the concepts and needs it names. */
export interface QueryTerms {
  /** One group per word or phrase: any lexeme in a group matches it. */
  groups: string[][];
  /** The folded words without stop words, for typo-tolerant name matching. */
  folded: string;
}

const lexemesOf = (concepts: readonly Concept[]) => [
  ...concepts.map((c) => c.token),
  ...new Set(concepts.map((c) => needToken(c.need))),
];

/**
 * Turns free text in English or Spanish into search terms: accents folded, stems, and
 * what each word or phrase names in the lexicon, typos allowed ("fod" → food). A word the
 * lexicon holds is searched by its concept, which an entry holds in whichever language it
 * is written ("desalojo" finds "eviction"), and by its need; any other word by its stem.
 * A program's own synonyms come first: each is searched as what it means, and as itself.
 * The one function the server's search and the phone's search both use.
 * @example queryTerms('despensa').groups // [['c_food_pantry', 'need_food']]
 */
export function queryTerms(text: string, synonyms: readonly Synonym[] = []): QueryTerms {
  const stems = words(text).map(stem);
  const groups: string[][] = [];
  const taken = new Set<number>();
  const free = (at: number, length: number) =>
    Array.from({ length }, (_, j) => at + j).every((i) => i < stems.length && !taken.has(i));
  const take = (at: number, length: number, group: string[]) => {
    for (let i = at; i < at + length; i++) taken.add(i);
    groups.push([...new Set(group)]);
  };
  for (const s of synonymStems(synonyms)) {
    for (let at = 0; at + s.stems.length <= stems.length; at++) {
      if (!free(at, s.stems.length) || !s.stems.every((x, j) => stems[at + j] === x)) continue;
      take(at, s.stems.length, [...s.stems, ...queryTerms(s.means).groups.flat()]);
    }
  }
  // Longer phrases first: "banco de alimentos" is one concept, not a bank and some food. Its
  // words' concepts of the same need still count within it, so a food bank ranks above a food
  // pantry for "food bank"; a word's other senses ("banco", a bank account) stay out, as each
  // lexeme more is one level more for the search to walk.
  const phrases = conceptPhrasesIn(stems).sort((a, b) => b.length - a.length || a.at - b.at);
  for (const p of phrases) {
    if (!free(p.at, p.length)) continue;
    const phraseNeeds = new Set(p.concepts.map((c) => c.need));
    const own = stems
      .slice(p.at, p.at + p.length)
      .flatMap((s) => conceptsOfStem(s, false).filter((c) => phraseNeeds.has(c.need)))
      .map((c) => c.token);
    take(p.at, p.length, [...lexemesOf(p.concepts), ...own]);
  }
  // A word the lexicon holds, as typed or nearly, is searched by its concepts alone: an entry
  // with the word holds them. Any other word, by its stem.
  stems.forEach((s, i) => {
    if (taken.has(i)) return;
    const named = conceptsOfStem(s);
    take(i, 1, named.length > 0 ? lexemesOf(named) : [s]);
  });
  return { groups, folded: words(text).join(' ') };
}

/**
 * The lexemes a text adds to an entry's search document: its stems and the lexicon's
 * concepts it names (the server's index and the phone's copy of it are built alike).
 * @example documentLexemes('Food Pantry') // ['food', 'pantry', 'c_food_pantry', 'c_food']
 */
export function documentLexemes(text: string): string[] {
  return [...new Set([...stems(text), ...conceptsOfText(text).map((c) => c.token)])];
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
