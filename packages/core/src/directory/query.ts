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
